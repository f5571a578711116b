import Foundation

extension KubectlClient {
  /// The client that runs the real kubectl, one subprocess per call.
  ///
  /// Resolves the kubectl binary now (throws `.kubectlMissing` with an install hint when there
  /// is none) and creates the private cache dir. Every call passes `--cache-dir`, and
  /// `--kubeconfig` / `--context` when set; non-watch calls are bounded by `options.timeout`.
  public static func live(_ options: KubectlOptions) throws(KubeError) -> KubectlClient {
    let executable = try options.resolveKubectl()
    let cacheDir = try options.preparedCacheDir()
    let process = KubectlProcess(
      executable: executable, globalArguments: options.globalArguments(cacheDir: cacheDir),
      environment: options.environment, timeout: options.timeout)
    let contextLabel = options.context.flatMap { $0.isEmpty ? nil : $0 } ?? "(current context)"

    @Sendable func checked(_ arguments: [String], stdin: [UInt8]? = nil) async throws -> [UInt8] {
      let outcome = try await process.run(arguments, stdin: stdin)
      guard outcome.status == 0 else {
        throw KubeError.classify(
          status: outcome.status, stderr: outcome.stderr, context: contextLabel,
          call: KubectlProcess.describe(arguments))
      }
      return outcome.stdout
    }

    return KubectlClient(
      get: { path in try await checked(["get", "--raw", path]) },
      delete: { path, body in try await checked(["delete", "--raw", path, "-f", "-"], stdin: body) },
      create: { path, body in try await checked(["create", "--raw", path, "-f", "-"], stdin: body) },
      watch: { path, onLine in
        let arguments = ["get", "--raw", path]
        let outcome = try await process.stream(arguments, onLine: onLine)
        if Task.isCancelled { return }
        guard outcome.status == 0 else {
          throw KubeError.classify(
            status: outcome.status, stderr: outcome.stderr, context: contextLabel,
            call: KubectlProcess.describe(arguments))
        }
      },
      canI: { verb, resource in
        let arguments = ["auth", "can-i", verb, resource]
        let outcome = try await process.run(arguments)
        let answer = String(decoding: outcome.stdout, as: UTF8.self)
          .trimmingCharacters(in: .whitespacesAndNewlines)
        if outcome.status == 0 { return true }
        // Exit 1 means "no" only when kubectl printed "no"; otherwise the check itself failed.
        if outcome.status == 1, answer == "no" || answer.hasPrefix("no -") { return false }
        throw KubeError.classify(
          status: outcome.status, stderr: outcome.stderr, context: contextLabel,
          call: KubectlProcess.describe(arguments))
      },
      identity: {
        let bytes = try await checked(["config", "view", "--minify", "-o", "json"])
        return try ClusterIdentity.parse(kubeconfigJSON: bytes, requested: options.context)
      },
      version: {
        let outcome = try await process.run(["version", "--client", "-o", "json"])
        guard outcome.status == 0 else {
          throw KubeError.classify(
            status: outcome.status, stderr: outcome.stderr, context: contextLabel,
            call: "kubectl version --client")
        }
        return KubectlVersion.parse(outcome.stdout)
      }
    )
  }
}

/// Reads `kubectl version --client -o json`.
enum KubectlVersion {
  struct Output: Decodable {
    struct Client: Decodable { var gitVersion: String? }
    var clientVersion: Client?
  }
  static func parse(_ bytes: [UInt8]) -> String {
    let version = (try? JSONDecoder().decode(Output.self, from: Data(bytes)))?.clientVersion?
      .gitVersion
    return Sanitize.line(version ?? "unknown", limit: 80)
  }
}

extension ClusterIdentity {
  /// Reads `kubectl config view --minify -o json`: the current (or requested) context and the
  /// server URL of its cluster.
  static func parse(kubeconfigJSON bytes: [UInt8], requested: String?) throws(KubeError)
    -> ClusterIdentity
  {
    struct Config: Decodable {
      struct NamedCluster: Decodable {
        struct Cluster: Decodable { var server: String? }
        var name: String
        var cluster: Cluster?
      }
      struct NamedContext: Decodable {
        struct Context: Decodable { var cluster: String? }
        var name: String
        var context: Context?
      }
      var clusters: [NamedCluster]?
      var contexts: [NamedContext]?
      var currentContext: String?
      enum CodingKeys: String, CodingKey {
        case clusters, contexts
        case currentContext = "current-context"
      }
    }
    let config: Config
    do {
      config = try JSONDecoder().decode(Config.self, from: Data(bytes))
    } catch {
      throw KubeError(.malformed, "kubectl config view printed something that is not a kubeconfig")
    }
    let name = requested.flatMap { $0.isEmpty ? nil : $0 } ?? config.currentContext ?? ""
    guard !name.isEmpty, let context = config.contexts?.first(where: { $0.name == name }) else {
      throw KubeError(
        .unknownContext,
        name.isEmpty
          ? "no current kubeconfig context: pass --context NAME or set one with `kubectl config use-context`"
          : "unknown kubeconfig context \(Sanitize.line(name))")
    }
    let cluster = config.clusters?.first(where: { $0.name == context.context?.cluster })
      ?? (config.clusters?.count == 1 ? config.clusters?.first : nil)
    guard let server = cluster?.cluster?.server, !server.isEmpty else {
      throw KubeError(.unknownContext, "context \(Sanitize.line(name)) has no cluster server URL")
    }
    return ClusterIdentity(context: Sanitize.line(name), server: Sanitize.line(server))
  }
}
