import Foundation

/// Where an orphan stands on the way to being deletable.
public enum OrphanStage: String, Sendable, Hashable, Codable {
  /// Seen as an orphan, but not yet for the whole grace period across two refreshes.
  case candidate
  /// An orphan continuously for `--grace` across at least two refreshes: deletable.
  case confirmed
}

/// How long an orphan has been one (kept across refreshes by `OrphanTracker`).
public struct OrphanStatus: Sendable, Hashable {
  public var firstSeen: Date
  public var refreshesSeen: Int
  public var stage: OrphanStage
  public init(firstSeen: Date, refreshesSeen: Int, stage: OrphanStage) {
    self.firstSeen = firstSeen
    self.refreshesSeen = refreshesSeen
    self.stage = stage
  }
}

/// The result of one delete attempt of the cleanup protocol.
public enum DeleteOutcome: String, Sendable, Hashable, Codable, CaseIterable {
  case deleted
  /// 404 at GET or DELETE.
  case alreadyGone = "already-gone"
  /// uid/resourceVersion differ from what was confirmed, or a 409 precondition failure.
  case changed
  /// An owner named by the reasons exists now.
  case ownerPresent = "owner-present"
  /// An owner lookup failed: unknown means in use.
  case ownerUnknown = "owner-unknown"
  case forbidden
  case failed
  /// Not attempted: stopped by the user, refused (stale snapshot, read-only), or dry run.
  case skipped
}
