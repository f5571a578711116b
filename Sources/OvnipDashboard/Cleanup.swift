import OvnipAccounting

/// The delete confirmation dialog (ctrl-d / D); Cancel is focused when it opens.
public struct CleanupDialog: Sendable, Hashable {
  /// Confirmed orphans that will be deleted (at most `CleanupDialog.batchLimit`).
  public var deletable: [Orphan]
  /// Candidates in view: listed, not deletable until confirmed.
  public var candidates: [Orphan]
  /// Confirmed orphans beyond the batch limit, left for a next round.
  public var overLimit: Int
  /// Orphans hidden by the filter (not included).
  public var hiddenByFilter: Int
  /// True for D (all in view), false for ctrl-d (the selected one).
  public var isBatch: Bool
  public var deleteFocused = false

  /// The most IP CRs deleted per confirmation.
  public static let batchLimit = 500

  public init(
    deletable: [Orphan], candidates: [Orphan], overLimit: Int, hiddenByFilter: Int, isBatch: Bool
  ) {
    self.deletable = deletable
    self.candidates = candidates
    self.overLimit = overLimit
    self.hiddenByFilter = hiddenByFilter
    self.isBatch = isBatch
  }

  /// Deletable count per subnet, by subnet name.
  public var perSubnet: [(subnet: String, count: Int)] {
    var counts: [String: Int] = [:]
    for orphan in deletable { counts[orphan.subnet, default: 0] += 1 }
    return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }
}

/// One finished item of a running cleanup, reported by the delete runner.
public struct CleanupItemResult: Sendable, Hashable {
  public var name: String
  public var outcome: DeleteOutcome
  /// One line: why it was skipped or failed; empty for a plain delete.
  public var detail: String
  public init(name: String, outcome: DeleteOutcome, detail: String = "") {
    self.name = name
    self.outcome = outcome
    self.detail = detail
  }
}

/// A cleanup run: progress while it runs, the summary after.
public struct CleanupRun: Sendable, Hashable {
  public var total: Int
  public var results: [CleanupItemResult] = []
  /// The item being processed now.
  public var current: String?
  public var stopRequested = false
  public var finished = false
  /// Where the journal was written (shown in the summary).
  public var journalPath: String?

  public init(total: Int) { self.total = total }

  public var done: Int { results.count }

  /// Outcome counts in a fixed order, zero counts left out.
  public var counts: [(outcome: DeleteOutcome, count: Int)] {
    DeleteOutcome.allCases.compactMap { outcome in
      let n = results.filter { $0.outcome == outcome }.count
      return n == 0 ? nil : (outcome, n)
    }
  }

  /// "deleted 3, skipped 1 (changed), failed 0" style one-liner.
  public var summaryLine: String {
    let deleted = results.filter { $0.outcome == .deleted }.count
    let failed = results.filter { [.failed, .forbidden].contains($0.outcome) }.count
    let skippedKinds = counts.filter { ![.deleted, .failed, .forbidden].contains($0.outcome) }
    let skipped = skippedKinds.reduce(0) { $0 + $1.count }
    var line = "deleted \(deleted), skipped \(skipped)"
    if !skippedKinds.isEmpty {
      line += " (" + skippedKinds.map { "\($0.outcome.rawValue) \($0.count)" }.joined(separator: ", ") + ")"
    }
    line += ", failed \(failed)"
    if total > done { line += ", not attempted \(total - done)" }
    return line
  }
}
