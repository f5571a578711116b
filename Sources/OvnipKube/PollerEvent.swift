import Foundation
import OvnipModel

/// What the poller tells its consumer (the dashboard loop or `--once`).
public enum PollerEvent: Sendable {
  /// First full list in progress: `done` of `total` resources read.
  case progress(done: Int, total: Int, resource: String)
  /// A complete snapshot: after a full list, or after watch events changed it (at most one
  /// per refresh period, and only when something changed or the health changed).
  /// `at` is when the snapshot was last known to match the cluster (its least fresh resource).
  /// `watching` is true when every readable resource is followed by a live watch: the
  /// snapshot is then current even if no new one arrives (an idle cluster sends none).
  case snapshot(ClusterSnapshot, at: Date, watching: Bool)
  /// A poll or watch failed; the previous snapshot is kept and ages until a newer one.
  /// `Poller.currentState()` tells whether it is stale (`isStale`) and since when.
  case failed(KubeError, at: Date)
}
