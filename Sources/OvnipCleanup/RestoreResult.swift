import Foundation

/// What restore did (or would do) for one journaled IP CR.
public struct RestoreResult: Sendable, Hashable {
  /// How one item ended.
  public enum Outcome: String, Sendable, Hashable {
    case restored
    /// `--dry-run`: every check passed.
    case wouldRestore = "would-restore"
    /// A check failed: the subnet is gone, the address is held, the name is taken, …
    case refused
    /// The create call failed.
    case failed
  }
  public var name: String
  public var outcome: Outcome
  /// One line saying why.
  public var detail: String

  public init(name: String, outcome: Outcome, detail: String) {
    self.name = name
    self.outcome = outcome
    self.detail = detail
  }

  /// One printable line: `refused NAME: address 10.0.4.254 is held by IptablesEIP eip4 now`.
  public var line: String { "\(outcome.rawValue) \(CleanupText.line(name)): \(CleanupText.line(detail))" }
}
