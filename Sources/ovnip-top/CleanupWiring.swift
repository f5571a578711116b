import ArgumentParser
import Foundation
import OvnipAccounting
import OvnipCleanup
import OvnipDashboard
import OvnipKube

/// How `cleanup` and `restore` reach the cluster: the live kubectl client, and a fresh
/// snapshot through discovery + the collector, accounted by the same engine as `--once`.
enum CleanupWiring {
  static func client(_ kube: KubeOptions) async throws -> KubectlClient {
    do {
      return try KubectlClient.live(kube.kubectlOptions)
    } catch {
      throw Fatal(error.message)
    }
  }

  /// A snapshot read right now (holders before owners) and its report.
  static func freshReport(_ kube: KubeOptions, client: KubectlClient) async throws
    -> HeadlessCleanup.Fresh
  {
    let session = try await LiveSession.open(client: client)
    let (report, at) = try await session.report(pageSize: kube.pageSize, subnets: [])
    return HeadlessCleanup.Fresh(report: report, identity: session.identity, at: at)
  }

  /// Prints `message` on stderr and returns the exit status to throw.
  static func exit(_ status: Int32, _ message: String) -> ExitCode {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    return ExitCode(status)
  }

  /// `--journal DIR`, else `$XDG_STATE_HOME/ovnip-top/journal`.
  static func journalDirectory(_ option: String?) -> URL {
    option.map { URL(fileURLWithPath: $0) } ?? Journal.defaultDirectory()
  }
}

// MARK: - Dashboard adapters

extension CleanupWiring {
  /// `DashboardWiring.runCleanup` over the cleanup engine. `context` is read when a cleanup
  /// starts: the identity and time of the last successful refresh, `--refresh`, `--readonly`.
  /// A refusal (read-only, no permission, stale snapshot, other cluster, no journal) is shown
  /// on every item, and nothing is deleted.
  static func dashboardRunner(
    engine: CleanupEngine, context: @escaping @Sendable () -> CleanupContext
  ) -> @Sendable (
    [Orphan], @escaping @Sendable () -> Bool, @escaping @Sendable (CleanupItemResult, String?) -> Void
  ) async -> String? {
    { orphans, shouldStop, onItem in
      let summary = await engine.run(
        orphans, context: context(),
        progress: { done, total, result in
          let next = done < total && done < orphans.count ? orphans[done].name : nil
          onItem(CleanupItemResult(name: result.name, outcome: result.outcome, detail: result.detail), next)
        },
        shouldStop: shouldStop)
      if let refusal = summary.refusal {
        for (i, orphan) in orphans.enumerated() {
          let next = i + 1 < orphans.count ? orphans[i + 1].name : nil
          onItem(CleanupItemResult(name: orphan.name, outcome: .skipped, detail: "refused: \(refusal.message)"), next)
        }
      }
      return summary.journalPath
    }
  }

  /// `DashboardWiring.checkDeletePermission`: nil when cleanup may run, else why not
  /// (`--readonly`, no delete on ips.kubeovn.io, no get on an owner kind).
  static func dashboardPermission(client: KubectlClient, readOnly: Bool) -> @Sendable () async -> String? {
    {
      if readOnly { return CleanupRefusal.readOnly.message }
      return await CleanupPreflight.permissions(client: client)?.message
    }
  }

  /// `DashboardWiring.trackOrphans` with `--grace` (parse it with `GracePeriod.parse` first).
  static func dashboardTracker(grace: TimeInterval) -> @Sendable (Report, Date) -> [String: OrphanStatus] {
    let tracker = SharedOrphanTracker(grace: grace)
    return { report, now in tracker.update(report, now: now) }
  }
}
