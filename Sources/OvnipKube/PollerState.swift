import Foundation
import OvnipModel

/// What the poller knows right now: the last good snapshot with its time, how each kind is
/// followed, and the last error. The UI shows staleness and the error from it.
public struct PollerState: Sendable {
  /// How one kind is being followed.
  public enum KindMode: Sendable, Equatable {
    /// Not read yet.
    case pending
    /// Being listed.
    case listing
    /// Followed by a live watch.
    case watching
    /// Re-listed every refresh (its watch failed repeatedly, or watches are off).
    case polling
    /// Failing; `failures` consecutive errors, retried with backoff.
    case failing(failures: Int)
    /// Not served by the API (CRD not installed).
    case notServed
  }

  /// The last complete snapshot, kept when later polls fail.
  public var snapshot: ClusterSnapshot?
  /// When `snapshot` was last known to match the cluster.
  public var snapshotAt: Date?
  /// True while every served kind is followed by a live watch (the snapshot is current).
  public var watching: Bool
  /// The most recent failure, cleared when every kind is healthy again.
  public var lastError: KubeError?
  public var lastErrorAt: Date?
  public var kinds: [ResourceKind: KindMode]

  public init(
    snapshot: ClusterSnapshot? = nil, snapshotAt: Date? = nil, watching: Bool = false,
    lastError: KubeError? = nil, lastErrorAt: Date? = nil, kinds: [ResourceKind: KindMode] = [:]
  ) {
    self.snapshot = snapshot
    self.snapshotAt = snapshotAt
    self.watching = watching
    self.lastError = lastError
    self.lastErrorAt = lastErrorAt
    self.kinds = kinds
  }

  /// Seconds since the snapshot was last confirmed (0 while watches are live).
  public func age(now: Date) -> TimeInterval? {
    guard let snapshotAt else { return nil }
    return watching && lastError == nil ? 0 : max(0, now.timeIntervalSince(snapshotAt))
  }

  /// The snapshot may no longer match the cluster: a kind is failing.
  public var isStale: Bool {
    snapshot != nil && lastError != nil
  }
}
