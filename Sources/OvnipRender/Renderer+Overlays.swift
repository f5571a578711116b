import OvnipAccounting
import OvnipDashboard

extension Renderer {
  /// A centred box over the panes, cleared; returns its inner rectangle.
  func modal(_ screen: inout Screen, in body: Rect, width: Int, height: Int, title: String) -> Rect {
    let w = min(width, body.width - 2)
    let h = min(height, body.height)
    let rect = Rect(x: body.x + (body.width - w) / 2, y: body.y + (body.height - h) / 2, width: w, height: h)
    screen.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height, role: .dialog)
    return Widgets.box(&screen, rect, title: title, focused: true, glyphs: glyphs)
  }

  func help(_ screen: inout Screen, in body: Rect) {
    let lines = Keymap.bindings.count + Keymap.modalKeys.count + 3
    let inner = modal(&screen, in: body, width: 116, height: lines + 2, title: "Keys (? or Esc closes)")
    var y = inner.y
    for binding in Keymap.bindings where y < inner.y + inner.height {
      let disabled = isDisabled(binding.command)
      screen.put(" " + Format.fit(binding.keyLabel, 18), x: inner.x, y: y, role: .key)
      let note = disabled ? " (disabled: \(state.readOnly ? "read-only" : state.deleteDenied ?? ""))" : ""
      screen.put(
        Format.fit(binding.description + note, inner.width - 20), x: inner.x + 20, y: y,
        role: disabled ? .dim : .dialog)
      y += 1
    }
    y += 1
    for row in Keymap.modalKeys where y < inner.y + inner.height {
      screen.put(" " + Format.fit(row.context, 15), x: inner.x, y: y, role: .dim)
      screen.put(Format.fit(row.keys, 19), x: inner.x + 16, y: y, role: .key)
      screen.put(Format.fit(row.description, inner.width - 36), x: inner.x + 36, y: y, role: .dialog)
      y += 1
    }
  }

  func dialog(_ screen: inout Screen, _ dialog: CleanupDialog, in body: Rect) {
    var lines: [(String, StyleRole)] = []
    let n = dialog.deletable.count
    lines.append((dialog.isBatch ? "Delete \(n) confirmed orphan IP CRs in view?" : "Delete IP CR \(dialog.deletable.first?.name ?? "")?", .title))
    lines.append(("", .dialog))
    for entry in dialog.perSubnet.prefix(6) {
      lines.append(("  \(Format.fit(entry.subnet, 24)) \(entry.count)", .dialog))
    }
    if dialog.perSubnet.count > 6 { lines.append(("  … and \(dialog.perSubnet.count - 6) more subnets", .dim)) }
    lines.append(("", .dialog))
    for orphan in dialog.deletable.prefix(5) {
      lines.append(("  \(orphan.name)  \(orphan.reason.rawValue): \(orphan.evidence)", .dialog))
    }
    if n > 5 { lines.append(("  … and \(n - 5) more", .dim)) }
    if !dialog.candidates.isEmpty {
      lines.append(("\(dialog.candidates.count) candidates in view are not confirmed yet and are not included:", .candidate))
      for orphan in dialog.candidates.prefix(3) { lines.append(("  \(orphan.name)  \(orphan.reason.rawValue)", .candidate)) }
    }
    if dialog.isBatch {
      lines.append(("\(dialog.hiddenByFilter) orphans hidden by the filter are not included", .dim))
    }
    if dialog.overLimit > 0 {
      lines.append(("\(dialog.overLimit) more beyond the \(CleanupDialog.batchLimit)-per-batch limit are left for the next round", .dim))
    }
    lines.append(("Each is re-checked live, journalled, then deleted with uid+resourceVersion preconditions.", .dim))
    // What is about to be deleted is shown whole: long names and evidence wrap instead of
    // being cut at the box edge.
    let room = min(100, body.width - 2) - 3
    let wrapped = lines.flatMap { line in Format.wrap(line.0, width: room).map { ($0, line.1) } }
    let inner = modal(&screen, in: body, width: 100, height: wrapped.count + 4, title: dialog.isBatch ? "Clean up" : "Delete")
    for (i, line) in wrapped.enumerated() where i < inner.height - 2 {
      screen.put(" " + line.0, x: inner.x, y: inner.y + i, role: line.1, limit: inner.width)
    }
    let y = inner.y + inner.height - 1
    let cancel = "[ Cancel ]"
    let delete = n == 1 ? "[ Delete 1 ]" : "[ Delete \(n) ]"
    let x = inner.x + (inner.width - cancel.count - delete.count - 4) / 2
    screen.put(cancel, x: x, y: y, role: dialog.deleteFocused ? .button : .buttonFocus)
    screen.put(delete, x: x + cancel.count + 4, y: y, role: dialog.deleteFocused ? .buttonFocus : .button)
  }

  func cleanup(_ screen: inout Screen, _ run: CleanupRun, in body: Rect) {
    let notDeleted = run.results.filter { $0.outcome != .deleted }
    let listed = run.finished ? min(8, notDeleted.count) : min(5, run.results.count)
    let inner = modal(&screen, in: body, width: 84, height: 8 + listed, title: run.finished ? "Clean-up result" : "Deleting")
    var y = inner.y
    let fraction = run.total == 0 ? 1 : Double(run.done) / Double(run.total)
    let label = " \(run.done)/\(run.total) "
    screen.put(label, x: inner.x, y: y, role: .dialog)
    Widgets.bar(&screen, x: inner.x + label.count, y: y, width: max(1, inner.width - label.count - 1), fraction: fraction, marker: nil, warn: false, glyphs: glyphs)
    y += 2
    if run.finished {
      screen.put(" " + run.summaryLine, x: inner.x, y: y, role: .title, limit: inner.width)
      y += 1
      if let journal = run.journalPath {
        screen.put(" journal: " + journal, x: inner.x, y: y, role: .dim, limit: inner.width)
      }
      y += 1
      for item in notDeleted.prefix(listed) {
        screen.put(" \(item.name)  \(item.outcome.rawValue)  \(item.detail)", x: inner.x, y: y, role: .warn, limit: inner.width)
        y += 1
      }
      screen.put(" Enter or Esc closes", x: inner.x, y: inner.y + inner.height - 1, role: .dim)
    } else {
      screen.put(" now: " + (run.current ?? "-"), x: inner.x, y: y, role: .dialog, limit: inner.width)
      y += 1
      for item in run.results.suffix(listed) {
        let role: StyleRole = item.outcome == .deleted ? .ok : .warn
        screen.put(" \(item.name)  \(item.outcome.rawValue)  \(item.detail)", x: inner.x, y: y, role: role, limit: inner.width)
        y += 1
      }
      let hint = run.stopRequested ? " stopping after the current item…" : " Esc stops after the current item"
      screen.put(hint, x: inner.x, y: inner.y + inner.height - 1, role: .dim)
    }
  }

  func inspect(_ screen: inout Screen, _ inspect: InspectState, in body: Rect) {
    let target = inspect.target
    let inner = Widgets.box(
      &screen, body, title: "\(target.kind.kind) \(Sanitize.text(target.name)) (Esc back, r refetch)", focused: true, glyphs: glyphs)
    let lines = inspectLines(inspect)
    let maxScroll = max(0, lines.count - inner.height)
    let offset = min(inspect.scroll, maxScroll)
    for i in 0..<min(inner.height, lines.count - offset) {
      let line = lines[offset + i]
      screen.put(" " + line.0, x: inner.x, y: inner.y + i, role: line.1, limit: inner.width)
    }
    if lines.count > inner.height {
      let tag = " \(offset + 1)-\(min(lines.count, offset + inner.height))/\(lines.count) "
      screen.put(tag, x: body.x + body.width - tag.count - 2, y: body.y + body.height - 1, role: .dim)
    }
  }

  /// Evidence chain, the other holders of the same addresses, then the object as fetched.
  func inspectLines(_ inspect: InspectState) -> [(String, StyleRole)] {
    var lines: [(String, StyleRole)] = []
    let name = inspect.target.name
    var addresses: [String] = []
    if let report {
      if inspect.target.kind == .ips, let orphan = report.orphans.first(where: { $0.name == name }) {
        let status = state.status(of: orphan)
        lines.append(("Evidence: orphan (\(status.stage.rawValue), seen \(Format.age(state.now.timeIntervalSince(status.firstSeen))), \(status.refreshesSeen) refreshes)", .title))
        lines.append(("  reasons: " + orphan.reasons.map(\.rawValue).joined(separator: ", "), .confirmed))
        lines.append(("  " + orphan.evidence, .text))
        for check in orphan.checks {
          let ns = check.namespace.isEmpty ? "" : check.namespace + "/"
          lines.append(("  re-checked before delete: \(check.kind.rawValue) \(ns)\(check.name) must be \(check.expectation.rawValue) \(check.detail)", .dim))
        }
        lines.append(("  uid \(orphan.uid) · resourceVersion \(orphan.resourceVersion) · created \(orphan.createdAt)", .dim))
        addresses = orphan.addresses
      } else if inspect.target.kind == .ips, let exemption = report.exempt.first(where: { $0.name == name }) {
        lines.append(("Evidence: not leaked (\(exemption.reason.rawValue))", .title))
        lines.append(("  " + exemption.evidence, .ok))
        addresses = exemption.addresses
      } else if inspect.target.kind == .subnets, let subnet = report.subnets.first(where: { $0.name == name }) {
        lines.append(("Usage (exact)", .title))
        for (label, family) in [("v4", subnet.v4), ("v6", subnet.v6)] {
          guard let family else { continue }
          lines.append(("  \(label): distinct \(family.distinctUsing) of \(family.capacity) · controller formula \(family.controllerUsing) · reported using \(family.reportedUsing?.digits ?? "absent"), available \(family.reportedAvailable?.digits ?? "absent") · held twice \(family.doubleCounted)", .text))
        }
        if !subnet.flags.isEmpty {
          lines.append(("  flags: " + subnet.flags.map(\.rawValue).joined(separator: ", "), .warn))
        }
      }
      if inspect.target.kind != .subnets {
        let holderKind = HolderKind.allCases.first { InspectTarget(holder: Holder(kind: $0, name: name)).kind == inspect.target.kind }
        var mine: [String] = addresses
        var others: [String] = []
        for (subnet, holdings) in report.holdings {
          for holding in holdings where holding.holder.name == name && holding.holder.kind == holderKind {
            if !mine.contains(holding.address) { mine.append(holding.address) }
            _ = subnet
          }
        }
        let wanted = Set(mine)
        for (subnet, holdings) in report.holdings.sorted(by: { $0.key < $1.key }) {
          for holding in holdings where wanted.contains(holding.address)
            && !(holding.holder.name == name && holding.holder.kind == holderKind)
          {
            others.append("  \(holding.address) in \(subnet): \(holding.holder.kind.rawValue) \(holding.holder.name)")
          }
        }
        lines.append(("Other holders of \(mine.isEmpty ? "its address" : mine.joined(separator: ", "))", .title))
        lines += others.isEmpty ? [("  none", .dim)] : others.map { ($0, .error) }
      }
      lines.append(("", .text))
    }
    lines.append(("Object (fetched fresh)", .title))
    switch inspect.body {
    case .loading: lines.append(("  fetching…", .dim))
    case .failed(let message): lines.append(("  " + message, .error))
    case .loaded(let json): lines += json.map { ($0, .text) }
    }
    return lines
  }
}
