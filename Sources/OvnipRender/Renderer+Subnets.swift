import OvnipAccounting
import OvnipDashboard

/// A subnets table column: header, width, and how a subnet is drawn into it.
struct SubnetColumn {
  enum ID { case name, vpc, cidr, used, bar, reported, double, orphans, trend, flags }
  var id: ID
  var title: String
  var width: Int
}

extension Renderer {
  func fullBody(_ screen: inout Screen, in body: Rect) {
    // The subnets pane takes what its rows need, at most ~45% of the body.
    let wanted = state.visibleSubnets.count + 3
    let topHeight = max(5, min(body.height * 9 / 20, wanted))
    let top = Rect(x: body.x, y: body.y, width: body.width, height: topHeight)
    let bottom = Rect(x: body.x, y: body.y + topHeight, width: body.width, height: body.height - topHeight)
    subnetsPane(&screen, in: top)
    if body.width >= 120 {
      let left = bottom.width / 2
      detailPane(&screen, in: Rect(x: bottom.x, y: bottom.y, width: left, height: bottom.height))
      orphansPane(
        &screen, in: Rect(x: bottom.x + left, y: bottom.y, width: bottom.width - left, height: bottom.height))
    } else if state.focus == .orphans {
      orphansPane(&screen, in: bottom)
    } else {
      detailPane(&screen, in: bottom)
    }
  }

  /// Columns that fit `width`, in display order; low-priority columns drop first.
  func subnetColumns(width: Int) -> [SubnetColumn] {
    let all: [SubnetColumn] = [
      .init(id: .name, title: "SUBNET", width: 12), .init(id: .vpc, title: "VPC/PROVIDER", width: 14),
      .init(id: .cidr, title: "CIDR", width: 18), .init(id: .used, title: "USED/CAP", width: 12),
      .init(id: .bar, title: "UTIL", width: 12), .init(id: .reported, title: "REPORTED", width: 11),
      .init(id: .double, title: "DUP", width: 4), .init(id: .orphans, title: "ORPH", width: 5),
      .init(id: .trend, title: "TREND", width: 10), .init(id: .flags, title: "FLAGS", width: 10),
    ]
    let priority: [SubnetColumn.ID] = [.name, .used, .bar, .orphans, .double, .flags, .cidr, .reported, .vpc, .trend]
    var chosen: Set<SubnetColumn.ID> = []
    var used = 0
    for id in priority {
      let column = all.first { $0.id == id }!
      if used + column.width + 1 <= width {
        chosen.insert(id)
        used += column.width + 1
      }
    }
    var columns = all.filter { chosen.contains($0.id) }
    var spare = width - used
    for id in [SubnetColumn.ID.name, .flags] {
      guard let i = columns.firstIndex(where: { $0.id == id }) else { continue }
      let grow = id == .name ? min(spare, 14) : spare
      columns[i].width += grow
      spare -= grow
    }
    return columns
  }

  func subnetsPane(_ screen: inout Screen, in rect: Rect) {
    let count = state.visibleSubnets.count
    let total = report?.subnets.count ?? 0
    let title = count == total ? "Subnets (\(total))" : "Subnets (\(count) of \(total))"
    let inner = Widgets.box(&screen, rect, title: title, focused: state.focus == .subnets, glyphs: glyphs)
    guard inner.height > 1 else { return }
    guard let report else {
      screen.put(" waiting for the first snapshot…", x: inner.x, y: inner.y + 1, role: .dim)
      return
    }
    let columns = subnetColumns(width: inner.width - 1)
    var x = inner.x + 1
    for column in columns {
      screen.put(Format.fit(column.title, column.width, ellipsis: glyphs.ellipsis), x: x, y: inner.y, role: .dim)
      x += column.width + 1
    }
    let rows = inner.height - 1
    let cursor = state.cursor[.subnets] ?? 0
    let offset = Widgets.scrollOffset(cursor: cursor, count: count, height: rows)
    if count == 0 {
      screen.put(" no subnet matches the filter", x: inner.x, y: inner.y + 1, role: .dim)
    }
    for line in 0..<min(rows, count - offset) {
      let row = offset + line
      let subnet = report.subnets[state.visibleSubnets[row]]
      let y = inner.y + 1 + line
      subnetRow(&screen, subnet, columns: columns, x: inner.x + 1, y: y)
      if row == cursor {
        screen.restyle(
          x: inner.x, y: y, width: columns[0].width + 1,
          role: state.focus == .subnets ? .selection : .selectionInactive)
      }
    }
  }

  func subnetRow(_ screen: inout Screen, _ subnet: SubnetUsage, columns: [SubnetColumn], x startX: Int, y: Int) {
    var x = startX
    let family = subnet.primary
    for column in columns {
      let w = column.width
      switch column.id {
      case .name:
        screen.put(Format.fit(subnet.name, w, ellipsis: glyphs.ellipsis), x: x, y: y)
      case .vpc:
        let label = subnet.vpc.isEmpty ? subnet.provider : subnet.vpc
        screen.put(Format.fit(label, w, ellipsis: glyphs.ellipsis), x: x, y: y, role: .dim)
      case .cidr:
        screen.put(Format.fit(subnet.cidrBlock, w, ellipsis: glyphs.ellipsis), x: x, y: y)
      case .used:
        let text = family.map { "\(Format.count($0.distinctUsing))/\(Format.count($0.capacity))" } ?? "-"
        let over = family.map { UInt128($0.distinctUsing) > $0.capacity } ?? false
        screen.put(Format.fit(text, w, right: true), x: x, y: y, role: over ? .error : .text)
      case .bar:
        if let family, family.capacity > 0 {
          let cap = Double(family.capacity)
          let marker = family.reportedUsing?.uint128.map { Double($0) / cap }
          Widgets.bar(
            &screen, x: x, y: y, width: w, fraction: Double(family.distinctUsing) / cap,
            marker: marker, warn: subnet.flags.contains(.usingExceedsCapacity), glyphs: glyphs)
        }
      case .reported:
        let text = family.map { "\(Format.count($0.reportedUsing))/\(Format.count($0.reportedAvailable))" } ?? "-"
        let drift = subnet.flags.contains(.reportedDrift)
        screen.put(Format.fit(text, w, right: true), x: x, y: y, role: drift ? .warn : .dim)
      case .double:
        let n = subnet.doubleCountedTotal
        screen.put(Format.fit(n == 0 ? "-" : String(n), w, right: true), x: x, y: y, role: n == 0 ? .dim : .error)
      case .orphans:
        let n = subnet.orphanCount
        screen.put(Format.fit(n == 0 ? "-" : String(n), w, right: true), x: x, y: y, role: n == 0 ? .dim : .confirmed)
      case .trend:
        let spark = Widgets.sparkline(state.trend.usage[subnet.name] ?? [], width: w, glyphs: glyphs)
        screen.put(spark, x: x, y: y, role: .spark)
      case .flags:
        var fx = x
        for flag in subnet.flags {
          let badge = Self.badge(flag)
          if fx + DisplayWidth.of(badge) > x + w { break }
          fx += screen.put(badge, x: fx, y: y, role: flag == .reportedDrift ? .warn : .error) + 1
        }
      }
      x += w + 1
    }
  }

  /// The short badge of a subnet flag.
  static func badge(_ flag: SubnetFlag) -> String {
    switch flag {
    case .usingExceedsCapacity: "OVER"
    case .rangeCountMismatch: "RANGE"
    case .reportedDrift: "DRIFT"
    case .doubleCounted: "DUP"
    case .addressesOutsideCIDR: "OUTSIDE"
    case .terminatingWithHolders: "TERM"
    }
  }
}
