import Foundation

/// Writes a kubeconfig for a loopback stand-in.
public enum Kubeconfig {
  /// The kubeconfig text: one cluster, one anonymous user, one context (current).
  public static func text(server: String, context: String) -> String {
    """
    apiVersion: v1
    kind: Config
    clusters:
    - name: \(context)
      cluster:
        server: \(server)
    contexts:
    - name: \(context)
      context:
        cluster: \(context)
        user: \(context)
    current-context: \(context)
    users:
    - name: \(context)
      user: {}

    """
  }

  /// Writes the kubeconfig with mode 0600 (created that way, never world-readable).
  public static func write(to path: String, server: String, context: String) throws {
    let ok = FileManager.default.createFile(
      atPath: path, contents: Data(text(server: server, context: context).utf8),
      attributes: [.posixPermissions: 0o600])
    guard ok else { throw StandInError("cannot write kubeconfig \(path)") }
  }
}

/// A one-line stand-in error.
public struct StandInError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
