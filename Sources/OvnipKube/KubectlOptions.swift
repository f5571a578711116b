import Foundation

/// How to run kubectl: which binary, which cluster, where its cache lives, how long a call may take.
///
/// Every live mode builds one of these from its command line (`--kubectl`, `--context`,
/// `--kubeconfig`, `--cache-dir`); the demo builds one pointing at its stand-in.
public struct KubectlOptions: Sendable, Hashable {
  /// Path of the kubectl binary; `nil` looks up `kubectl` on `PATH`.
  public var kubectl: String?
  /// kubeconfig context (`--context`); `nil` uses the current context.
  public var context: String?
  /// kubeconfig file (`--kubeconfig`); `nil` lets kubectl honour `KUBECONFIG` / `~/.kube/config`.
  public var kubeconfig: String?
  /// kubectl's discovery/http cache (`--cache-dir`); `nil` uses `KubectlOptions.defaultCacheDir()`.
  public var cacheDir: String?
  /// Longest a non-watch call may run before kubectl is terminated, then killed.
  public var timeout: Duration
  /// Extra environment for kubectl (e.g. a private `HOME` in tests); inherited otherwise.
  public var environment: [String: String]

  public init(
    kubectl: String? = nil, context: String? = nil, kubeconfig: String? = nil,
    cacheDir: String? = nil, timeout: Duration = .seconds(60), environment: [String: String] = [:]
  ) {
    self.kubectl = kubectl
    self.context = context
    self.kubeconfig = kubeconfig
    self.cacheDir = cacheDir
    self.timeout = timeout
    self.environment = environment
  }

  /// The one-line message shown when no kubectl can be run.
  public static let installHint =
    "install it (Debian: `apt install kubernetes-client`; others: https://kubernetes.io/docs/tasks/tools/) or pass --kubectl PATH"

  /// Finds the kubectl binary: the explicit path if given, else `kubectl` on `PATH`.
  /// Throws `.kubectlMissing` with an install hint when there is none.
  public func resolveKubectl(path searchPath: String? = ProcessInfo.processInfo.environment["PATH"])
    throws(KubeError) -> String
  {
    let fm = FileManager.default
    if let explicit = kubectl, !explicit.isEmpty {
      // A bare name (no slash) is looked up on PATH like a shell would.
      if !explicit.contains("/") {
        if let found = Self.search(explicit, in: searchPath) { return found }
      } else if fm.isExecutableFile(atPath: explicit) {
        return explicit
      }
      throw KubeError(
        .kubectlMissing, "kubectl not found at \(Sanitize.line(explicit)): \(Self.installHint)")
    }
    if let found = Self.search("kubectl", in: searchPath) { return found }
    throw KubeError(.kubectlMissing, "kubectl not found on PATH: \(Self.installHint)")
  }

  static func search(_ name: String, in searchPath: String?) -> String? {
    for dir in (searchPath ?? "").split(separator: ":") where !dir.isEmpty {
      let candidate = "\(dir)/\(name)"
      var isDir: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), !isDir.boolValue,
        FileManager.default.isExecutableFile(atPath: candidate)
      {
        return candidate
      }
    }
    return nil
  }

  /// `$XDG_CACHE_HOME/ovnip-top/kube`, else `~/.cache/ovnip-top/kube`: private to ovnip-top so its
  /// discovery cache never mixes with the user's own kubectl cache.
  public static func defaultCacheDir(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
      return "\(xdg)/ovnip-top/kube"
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return "\(home)/.cache/ovnip-top/kube"
  }

  /// The cache directory to pass, created (mode 0700) if missing.
  func preparedCacheDir() throws(KubeError) -> String {
    let dir = cacheDir ?? Self.defaultCacheDir()
    do {
      try FileManager.default.createDirectory(
        atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw KubeError(.other, "cannot create kubectl cache dir \(Sanitize.line(dir)): \(error.localizedDescription)")
    }
    return dir
  }

  /// Flags every kubectl call starts with.
  func globalArguments(cacheDir: String) -> [String] {
    var args = ["--cache-dir", cacheDir]
    if let kubeconfig, !kubeconfig.isEmpty { args += ["--kubeconfig", kubeconfig] }
    if let context, !context.isEmpty { args += ["--context", context] }
    return args
  }
}
