import Foundation
import OvnipAccounting
import OvnipDashboard
import OvnipKube
import OvnipModel
import OvnipRender

/// Everything the dashboard loop needs from the outside, as values and closures, so the same
/// loop runs against the live poller, the demo, and (later) the cleanup engine.
struct DashboardWiring: Sendable {
  /// Poller events (progress, snapshots, failures).
  var events: AsyncStream<PollerEvent>
  /// The accounting engine: snapshot → report. Called off the UI thread.
  var account: @Sendable (ClusterSnapshot, Date) -> Report
  /// Orphan stage tracking across refreshes (candidate → confirmed), by IP CR name.
  var trackOrphans: @Sendable (Report, Date) -> [String: OrphanStatus]
  /// Ask the poller for a refresh now (`r`).
  var refreshNow: @Sendable () -> Void
  /// `KubectlClient.get`: one object by API path, for inspect.
  var fetch: @Sendable (String) async throws -> [UInt8]
  /// Runs the per-item delete protocol over confirmed orphans, in order; calls `onItem` after each
  /// item with the next item's name; checks `shouldStop` between items. Returns the journal path.
  var runCleanup:
    @Sendable (
      _ orphans: [Orphan], _ shouldStop: @escaping @Sendable () -> Bool,
      _ onItem: @escaping @Sendable (CleanupItemResult, String?) -> Void
    ) async -> String?
  /// `kubectl auth can-i delete ips.kubeovn.io`: nil when allowed, else why not.
  var checkDeletePermission: @Sendable () async -> String?
  var context: String
  var readOnly: Bool
  var refreshInterval: TimeInterval
  /// `--subnet NAME`: the starting filter.
  var initialFilter: String
  /// Themes `t` cycles through, the chosen one first.
  var themes: [Theme]
  /// Shown in the footer at start (e.g. a bad theme file).
  var startupMessage: String?

  /// A cleanup runner for when no cleanup engine is wired: refuses every item.
  static let noCleanup:
    @Sendable ([Orphan], @escaping @Sendable () -> Bool, @escaping @Sendable (CleanupItemResult, String?) -> Void)
      async -> String? = { orphans, _, onItem in
        for (i, orphan) in orphans.enumerated() {
          let next = i + 1 < orphans.count ? orphans[i + 1].name : nil
          onItem(CleanupItemResult(name: orphan.name, outcome: .skipped, detail: "no cleanup engine wired"), next)
        }
        return nil
      }
}
