import Foundation

/// Where the poller stands, as the header shows it.
public enum PollState: Sendable, Hashable {
  /// Nothing received yet.
  case starting
  /// First full list in progress.
  case loading(done: Int, total: Int, resource: String)
  /// A snapshot arrived; `watching` when every resource is followed by a watch.
  case live(watching: Bool)
}

/// The last poll failure, kept until the next success.
public struct PollFailure: Sendable, Hashable {
  public var message: String
  public var at: Date
  public init(message: String, at: Date) {
    self.message = message
    self.at = at
  }
}
