import Foundation

/// A failure of one kubectl call, classified from exit status and stderr.
public struct KubeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong, as far as exit status and stderr tell.
  public enum Kind: String, Sendable, Equatable {
    case notFound, forbidden, unauthorized, conflict, gone, unreachable, notServed
    case kubectlMissing, unknownContext, timeout, serverError, malformed, other
  }
  public var kind: Kind
  /// One line, fit to show a user.
  public var message: String
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }
  public var description: String { message }
}

/// Which cluster a client talks to.
public struct ClusterIdentity: Sendable, Hashable, Codable {
  public var context: String
  public var server: String
  public init(context: String, server: String) {
    self.context = context
    self.server = server
  }
}

/// Everything ovnip-top asks of kubectl, as a struct of closures (live and test variants).
/// Every closure throws `KubeError`.
public struct KubectlClient: Sendable {
  /// `kubectl get --raw PATH`: the body bytes.
  public var get: @Sendable (_ path: String) async throws -> [UInt8]
  /// `kubectl delete --raw PATH -f -` with `body` (DeleteOptions JSON) on stdin.
  public var delete: @Sendable (_ path: String, _ body: [UInt8]) async throws -> [UInt8]
  /// `kubectl create --raw PATH -f -` with `body` on stdin (restore).
  public var create: @Sendable (_ path: String, _ body: [UInt8]) async throws -> [UInt8]
  /// `kubectl get --raw PATH?watch=1&...`: calls `onLine` per event line; returns when kubectl exits.
  public var watch:
    @Sendable (_ path: String, _ onLine: @escaping @Sendable ([UInt8]) async -> Void) async throws
      -> Void
  /// `kubectl auth can-i VERB RESOURCE`.
  public var canI: @Sendable (_ verb: String, _ resource: String) async throws -> Bool
  /// The context name and API server URL this client talks to.
  public var identity: @Sendable () async throws -> ClusterIdentity
  /// `kubectl version --client`: the client's gitVersion (for support bundles).
  public var version: @Sendable () async throws -> String

  public init(
    get: @escaping @Sendable (String) async throws -> [UInt8],
    delete: @escaping @Sendable (String, [UInt8]) async throws -> [UInt8],
    create: @escaping @Sendable (String, [UInt8]) async throws -> [UInt8],
    watch: @escaping @Sendable (String, @escaping @Sendable ([UInt8]) async -> Void) async throws
      -> Void,
    canI: @escaping @Sendable (String, String) async throws -> Bool,
    identity: @escaping @Sendable () async throws -> ClusterIdentity,
    version: @escaping @Sendable () async throws -> String = { "unknown" }
  ) {
    self.get = get
    self.delete = delete
    self.create = create
    self.watch = watch
    self.canI = canI
    self.identity = identity
    self.version = version
  }
}
