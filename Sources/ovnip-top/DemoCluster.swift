import Dispatch
import Foundation
import OvnipKube
import OvnipScenario
import OvnipStandIn

/// The demo's cluster: the API stand-in running in-process with a scenario (churn by
/// default), and the kubectl settings that reach it through the real kubectl.
///
/// Shared by `--demo` (headless today) and the dashboard:
/// ```swift
/// let demo = try await DemoCluster.start()
/// var kube = demo.kubeOptions(from: command.kube)   // flags as if given by hand
/// defer { Task { await demo.stop() } }
/// ```
/// The kubeconfig (mode 0600, in a 0700 temp dir) is removed by `stop()`, at `exit()`, and on
/// SIGINT/SIGTERM/SIGHUP.
struct DemoCluster: Sendable {
  let session: StandInSession
  /// kubectl settings: the session's kubeconfig and context, a private cache dir beside it.
  let kubectlOptions: KubectlOptions

  /// The context name in the demo kubeconfig.
  var context: String { session.contextName }
  /// `http://127.0.0.1:PORT`.
  var serverURL: String { session.server.url }

  /// Starts the stand-in with `scenario` and writes its kubeconfig.
  static func start(
    scenario: String = "churn", options: ScenarioOptions = ScenarioOptions(), churn: Bool = true
  ) async throws -> DemoCluster {
    let session: StandInSession
    do {
      session = try await StandInSession.start(
        scenario: scenario, options: options, churn: churn, contextName: "ovnip-demo")
    } catch {
      throw Fatal("cannot start the demo stand-in: \(error)")
    }
    ExitCleanup.shared.register(session.directory.path)
    ExitCleanup.shared.onSignal { session.removeFiles() }
    let cache = session.directory.appendingPathComponent("kube-cache").path
    let options = KubectlOptions(
      context: session.contextName, kubeconfig: session.kubeconfigPath, cacheDir: cache)
    return DemoCluster(session: session, kubectlOptions: options)
  }

  /// `base` (refresh, page size, an explicit --kubectl) pointed at the demo cluster.
  func kubeOptions(from base: KubeOptions) -> KubeOptions {
    var options = base
    options.context = session.contextName
    options.kubeconfig = session.kubeconfigPath
    options.cacheDir = kubectlOptions.cacheDir
    return options
  }

  /// Stops the server and removes the kubeconfig directory.
  func stop() async {
    await session.stop()
    ExitCleanup.shared.removeNow(session.directory.path)
  }
}
