import Foundation
import OvnipAccounting

/// An `OrphanTracker` behind a lock, for wiring that updates it from `@Sendable` closures
/// (the dashboard's `trackOrphans` is called off the UI thread, once per new report).
public final class SharedOrphanTracker: @unchecked Sendable {
  private let lock = NSLock()
  private var tracker: OrphanTracker

  /// - Parameter grace: seconds (from `GracePeriod.parse(--grace)`).
  public init(grace: TimeInterval) {
    tracker = OrphanTracker(grace: grace)
  }

  /// Records one refresh; returns every orphan's status by IP CR name.
  public func update(_ report: Report, now: Date) -> [String: OrphanStatus] {
    lock.withLock { tracker.update(orphans: report.orphans, now: now) }
  }

  /// The confirmed ones among `orphans` as of the last update.
  public func confirmed(_ orphans: [Orphan]) -> [Orphan] {
    lock.withLock { tracker.confirmed(orphans) }
  }

  /// Forgets everything (the context changed).
  public func reset() {
    lock.withLock { tracker.reset() }
  }
}
