import Foundation

/// Follows orphans across refreshes and decides when one becomes deletable.
///
/// An orphan is a *candidate* when first seen. It becomes *confirmed* once it has stayed an
/// orphan continuously for `grace` **and** across at least two refreshes (never on one
/// observation, whatever the grace). Any refresh whose report does not list it as an orphan
/// (owned, exempt, gone, or unknown) forgets it, so it starts over. Entries are keyed by
/// name and uid: an IP CR deleted and recreated under the same name is a new object and
/// starts over too.
///
/// Pure: the caller passes `now`; nothing here reads a clock.
public struct OrphanTracker: Sendable {
  /// How long an orphan must stay one before it is confirmed (0 allowed).
  public var grace: TimeInterval

  private struct Key: Hashable, Sendable {
    var name: String
    var uid: String
  }
  private var seen: [Key: OrphanStatus] = [:]

  /// - Parameter grace: seconds; negative values are treated as 0.
  public init(grace: TimeInterval = 120) {
    self.grace = max(0, grace)
  }

  /// Records one refresh: `orphans` is the full orphan list of the new report.
  /// Returns the status of every orphan in it, by IP CR name.
  @discardableResult
  public mutating func update(orphans: [Orphan], now: Date) -> [String: OrphanStatus] {
    var next: [Key: OrphanStatus] = [:]
    var byName: [String: OrphanStatus] = [:]
    for orphan in orphans {
      let key = Key(name: orphan.name, uid: orphan.uid)
      // A duplicate entry within one report counts once.
      if let already = next[key] {
        byName[orphan.name] = already
        continue
      }
      var status: OrphanStatus
      if let previous = seen[key] {
        status = previous
        status.refreshesSeen += 1
      } else {
        status = OrphanStatus(firstSeen: now, refreshesSeen: 1, stage: .candidate)
      }
      status.stage = Self.stage(of: status, now: now, grace: grace)
      next[key] = status
      byName[orphan.name] = status
    }
    seen = next
    return byName
  }

  /// The status of `orphan` as of the last `update`, or nil when it was not an orphan then
  /// (or is a different object under the same name).
  public func status(of orphan: Orphan) -> OrphanStatus? {
    seen[Key(name: orphan.name, uid: orphan.uid)]
  }

  /// The orphans among `orphans` that are confirmed as of the last `update`.
  public func confirmed(_ orphans: [Orphan]) -> [Orphan] {
    orphans.filter { status(of: $0)?.stage == .confirmed }
  }

  /// Forgets everything (e.g. the context changed).
  public mutating func reset() {
    seen = [:]
  }

  static func stage(of status: OrphanStatus, now: Date, grace: TimeInterval) -> OrphanStage {
    status.refreshesSeen >= 2 && now.timeIntervalSince(status.firstSeen) >= grace
      ? .confirmed : .candidate
  }
}

extension OrphanStatus {
  /// Seconds since the orphan was first seen (0 if the clock went backwards).
  public func age(now: Date) -> TimeInterval {
    max(0, now.timeIntervalSince(firstSeen))
  }
}
