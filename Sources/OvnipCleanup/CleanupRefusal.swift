import Foundation
import OvnipKube

/// Why a whole cleanup action is refused before any item is touched.
public enum CleanupRefusal: Error, Sendable, Hashable {
  /// `--readonly`: no mutation at all.
  case readOnly
  /// `kubectl auth can-i delete ips.kubeovn.io` said no.
  case noDeletePermission
  /// `kubectl auth can-i get RESOURCE` said no: owners cannot be re-verified.
  case noGetPermission(resource: String)
  /// A permission check itself failed (unknown means no).
  case permissionCheckFailed(String)
  /// The last successful refresh is older than three refresh intervals.
  case staleSnapshot(age: TimeInterval, limit: TimeInterval)
  /// The kubectl context or API server differs from the one the snapshot came from.
  case clusterChanged(snapshot: ClusterIdentity, now: ClusterIdentity)
  /// The current context/API server could not be determined.
  case identityUnknown(String)
  /// The journal could not be created: nothing is deleted without a journal.
  case journalUnavailable(String)
  /// The request itself is unusable (e.g. a report from another cluster).
  case invalidRequest(String)

  /// One line fit to show a user.
  public var message: String {
    switch self {
    case .readOnly:
      "read-only mode (--readonly): deletion is disabled"
    case .noDeletePermission:
      "no permission to delete ips.kubeovn.io (kubectl auth can-i delete ips.kubeovn.io: no)"
    case .noGetPermission(let resource):
      "no permission to get \(resource): owners cannot be re-verified (kubectl auth can-i get \(resource): no)"
    case .permissionCheckFailed(let why):
      "could not check permissions: \(CleanupText.line(why))"
    case .staleSnapshot(let age, let limit):
      "the last successful refresh is \(Int(age.rounded()))s old (limit \(Int(limit.rounded()))s = 3 refresh intervals); wait for a fresh refresh"
    case .clusterChanged(let snapshot, let now):
      "the cluster changed since the snapshot (context \(CleanupText.line(snapshot.context)) at \(CleanupText.line(snapshot.server)), now \(CleanupText.line(now.context)) at \(CleanupText.line(now.server))); refresh first"
    case .identityUnknown(let why):
      "could not determine the current context and API server: \(CleanupText.line(why))"
    case .journalUnavailable(let why):
      "cannot write the journal, so nothing is deleted: \(CleanupText.line(why))"
    case .invalidRequest(let why):
      CleanupText.line(why)
    }
  }
}

/// What the caller knows about the view the orphans came from.
public struct CleanupContext: Sendable, Hashable {
  /// The context and API server the snapshot was read from.
  public var identity: ClusterIdentity
  /// When the last successful refresh completed.
  public var snapshotAt: Date
  /// Seconds between refreshes; a snapshot older than 3× this is stale.
  public var refreshInterval: TimeInterval
  /// `--readonly`.
  public var readOnly: Bool
  /// Written in the journal's start line: "dashboard" or "headless".
  public var mode: String

  public init(
    identity: ClusterIdentity, snapshotAt: Date, refreshInterval: TimeInterval,
    readOnly: Bool, mode: String = "dashboard"
  ) {
    self.identity = identity
    self.snapshotAt = snapshotAt
    self.refreshInterval = refreshInterval
    self.readOnly = readOnly
    self.mode = mode
  }

  /// The age limit: three refresh intervals (at least 1.5 s, matching the 0.5 s refresh floor).
  public var staleLimit: TimeInterval { max(1.5, 3 * refreshInterval) }
}
