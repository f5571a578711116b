import Dispatch
import Foundation
import OvnipAccounting
import OvnipKube
import OvnipModel

/// `--demo`: the stand-in in-process with the churn scenario, the normal pipeline through the
/// real kubectl (discovery, list, watches), shown in the dashboard. When stdout is not a terminal
/// it prints the headless report table on each refresh instead; ctrl-c ends it and removes the
/// demo kubeconfig either way.
enum DemoMode {
  static func run(_ command: OvnipTop) async throws {
    let demo = try await DemoCluster.start()
    let kube = demo.kubeOptions(from: command.kube)
    var kubectl = kube.kubectlOptions
    kubectl.cacheDir = demo.kubectlOptions.cacheDir
    let client: KubectlClient
    do {
      client = try KubectlClient.live(kubectl)
    } catch {
      await demo.stop()
      throw Fatal(error.message)
    }
    let poller = Poller(client: client, context: demo.context, options: kube.pollerOptions)
    ExitCleanup.shared.onSignal { stopBlocking(poller) }
    if isatty(STDOUT_FILENO) != 0 {
      // The dashboard restores the terminal itself on signals and exits through atexit, which
      // also removes the demo kubeconfig (ExitCleanup); no headless signal handling here.
      let grace: TimeInterval
      do { grace = try GracePeriod.parse(command.grace) } catch {
        await demo.stop()
        throw Fatal("--grace: \(error)")
      }
      await poller.start()
      let identity = ClusterIdentity(context: demo.context, server: demo.serverURL)
      let wiring = DashboardMode.liveWiring(
        command, client: client, identity: identity, poller: poller, grace: grace)
      do {
        try await DashboardMode.run(wiring: wiring)
      } catch {
        await poller.stop()
        await demo.stop()
        throw error
      }
      await poller.stop()
      await demo.stop()
      return
    }
    ExitCleanup.shared.handleSignals()
    note(
      "demo stand-in at \(demo.serverURL), context \(demo.context), kubeconfig \(demo.session.kubeconfigPath)\n"
        + "try: KUBECONFIG=\(demo.session.kubeconfigPath) kubectl get ips.v1.kubeovn.io   (ctrl-c ends the demo)")
    await poller.start()
    for await event in poller.events {
      switch event {
      case .progress(let done, let total, let resource):
        if done < total { note("listing \(resource) (\(done + 1)/\(total))") }
      case .snapshot(let snapshot, let at, let watching):
        let report = Accountant().report(
          snapshot, now: Date(), source: "kubectl:\(demo.context)", subnets: command.subnet)
        let header = "── \(clock(at)) \(watching ? "live: every resource watched" : "listed") ──\n"
        FileHandle.standardOutput.write(Data((header + report.tableText()).utf8))
      case .failed(let error, let at):
        note("\(clock(at)) \(error.message)")
      }
    }
    await demo.stop()
  }

  /// Stops the poller from a signal handler's queue, waiting at most a second.
  static func stopBlocking(_ poller: Poller) {
    let done = DispatchSemaphore(value: 0)
    Task {
      await poller.stop()
      done.signal()
    }
    _ = done.wait(timeout: .now() + 1)
  }

  static func note(_ line: String) {
    FileHandle.standardError.write(Data("ovnip-top: \(line)\n".utf8))
  }

  static func clock(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "HH:mm:ss"
    return formatter.string(from: date)
  }
}
