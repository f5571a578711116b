import Foundation
import OvnipAccounting

/// What one cleanup action did: per-item results, or the refusal that stopped it before any item.
public struct CleanupSummary: Sendable, Hashable {
  /// Set when the whole action was refused before the first item; `results` is then empty.
  public var refusal: CleanupRefusal?
  public var results: [ItemResult]
  /// The journal file of this action (nil for a refusal or a dry run).
  public var journalPath: String?
  /// The action id written in every journal line.
  public var actionID: String
  /// Why the batch stopped early, if it did ("stopped by the user", "API server unreachable: …").
  public var stoppedEarly: String?
  public var dryRun: Bool

  public init(
    refusal: CleanupRefusal? = nil, results: [ItemResult] = [], journalPath: String? = nil,
    actionID: String = "", stoppedEarly: String? = nil, dryRun: Bool = false
  ) {
    self.refusal = refusal
    self.results = results
    self.journalPath = journalPath
    self.actionID = actionID
    self.stoppedEarly = stoppedEarly
    self.dryRun = dryRun
  }

  /// How many items ended with `outcome`.
  public func count(_ outcome: DeleteOutcome) -> Int {
    results.reduce(0) { $0 + ($1.outcome == outcome ? 1 : 0) }
  }
  public var deleted: Int { count(.deleted) }
  /// Failed or forbidden: the exit status is non-zero when this is > 0.
  public var failed: Int { count(.failed) + count(.forbidden) }
  /// Everything neither deleted nor failed.
  public var skipped: Int { results.count - deleted - failed }
  /// True when the action was refused or any item failed.
  public var hasFailures: Bool { refusal != nil || failed > 0 }

  /// `deleted N, skipped M (changed a, owner-present b, already-gone c), failed K`;
  /// owner-unknown, not-attempted and forbidden counts are added when non-zero.
  public var line: String {
    if let refusal { return "refused: \(refusal.message)" }
    var parts = [
      "changed \(count(.changed))", "owner-present \(count(.ownerPresent))",
      "already-gone \(count(.alreadyGone))",
    ]
    if count(.ownerUnknown) > 0 { parts.append("owner-unknown \(count(.ownerUnknown))") }
    if count(.skipped) > 0 {
      parts.append("\(dryRun ? "dry run" : "not attempted") \(count(.skipped))")
    }
    let forbidden = count(.forbidden) > 0 ? " (forbidden \(count(.forbidden)))" : ""
    return "deleted \(deleted), skipped \(skipped) (\(parts.joined(separator: ", "))), failed \(failed)\(forbidden)"
  }
}
