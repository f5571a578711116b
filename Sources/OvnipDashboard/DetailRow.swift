import OvnipAccounting
import OvnipModel

/// One line of the detail pane for the selected subnet.
public enum DetailRow: Sendable, Hashable {
  case section(String)
  case holding(Holding, shared: Bool)
  case overlap(Overlap)
  case orphan(Orphan)
  case exemption(Exemption)
  case note(String)

  /// What Enter on this row inspects.
  public var target: InspectTarget? {
    switch self {
    case .holding(let holding, _): InspectTarget(holder: holding.holder)
    case .overlap(let overlap): overlap.holders.first.map(InspectTarget.init(holder:))
    case .orphan(let orphan): InspectTarget(kind: .ips, name: orphan.name)
    case .exemption(let exemption): InspectTarget(kind: .ips, name: exemption.name)
    case .section, .note: nil
    }
  }

  /// The rows for `subnet`: overlaps first (they matter most), then orphans, look-alikes, holders.
  public static func rows(for subnet: String, in report: Report) -> [DetailRow] {
    var rows: [DetailRow] = []
    let overlaps = report.overlaps.filter { $0.subnet == subnet }
    let orphans = report.orphans.filter { $0.subnet == subnet }
    let exempt = report.exempt.filter { $0.subnet == subnet }
    let holdings = report.holdings[subnet] ?? []
    let shared = Set(overlaps.map(\.address))
    if !overlaps.isEmpty {
      rows.append(.section("Held twice (\(overlaps.count))"))
      rows += overlaps.map(DetailRow.overlap)
    }
    if !orphans.isEmpty {
      rows.append(.section("Orphans (\(orphans.count))"))
      rows += orphans.map(DetailRow.orphan)
    }
    if !exempt.isEmpty {
      rows.append(.section("Look-alikes, not leaked (\(exempt.count))"))
      rows += exempt.map(DetailRow.exemption)
    }
    rows.append(.section("Holders (\(holdings.count))"))
    if holdings.isEmpty { rows.append(.note("no addresses held")) }
    rows += holdings.map { .holding($0, shared: shared.contains($0.address)) }
    return rows
  }
}

extension InspectTarget {
  /// The object behind an address holder.
  public init(holder: Holder) {
    let kind: ResourceKind =
      switch holder.kind {
      case .ip: .ips
      case .iptablesEIP: .iptablesEIPs
      case .ovnEip: .ovnEips
      case .vip: .vips
      }
    self.init(kind: kind, name: holder.name)
  }
}
