import Foundation

/// How the poller paces itself.
public struct PollerOptions: Sendable, Hashable {
  /// Shortest refresh accepted (`--refresh` floor).
  public static let minimumRefresh: Duration = .milliseconds(500)

  /// Snapshot cadence, and re-list interval of kinds without a working watch (`--refresh`).
  public var refresh: Duration
  /// Items per list page.
  public var pageLimit: Int
  /// Longest wait between retries of a failing call.
  public var maxBackoff: Duration
  /// Consecutive watch failures after which a kind falls back to periodic re-lists.
  public var watchFailuresBeforeFallback: Int
  /// How long a kind stays on periodic re-lists before its watch is tried again.
  public var watchRetryAfter: Duration
  /// Follow changes with watches after the first list (off: re-list every refresh).
  public var useWatches: Bool

  public init(
    refresh: Duration = .seconds(2), pageLimit: Int = 5000, maxBackoff: Duration = .seconds(60),
    watchFailuresBeforeFallback: Int = 3, watchRetryAfter: Duration = .seconds(60),
    useWatches: Bool = true
  ) {
    self.refresh = max(refresh, Self.minimumRefresh)
    self.pageLimit = max(1, pageLimit)
    self.maxBackoff = max(maxBackoff, self.refresh)
    self.watchFailuresBeforeFallback = max(1, watchFailuresBeforeFallback)
    self.watchRetryAfter = watchRetryAfter
    self.useWatches = useWatches
  }

  /// `--refresh SECONDS` as given on the command line (floored at 0.5 s).
  public init(refreshSeconds: Double, pageLimit: Int = 5000) {
    let seconds = refreshSeconds.isFinite ? max(refreshSeconds, 0.5) : 2
    self.init(refresh: .milliseconds(Int64((seconds * 1000).rounded())), pageLimit: pageLimit)
  }

  /// Wait before retry number `failures` (1, 2, 3…): refresh, doubled each time, capped.
  public func backoff(afterFailures failures: Int) -> Duration {
    guard failures > 0 else { return refresh }
    var delay = refresh
    for _ in 1..<min(failures, 16) {
      delay = delay * 2
      if delay >= maxBackoff { return maxBackoff }
    }
    return min(delay, maxBackoff)
  }
}
