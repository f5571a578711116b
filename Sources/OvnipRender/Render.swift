import Foundation
import OvnipAccounting
import OvnipDashboard

/// The smallest terminal the dashboard draws into; below it a notice is shown.
public let minimumSize = (width: 40, height: 10)

/// Draws the whole dashboard for `state` into a `width`×`height` screen. Pure.
///
/// Colours are not decided here: cells carry style roles, and the terminal maps roles
/// through the theme, so switching theme needs no re-render (see DECISIONS.md).
public func render(_ state: AppState, width: Int, height: Int, glyphs: Glyphs = .unicode) -> Screen {
  var screen = Screen(width: width, height: height)
  guard width >= minimumSize.width, height >= minimumSize.height else {
    let lines = ["terminal too small", "(\(width)×\(height); need \(minimumSize.width)×\(minimumSize.height))"]
    for (i, line) in lines.enumerated() {
      let w = DisplayWidth.of(line)
      screen.put(line, x: max(0, (width - w) / 2), y: max(0, height / 2 - 1 + i), role: .warn)
    }
    return screen
  }
  let r = Renderer(state: state, glyphs: glyphs)
  let compact = width < 80 || height < 24
  r.header(&screen, compact: compact)
  let bodyTop = compact ? 1 : 2
  let body = Rect(x: 0, y: bodyTop, width: width, height: height - bodyTop - 1)
  switch state.overlay {
  case .inspect(let inspect):
    r.inspect(&screen, inspect, in: body)
  default:
    if compact { r.compactBody(&screen, in: body) } else { r.fullBody(&screen, in: body) }
  }
  r.footer(&screen, y: height - 1)
  switch state.overlay {
  case .help: r.help(&screen, in: body)
  case .dialog(let dialog): r.dialog(&screen, dialog, in: body)
  case .cleanup(let run): r.cleanup(&screen, run, in: body)
  case .inspect, nil: break
  }
  if glyphs == .ascii { screen.makeASCII() }
  return screen
}

/// Holds what every pane needs while drawing one frame.
struct Renderer {
  let state: AppState
  let glyphs: Glyphs

  var report: Report? { state.report }

  func header(_ screen: inout Screen, compact: Bool) {
    screen.fill(x: 0, y: 0, width: screen.width, height: 1, role: .header)
    var parts = [" ovnip-top", state.context]
    parts.append(pollText)
    if let report {
      let confirmed = state.confirmedCount
      let ipCRs = report.ownedCount + report.orphans.count + report.exempt.count
      let full =
        "subnets \(report.subnets.count) · IP CRs \(ipCRs) · held twice \(report.overlaps.count)"
        + " · orphans \(report.orphans.count - confirmed) cand/\(confirmed) conf"
      let short =
        "\(report.subnets.count) subnets · \(ipCRs) IPs · \(report.overlaps.count) dup"
        + " · \(report.orphans.count - confirmed)+\(confirmed) orphans"
      let used = DisplayWidth.of(parts.joined(separator: " │ ")) + 3 + (state.readOnly ? 12 : 1)
      parts.append(!compact && used + DisplayWidth.of(full) <= screen.width ? full : short)
    }
    let line = parts.joined(separator: " │ ")
    let badge = state.readOnly ? " READ-ONLY " : ""
    let room = screen.width - DisplayWidth.of(badge) - 1
    screen.put(line, x: 0, y: 0, role: .header, limit: room)
    if !badge.isEmpty {
      screen.put(badge, x: screen.width - DisplayWidth.of(badge), y: 0, role: .badge)
    }
    if !compact { statusLine(&screen, y: 1) }
  }

  var pollText: String {
    switch state.poll {
    case .starting: return "connecting…"
    case .loading(let done, let total, let resource):
      return "loading \(done)/\(total) \(resource)"
    case .live(let watching):
      guard let at = state.reportAt else { return "live" }
      if state.isStale { return "stale since \(Format.clock(at))" }
      return (watching ? "\(glyphs.bullet) watching " : "\(glyphs.bullet) live ") + Format.clock(at)
    }
  }

  func statusLine(_ screen: inout Screen, y: Int) {
    var x = 1
    if let failure = state.failure {
      x += screen.put("last error \(Format.clock(failure.at)): \(failure.message)", x: x, y: y, role: .error, limit: screen.width / 2)
      x += 2
    } else if let report, !report.errors.isEmpty {
      x += screen.put("\(report.errors.count) resource errors: \(report.errors[0].resource): \(report.errors[0].message)", x: x, y: y, role: .warn, limit: screen.width / 2)
      x += 2
    }
    if !state.filter.isEmpty {
      x += screen.put("filter ", x: x, y: y, role: .dim)
      x += screen.put("/" + state.filter.text, x: x, y: y, role: .filter, limit: 30)
      x += screen.put(
        " (\(state.visibleSubnets.count) subnets, \(state.hiddenOrphanCount) orphans hidden)", x: x, y: y, role: .dim)
      x += 2
    }
    let sort = "sort: subnets by \(state.subnetSort.rawValue) · orphans by \(state.orphanSort.rawValue)"
    if x + DisplayWidth.of(sort) < screen.width {
      screen.put(sort, x: screen.width - DisplayWidth.of(sort) - 1, y: y, role: .dim)
    }
  }

  func footer(_ screen: inout Screen, y: Int) {
    if let draft = state.filterDraft {
      var x = screen.put("/", x: 0, y: y, role: .key)
      x += screen.put(draft, x: x, y: y, role: .filter, limit: screen.width - 30)
      x += screen.put(glyphs.barFull, x: x, y: y, role: .filter)
      screen.put("  Enter apply · Esc cancel · !inverts", x: x, y: y, role: .dim)
      return
    }
    if let message = state.message {
      screen.put(" " + message.text, x: 0, y: y, role: message.isError ? .error : .message)
      return
    }
    var x = 1
    let order: [KeyCommand] = [
      .help, .quit, .filter, .inspect, .nextPane, .cycleSort, .refresh, .nextTheme, .deleteSelected,
      .cleanUpAll,
    ]
    for binding in order.compactMap(Keymap.binding(of:)) {
      guard let hint = binding.hint, let key = binding.keys.first else { continue }
      if isDisabled(binding.command) { continue }
      let needed = DisplayWidth.of(key.label) + 1 + DisplayWidth.of(hint) + 2
      if x + needed > screen.width { break }
      x += screen.put(key.label, x: x, y: y, role: .key)
      x += screen.put(" " + hint + "  ", x: x, y: y, role: .dim)
    }
  }

  func isDisabled(_ command: KeyCommand) -> Bool {
    guard command == .deleteSelected || command == .cleanUpAll else { return false }
    return state.readOnly || state.deleteDenied != nil
  }
}
