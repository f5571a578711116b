import OvnipAccounting
import OvnipDashboard

extension Renderer {
  func detailPane(_ screen: inout Screen, in rect: Rect) {
    guard let subnet = state.selectedSubnet else {
      let inner = Widgets.box(&screen, rect, title: "Detail", focused: state.focus == .detail, glyphs: glyphs)
      screen.put(" select a subnet", x: inner.x, y: inner.y, role: .dim)
      return
    }
    let inner = Widgets.box(
      &screen, rect, title: "Detail: \(Sanitize.text(subnet.name))", focused: state.focus == .detail, glyphs: glyphs)
    guard inner.height > 0 else { return }
    var y = inner.y
    for (label, family) in [("v4", subnet.v4), ("v6", subnet.v6)] {
      guard let family, y < inner.y + inner.height else { continue }
      let line =
        "\(label) real \(family.distinctUsing)/\(Format.count(family.capacity)) · controller \(family.controllerUsing)"
        + " · reported \(Format.count(family.reportedUsing)) using, \(Format.count(family.reportedAvailable)) available"
        + " · held twice \(family.doubleCounted)"
      screen.put(" " + line, x: inner.x, y: y, limit: inner.width)
      y += 1
    }
    if y < inner.y + inner.height {
      var x = inner.x + 1
      x += screen.put("usage ", x: x, y: y, role: .dim)
      x += screen.put(Widgets.sparkline(state.trend.usage[subnet.name] ?? [], width: 20, glyphs: glyphs), x: x, y: y, role: .spark)
      x += screen.put("  orphans ", x: x, y: y, role: .dim)
      screen.put(Widgets.sparkline(state.trend.orphans[subnet.name] ?? [], width: 20, glyphs: glyphs), x: x, y: y, role: .spark)
      y += 1
    }
    let rows = inner.y + inner.height - y
    guard rows > 0 else { return }
    let count = state.detailRows.count
    let cursor = state.cursor[.detail] ?? 0
    let offset = Widgets.scrollOffset(cursor: cursor, count: count, height: rows)
    for line in 0..<min(rows, count - offset) {
      let row = offset + line
      detailRow(&screen, state.detailRows[row], x: inner.x, y: y + line, width: inner.width)
      if row == cursor, state.focus == .detail {
        screen.restyle(x: inner.x, y: y + line, width: inner.width, role: .selection)
      }
    }
  }

  func detailRow(_ screen: inout Screen, _ row: DetailRow, x: Int, y: Int, width: Int) {
    switch row {
    case .section(let title):
      screen.put(" " + title, x: x, y: y, role: .title, limit: width)
    case .note(let text):
      screen.put("   " + text, x: x, y: y, role: .dim, limit: width)
    case .holding(let holding, let shared):
      let text = "   " + Format.fit(holding.address, 16) + " " + holding.holder.kind.rawValue + " " + holding.holder.name
      screen.put(text, x: x, y: y, role: shared ? .error : .text, limit: width)
    case .overlap(let overlap):
      let holders = overlap.holders.map { "\($0.kind.rawValue) \($0.name)" }.joined(separator: " + ")
      screen.put("   " + Format.fit(overlap.address, 16) + " held by " + holders, x: x, y: y, role: .error, limit: width)
    case .orphan(let orphan):
      let status = state.status(of: orphan)
      var cx = x
      cx += screen.put("   " + Format.fit(orphan.name, 22, ellipsis: glyphs.ellipsis) + " ", x: cx, y: y, limit: width)
      cx += screen.put(Format.fit(status.stage.rawValue, 10), x: cx, y: y, role: status.stage == .confirmed ? .confirmed : .candidate, limit: x + width - cx)
      cx += screen.put(Format.fit(Format.age(state.now.timeIntervalSince(status.firstSeen)), 5), x: cx, y: y, role: .dim, limit: x + width - cx)
      screen.put(orphan.reason.rawValue + ": " + orphan.evidence, x: cx, y: y, limit: x + width - cx)
    case .exemption(let exemption):
      let text = "   " + Format.fit(exemption.name, 22, ellipsis: glyphs.ellipsis) + " " + exemption.reason.rawValue + ": " + exemption.evidence
      screen.put(text, x: x, y: y, role: .ok, limit: width)
    }
  }

  func orphansPane(_ screen: inout Screen, in rect: Rect) {
    let count = state.visibleOrphans.count
    let total = report?.orphans.count ?? 0
    let title = count == total ? "Orphans (\(total))" : "Orphans (\(count) of \(total))"
    let inner = Widgets.box(&screen, rect, title: title, focused: state.focus == .orphans, glyphs: glyphs)
    guard inner.height > 1, let report else { return }
    let nameWidth = max(12, min(28, inner.width / 3))
    let showAddress = inner.width >= 72
    let header = Format.fit("IP CR", nameWidth) + " " + Format.fit("SUBNET", 12) + " "
      + (showAddress ? Format.fit("ADDRESS", 15) + " " : "")
      + Format.fit("STAGE", 10) + Format.fit("AGE", 5) + "REASON / EVIDENCE"
    screen.put(" " + header, x: inner.x, y: inner.y, role: .dim, limit: inner.width)
    if count == 0 {
      screen.put(total == 0 ? " no orphans" : " no orphan matches the filter", x: inner.x, y: inner.y + 1, role: .dim)
      return
    }
    let rows = inner.height - 1
    let cursor = state.cursor[.orphans] ?? 0
    let offset = Widgets.scrollOffset(cursor: cursor, count: count, height: rows)
    for line in 0..<min(rows, count - offset) {
      let row = offset + line
      let orphan = report.orphans[state.visibleOrphans[row]]
      let status = state.status(of: orphan)
      let y = inner.y + 1 + line
      var x = inner.x + 1
      let end = inner.x + inner.width
      x += screen.put(Format.fit(orphan.name, nameWidth, ellipsis: glyphs.ellipsis) + " ", x: x, y: y, limit: end - x)
      x += screen.put(Format.fit(orphan.subnet, 12, ellipsis: glyphs.ellipsis) + " ", x: x, y: y, role: .dim, limit: end - x)
      if showAddress {
        x += screen.put(Format.fit(orphan.addresses.first ?? "-", 15, ellipsis: glyphs.ellipsis) + " ", x: x, y: y, limit: end - x)
      }
      x += screen.put(Format.fit(status.stage.rawValue, 10), x: x, y: y, role: status.stage == .confirmed ? .confirmed : .candidate, limit: end - x)
      x += screen.put(Format.fit(Format.age(state.now.timeIntervalSince(status.firstSeen)), 5), x: x, y: y, role: .dim, limit: end - x)
      screen.put(orphan.reason.rawValue + ": " + orphan.evidence, x: x, y: y, limit: end - x)
      if row == cursor {
        screen.restyle(x: inner.x, y: y, width: nameWidth + 1, role: state.focus == .orphans ? .selection : .selectionInactive)
      }
    }
  }

  /// Below 80×24: only the focused pane, as a plain list.
  func compactBody(_ screen: inout Screen, in body: Rect) {
    switch state.focus {
    case .subnets: subnetsPane(&screen, in: body)
    case .detail: detailPane(&screen, in: body)
    case .orphans: orphansPane(&screen, in: body)
    }
  }
}
