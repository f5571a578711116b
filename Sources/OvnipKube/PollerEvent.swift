import Foundation
import OvnipModel

/// What the poller tells its consumer (the dashboard loop or `--once`).
public enum PollerEvent: Sendable {
  /// First full list in progress: `done` of `total` resources read.
  case progress(done: Int, total: Int, resource: String)
  /// A complete snapshot: after a full list, or after watch events changed it.
  /// `watching` is true when every resource is followed by a live watch.
  case snapshot(ClusterSnapshot, at: Date, watching: Bool)
  /// A poll failed; the previous snapshot stays valid but ages.
  case failed(KubeError, at: Date)
}
