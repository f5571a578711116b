import Foundation
import OvnipScenario

/// An in-process stand-in with its own kubeconfig, for `ovnip-top --demo`, `ovnip-top standin`
/// and benchmarks.
///
/// ```swift
/// let session = try await StandInSession.start(scenario: "churn", options: ScenarioOptions())
/// // run kubectl with KUBECONFIG=session.kubeconfigPath (context session.contextName)
/// await session.stop()   // shuts the server down, removes the kubeconfig and its directory
/// ```
public final class StandInSession: @unchecked Sendable {
  public let server: StandInServer
  /// Private directory (mode 0700) holding the kubeconfig; removed by `stop()`.
  public let directory: URL
  /// The kubeconfig (mode 0600).
  public let kubeconfigPath: String
  public let contextName: String
  /// Objects the scenario generated.
  public let objectCount: Int
  private let lock = NSLock()
  private var stopped = false

  init(server: StandInServer, directory: URL, contextName: String, objectCount: Int) throws {
    self.server = server
    self.objectCount = objectCount
    self.directory = directory
    self.contextName = contextName
    kubeconfigPath = directory.appendingPathComponent("kubeconfig").path
    try Kubeconfig.write(to: kubeconfigPath, server: server.url, context: contextName)
  }

  /// Generates the named scenario, starts the server (on `port`, 0 = ephemeral), writes the
  /// kubeconfig, and starts the churn timer when `churn` is true and the scenario has one.
  public static func start(
    scenario name: String, options: ScenarioOptions = ScenarioOptions(), port: Int = 0,
    churn: Bool = true, knobs: StandInKnobs = StandInKnobs(), contextName: String = "ovnip-standin"
  ) async throws -> StandInSession {
    let scenario = try ScenarioGenerator.make(name, options: options)
    return try await start(scenario: scenario, port: port, churn: churn, knobs: knobs, contextName: contextName)
  }

  /// Starts a session for a given scenario.
  public static func start(
    scenario: Scenario, port: Int = 0, churn: Bool = true, knobs: StandInKnobs = StandInKnobs(),
    contextName: String = "ovnip-standin"
  ) async throws -> StandInSession {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ovnip-standin-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(
      at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let server: StandInServer
    do {
      server = try await StandInServer.start(
        scenario: scenario, port: port, knobs: knobs, keepScenarioObjects: scenario.objectCount < 10_000)
    } catch {
      try? FileManager.default.removeItem(at: dir)
      throw StandInError("cannot listen on 127.0.0.1:\(port): \(error)")
    }
    do {
      let s = try StandInSession(
        server: server, directory: dir, contextName: contextName, objectCount: scenario.objectCount)
      if churn { server.startChurn() }
      return s
    } catch {
      await server.shutdown()
      try? FileManager.default.removeItem(at: dir)
      throw error
    }
  }

  /// Stops the server and removes the kubeconfig directory. Idempotent.
  public func stop() async {
    let first = lock.withLock { () -> Bool in
      defer { stopped = true }
      return !stopped
    }
    guard first else { return }
    await server.shutdown()
    removeFiles()
  }

  /// Removes the kubeconfig directory at once (safe from a signal handler's queue).
  public func removeFiles() {
    try? FileManager.default.removeItem(at: directory)
  }
}
