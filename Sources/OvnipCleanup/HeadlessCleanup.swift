import Foundation
import OvnipAccounting
import OvnipKube

/// `ovnip-top cleanup --from-report FILE`, calicoctl-style, minus the argument parsing.
///
/// Refuses a report made from files or from another context or API server, takes a fresh
/// snapshot, deletes only the report's orphans that are still orphans now with the same uid
/// and resourceVersion — through the same per-item protocol as the dashboard — prints one
/// line per item and the summary. Exit status: 0 done, 1 some item failed or the user
/// declined, 2 refused or could not run.
public struct HeadlessCleanup: Sendable {
  /// A fresh view of the cluster: the accounting report of a snapshot just taken.
  public struct Fresh: Sendable {
    public var report: Report
    public var identity: ClusterIdentity
    /// When the snapshot completed.
    public var at: Date
    public init(report: Report, identity: ClusterIdentity, at: Date) {
      self.report = report
      self.identity = identity
      self.at = at
    }
  }

  public var engine: CleanupEngine
  /// Takes a fresh snapshot and computes its report (collector + accounting engine).
  public var freshReport: @Sendable () async throws -> Fresh
  /// The report's orphans must be at least this old (`--grace`): never act on one
  /// observation that has not lasted the grace period.
  public var grace: TimeInterval
  public var readOnly: Bool
  /// `--refresh`: the fresh snapshot may be 3× this old when the deletes start; after a
  /// slow answer to the question a new one is taken.
  public var refreshInterval: TimeInterval

  public init(
    engine: CleanupEngine, freshReport: @escaping @Sendable () async throws -> Fresh,
    grace: TimeInterval, readOnly: Bool, refreshInterval: TimeInterval = 60
  ) {
    self.engine = engine
    self.freshReport = freshReport
    self.grace = grace
    self.readOnly = readOnly
    self.refreshInterval = refreshInterval
  }

  /// Runs the whole headless flow. `confirm` is asked once (unless `assumeYes` or a dry
  /// run) with the question; `output` receives every line to print on stdout, `error` the
  /// one-line failure on stderr. Returns the exit status.
  public func run(
    report data: Data, dryRun: Bool, assumeYes: Bool,
    confirm: @Sendable (String) async -> Bool,
    output: @Sendable (String) -> Void, error: @Sendable (String) -> Void
  ) async -> Int32 {
    let report: ReportFile
    do {
      report = try ReportFile.parse(data)
    } catch let refusal {
      error("ovnip-top cleanup: \(refusal.message)")
      return 2
    }
    if readOnly, !dryRun {
      error("ovnip-top cleanup: \(CleanupRefusal.readOnly.message)")
      return 2
    }
    let current: ClusterIdentity
    do {
      current = try await engine.client.identity()
    } catch let failure {
      error("ovnip-top cleanup: \(CleanupRefusal.identityUnknown("\(failure)").message)")
      return 2
    }
    if let refusal = report.refusal(current: current) {
      error("ovnip-top cleanup: \(refusal.message)")
      return 2
    }
    if grace > 0 {
      guard let made = report.generatedAt else {
        error("ovnip-top cleanup: the report has no valid generatedAt, so its age is unknown (pass --grace 0 to skip the age check)")
        return 2
      }
      let age = engine.now().timeIntervalSince(made)
      if age < grace {
        error(
          "ovnip-top cleanup: the report is \(GracePeriod.format(max(0, age))) old; its orphans must stay orphans for --grace \(GracePeriod.format(grace)) first (run again later, or pass --grace 0)"
        )
        return 2
      }
    }
    let fresh: Fresh
    do {
      fresh = try await freshReport()
    } catch let failure {
      error("ovnip-top cleanup: could not take a fresh snapshot: \(CleanupText.line("\(failure)"))")
      return 2
    }
    let (toDelete, skipped) = report.select(fresh: fresh.report)
    output(
      "\(report.orphans.count) orphans in the report; \(toDelete.count) still orphans with the same uid and resourceVersion\(dryRun ? " (dry run)" : "")"
    )
    if !toDelete.isEmpty, !dryRun, !assumeYes {
      for orphan in toDelete.prefix(20) {
        output("  \(CleanupText.line(orphan.name))  \(orphan.reasons.map(\.rawValue).joined(separator: ","))  \(CleanupText.line(orphan.evidence))")
      }
      if toDelete.count > 20 { output("  … and \(toDelete.count - 20) more") }
      let question =
        "Delete \(toDelete.count) IP CRs in context \(CleanupText.line(current.context)) (\(CleanupText.line(current.server)))? [y/N] "
      guard await confirm(question) else {
        output("aborted; nothing deleted")
        return 1
      }
    }
    var deleteNow = toDelete
    var skippedNow = skipped
    var view = fresh
    if !dryRun, engine.now().timeIntervalSince(fresh.at) > 3 * refreshInterval {
      // The question took a while: look again, and keep only what was confirmed.
      do {
        view = try await freshReport()
      } catch let failure {
        error("ovnip-top cleanup: could not take a fresh snapshot: \(CleanupText.line("\(failure)"))")
        return 2
      }
      let confirmed = Set(toDelete.map(\.name))
      let again = report.select(fresh: view.report)
      deleteNow = again.toDelete.filter { confirmed.contains($0.name) }
      skippedNow = again.skipped
    }
    for result in skippedNow { output(result.line) }
    let context = CleanupContext(
      identity: view.identity, snapshotAt: view.at, refreshInterval: refreshInterval,
      readOnly: readOnly, mode: "headless")
    let summary = await engine.run(
      deleteNow, alreadySkipped: skippedNow, context: context, dryRun: dryRun,
      progress: { _, _, result in output(result.line) })
    if let refusal = summary.refusal {
      error("ovnip-top cleanup: \(refusal.message)")
      return 2
    }
    output(summary.line)
    if let stopped = summary.stoppedEarly { output("stopped early: \(CleanupText.line(stopped))") }
    if let path = summary.journalPath { output("journal: \(path)") }
    return summary.hasFailures ? 1 : 0
  }
}
