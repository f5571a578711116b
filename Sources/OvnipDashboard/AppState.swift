import Foundation
import OvnipAccounting

/// A footer message that disappears by itself.
public struct TransientMessage: Sendable, Hashable {
  public var text: String
  public var isError: Bool
  public var until: Date
  public init(text: String, isError: Bool, until: Date) {
    self.text = text
    self.isError = isError
    self.until = until
  }
}

/// Everything the screen shows; changed only by `reduce`.
public struct AppState: Sendable {
  // Set at start.
  public var context: String
  public var readOnly: Bool
  /// Why deleting is not allowed (no delete permission), nil when it is.
  public var deleteDenied: String?
  /// Seconds between refreshes; a report older than three intervals is stale.
  public var refreshInterval: TimeInterval
  public var themeNames: [String]
  public var themeIndex = 0

  // From the poller.
  public var now: Date
  public private(set) var report: Report?
  public private(set) var reportAt: Date?
  public var poll: PollState = .starting
  public var failure: PollFailure?
  /// Orphan stage and age by IP CR name.
  public var orphanStatus: [String: OrphanStatus] = [:] {
    didSet { confirmedCount = orphanStatus.values.filter { $0.stage == .confirmed }.count }
  }
  /// Orphans whose status is confirmed (kept with `orphanStatus`, so frames need not count).
  public private(set) var confirmedCount = 0
  public var trend = TrendHistory()

  // Navigation.
  public var focus: Pane = .subnets
  public var subnetSort: SubnetSort = .utilization
  public var orphanSort: OrphanSort = .subnet
  public private(set) var filter = FilterQuery("")
  /// The filter prompt's text while it is open.
  public var filterDraft: String?
  public var cursor: [Pane: Int] = [:]
  public var overlay: Overlay?
  public var message: TransientMessage?
  public var width = 80
  public var height = 24

  // Derived, recomputed when the report, filter or sort change.
  /// Indices into `report.subnets`, filtered and sorted.
  public private(set) var visibleSubnets: [Int] = []
  /// Indices into `report.orphans`, filtered and sorted.
  public private(set) var visibleOrphans: [Int] = []
  /// Detail rows of the selected subnet.
  public private(set) var detailRows: [DetailRow] = []

  public init(
    context: String, now: Date, readOnly: Bool = false, deleteDenied: String? = nil,
    refreshInterval: TimeInterval = 2, themeNames: [String] = ["default"], filter: String = ""
  ) {
    self.context = context
    self.now = now
    self.readOnly = readOnly
    self.deleteDenied = deleteDenied
    self.refreshInterval = refreshInterval
    self.themeNames = themeNames.isEmpty ? ["default"] : themeNames
    self.filter = FilterQuery(filter)
  }

  public var themeName: String { themeNames[themeIndex % themeNames.count] }

  /// The subnet under the cursor of the subnets pane.
  public var selectedSubnet: SubnetUsage? {
    guard let report, let row = cursor[.subnets], visibleSubnets.indices.contains(row) else {
      return nil
    }
    return report.subnets[visibleSubnets[row]]
  }

  /// The orphan under the cursor: in the orphans pane, or on an orphan row of the detail pane.
  public var selectedOrphan: Orphan? {
    guard let report else { return nil }
    switch focus {
    case .orphans:
      guard let row = cursor[.orphans], visibleOrphans.indices.contains(row) else { return nil }
      return report.orphans[visibleOrphans[row]]
    case .detail:
      guard let row = cursor[.detail], detailRows.indices.contains(row),
        case .orphan(let orphan) = detailRows[row]
      else { return nil }
      return orphan
    case .subnets:
      return nil
    }
  }

  /// Rows of the pane, for cursor bounds.
  public func rowCount(_ pane: Pane) -> Int {
    switch pane {
    case .subnets: visibleSubnets.count
    case .detail: detailRows.count
    case .orphans: visibleOrphans.count
    }
  }

  /// True when the last report is older than three refresh intervals (or there is none).
  public var isStale: Bool {
    guard let reportAt else { return true }
    return now.timeIntervalSince(reportAt) > 3 * refreshInterval
  }

  /// Stage of an orphan; one not yet tracked is a candidate seen now.
  public func status(of orphan: Orphan) -> OrphanStatus {
    orphanStatus[orphan.name] ?? OrphanStatus(firstSeen: now, refreshesSeen: 1, stage: .candidate)
  }

  /// Orphans hidden by the filter.
  public var hiddenOrphanCount: Int { (report?.orphans.count ?? 0) - visibleOrphans.count }

  // MARK: - Mutations that keep the derived lists right

  mutating func setReport(_ report: Report, at: Date) {
    let selectedName = selectedSubnet?.name
    let selectedOrphanName = focus == .orphans ? selectedOrphan?.name : nil
    self.report = report
    self.reportAt = at
    recompute(keepSubnet: selectedName, keepOrphan: selectedOrphanName)
  }

  mutating func setFilter(_ query: FilterQuery) {
    let selectedName = selectedSubnet?.name
    filter = query
    recompute(keepSubnet: selectedName, keepOrphan: nil)
  }

  mutating func resort() {
    recompute(keepSubnet: selectedSubnet?.name, keepOrphan: selectedOrphan?.name)
  }

  mutating func refreshDetail() {
    guard let report, let subnet = selectedSubnet else {
      detailRows = []
      clampCursors()
      return
    }
    detailRows = DetailRow.rows(for: subnet.name, in: report)
    clampCursors()
  }

  private mutating func recompute(keepSubnet: String?, keepOrphan: String?) {
    guard let report else { return }
    let match = filter.matcher()
    visibleSubnets = report.subnets.indices.filter { match([report.subnets[$0].name]) }
    visibleSubnets.sort(by: subnetOrder(report.subnets))
    visibleOrphans = report.orphans.indices.filter {
      match([report.orphans[$0].subnet, report.orphans[$0].name])
    }
    visibleOrphans.sort(by: orphanOrder(report.orphans))
    if let keepSubnet,
      let row = visibleSubnets.firstIndex(where: { report.subnets[$0].name == keepSubnet })
    {
      cursor[.subnets] = row
    }
    if let keepOrphan,
      let row = visibleOrphans.firstIndex(where: { report.orphans[$0].name == keepOrphan })
    {
      cursor[.orphans] = row
    }
    clampCursors()
    refreshDetail()
  }

  mutating func clampCursors() {
    for pane in Pane.allCases {
      let count = rowCount(pane)
      cursor[pane] = count == 0 ? 0 : min(max(cursor[pane] ?? 0, 0), count - 1)
    }
  }

  private func subnetOrder(_ subnets: [SubnetUsage]) -> (Int, Int) -> Bool {
    let sort = subnetSort
    return { a, b in
      let x = subnets[a]
      let y = subnets[b]
      switch sort {
      case .name: return x.name < y.name
      case .utilization:
        let (ux, uy) = (x.utilization, y.utilization)
        return ux != uy ? ux > uy : x.name < y.name
      case .orphans:
        return x.orphanCount != y.orphanCount ? x.orphanCount > y.orphanCount : x.name < y.name
      case .drift:
        return x.drift != y.drift ? x.drift > y.drift : x.name < y.name
      case .doubleCounted:
        return x.doubleCountedTotal != y.doubleCountedTotal
          ? x.doubleCountedTotal > y.doubleCountedTotal : x.name < y.name
      }
    }
  }

  private func orphanOrder(_ orphans: [Orphan]) -> (Int, Int) -> Bool {
    let sort = orphanSort
    let statuses = orphanStatus
    return { a, b in
      let x = orphans[a]
      let y = orphans[b]
      switch sort {
      case .subnet: return x.subnet != y.subnet ? x.subnet < y.subnet : x.name < y.name
      case .name: return x.name < y.name
      case .age:
        let fx = statuses[x.name]?.firstSeen ?? .distantFuture
        let fy = statuses[y.name]?.firstSeen ?? .distantFuture
        return fx != fy ? fx < fy : x.name < y.name
      case .reason:
        return x.reason != y.reason ? x.reason.rawValue < y.reason.rawValue : x.name < y.name
      }
    }
  }
}
