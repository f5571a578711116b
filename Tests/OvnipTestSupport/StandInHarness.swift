import Foundation
import OvnipModel
import OvnipScenario
import OvnipStandIn

/// A running API stand-in plus everything the real `kubectl` (and the built `ovnip-top`) need
/// to talk to it: a private temp dir holding a kubeconfig (mode 0600, context `contextName`),
/// a private kubectl cache dir and HOME.
///
/// Typical use in a Swift Testing test:
/// ```swift
/// let h = try await StandInHarness.start(scenario: "leaks")
/// defer { Task { await h.stop() } }            // or `await h.stop()` at the end
/// let r = try await h.kubectl(["get", "--raw", "/apis/kubeovn.io/v1/ips?limit=2"])
/// #expect(r.status == 0)
/// h.server.setKnobs { $0.forbidden = ["pods"] } // faults at runtime
/// #expect(!h.server.requests.contains { $0.method == "DELETE" })
/// let once = try await h.ovnipTop(["--once", "-o", "json"])  // uses the harness kubeconfig
/// ```
///
/// API:
/// - `static func start(scenario: String, options: ScenarioOptions = .init(), knobs: StandInKnobs = .init(), contextName: String = "standin") async throws -> StandInHarness`
/// - `static func start(scenario: Scenario, knobs: StandInKnobs = .init(), contextName: String = "standin") async throws -> StandInHarness`
/// - `server: StandInServer` (knobs, mutations, request log, stop/start, churn)
/// - `kubeconfigPath`, `cacheDir`, `homeDir`, `directory`, `contextName`, `environment`
/// - `kubectl(_ args:, stdin:, timeout:) async throws -> ProcessResult` (adds nothing to argv;
///   KUBECONFIG/KUBECACHEDIR/HOME come from `environment`)
/// - `startKubectl(_ args:) throws -> RunningProcess` (for watches: `waitFor`, `lines`, `terminate`)
/// - `ovnipTop(_ args:, stdin:, timeout:) async throws -> ProcessResult` (`.build/debug/ovnip-top`)
/// - `static func ovnipTopPath() -> String?`, `static var kubectlAvailable: Bool`
/// - `stop() async` (shuts the server down, removes the temp dir)
public final class StandInHarness: @unchecked Sendable {
  public let server: StandInServer
  /// The private temp directory (removed by `stop()`).
  public let directory: URL
  public let kubeconfigPath: String
  public let cacheDir: String
  public let homeDir: String
  public let contextName: String
  /// Environment for child processes: PATH, HOME, KUBECONFIG, KUBECACHEDIR, LANG.
  public var environment: [String: String]

  init(server: StandInServer, directory: URL, contextName: String) throws {
    self.server = server
    self.directory = directory
    self.contextName = contextName
    kubeconfigPath = directory.appendingPathComponent("kubeconfig").path
    cacheDir = directory.appendingPathComponent("kube-cache").path
    homeDir = directory.appendingPathComponent("home").path
    try FileManager.default.createDirectory(atPath: cacheDir, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: homeDir, withIntermediateDirectories: true)
    try Kubeconfig.write(to: kubeconfigPath, server: server.url, context: contextName)
    let parent = ProcessInfo.processInfo.environment
    environment = [
      "PATH": parent["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", "HOME": homeDir, "KUBECONFIG": kubeconfigPath,
      "KUBECACHEDIR": cacheDir, "LANG": "C.UTF-8",
    ]
  }

  /// Starts a stand-in with a named scenario (`leaks`, `healthy`, `big`, `no-kubeovn`, `churn`).
  public static func start(
    scenario: String, options: ScenarioOptions = ScenarioOptions(), knobs: StandInKnobs = StandInKnobs(),
    contextName: String = "standin"
  ) async throws -> StandInHarness {
    try await start(scenario: ScenarioGenerator.make(scenario, options: options), knobs: knobs, contextName: contextName)
  }

  /// Starts a stand-in with a given scenario.
  public static func start(
    scenario: Scenario, knobs: StandInKnobs = StandInKnobs(), contextName: String = "standin"
  ) async throws -> StandInHarness {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ovnip-standin-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let server = try await StandInServer.start(scenario: scenario, knobs: knobs)
    do {
      return try StandInHarness(server: server, directory: dir, contextName: contextName)
    } catch {
      await server.shutdown()
      throw error
    }
  }

  /// Runs the real kubectl with `args` (argv, no shell).
  public func kubectl(_ args: [String], stdin: Data? = nil, timeout: Double = 30) async throws -> ProcessResult {
    try await ProcessRunner.run("kubectl", args, environment: environment, stdin: stdin, timeout: timeout, workDir: directory)
  }

  /// Starts kubectl in the background (e.g. a watch); stop it with `terminate()`.
  public func startKubectl(_ args: [String]) throws -> RunningProcess {
    try ProcessRunner.launch("kubectl", args, environment: environment, workDir: directory)
  }

  /// Runs the built `ovnip-top` (`.build/debug/ovnip-top`) with the harness environment.
  public func ovnipTop(_ args: [String], stdin: Data? = nil, timeout: Double = 60) async throws -> ProcessResult {
    guard let path = Self.ovnipTopPath() else {
      throw HarnessError("ovnip-top is not built (run swift build first)")
    }
    return try await ProcessRunner.run(path, args, environment: environment, stdin: stdin, timeout: timeout, workDir: directory)
  }

  /// Shuts the server down and removes the temp directory.
  public func stop() async {
    await server.shutdown()
    try? FileManager.default.removeItem(at: directory)
  }

  /// The package root (two levels above this file).
  public static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// `.build/debug/ovnip-top` if it exists.
  public static func ovnipTopPath() -> String? {
    let candidates = [
      packageRoot.appendingPathComponent(".build/debug/ovnip-top").path,
      packageRoot.appendingPathComponent(".build/x86_64-unknown-linux-gnu/debug/ovnip-top").path,
      packageRoot.appendingPathComponent(".build/aarch64-unknown-linux-gnu/debug/ovnip-top").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Is a kubectl on PATH?
  public static var kubectlAvailable: Bool {
    (try? ProcessRunner.resolve("kubectl", environment: ProcessInfo.processInfo.environment)) != nil
  }
}

extension StandInHarness {
  /// Writes one `<plural>.json` per resource into `directory` through the real kubectl
  /// (`kubectl get --raw <listPath>`), i.e. the `--from DIR` format. A resource the server
  /// does not serve gets its NotFound `Status` body, as a collector records it.
  /// Returns the kubectl results per resource.
  @discardableResult
  public func collect(to directory: URL) async throws -> [ResourceKind: ProcessResult] {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var out: [ResourceKind: ProcessResult] = [:]
    for kind in ResourceKind.allCases {
      let r = try await kubectl(["get", "--raw", kind.listPath])
      out[kind] = r
      let file = directory.appendingPathComponent(kind.fileName)
      if r.status == 0 {
        try r.stdout.write(to: file)
      } else if r.stderrText.contains("(NotFound)") {
        let status =
          #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}"#
        try Data(status.utf8).write(to: file)
      }
    }
    return out
  }
}
