import OvnipTestSupport
import Foundation
import OvnipAccounting
import OvnipDashboard
import OvnipRender
import Testing

func state(width: Int, height: Int, readOnly: Bool = false, filter: String = "", keys: [Key] = []) -> AppState {
  var state = AppState(
    context: "kind-ovn", now: Fixtures.t0 + 1, readOnly: readOnly, themeNames: ["default"], filter: filter)
  _ = reduce(&state, .terminalResized(width: width, height: height))
  for (i, distinct) in [3, 4, 6, 5].enumerated() {
    var report = Fixtures.report
    report.subnets[1].v4?.distinctUsing = distinct
    report.subnets[1].orphanCount = i
    _ = reduce(&state, .pollSucceeded(report, at: Fixtures.t0 - Double(3 - i), watching: true, statuses: Fixtures.statuses))
  }
  _ = reduce(&state, .pollSucceeded(Fixtures.report, at: Fixtures.t0, watching: true, statuses: Fixtures.statuses))
  for key in keys { _ = reduce(&state, .keyPressed(key)) }
  _ = reduce(&state, .tick(Fixtures.t0 + 1))
  return state
}

let sizes: [(name: String, width: Int, height: Int)] = [("80x24", 80, 24), ("120x40", 120, 40), ("compact-60x16", 60, 16)]

@Suite struct RenderSnapshotTests {
  @Test(arguments: [
    ("subnets", [Key]()), ("detail", [.tab]), ("orphans", [.backTab]),
  ])
  func eachPaneAtEachSize(pane: String, keys: [Key]) {
    for size in sizes {
      let s = state(width: size.width, height: size.height, keys: keys)
      assertSnapshot(render(s, width: size.width, height: size.height), named: "\(pane)-\(size.name)")
    }
  }

  @Test func helpOverlay() {
    let s = state(width: 120, height: 40, readOnly: true, keys: [.char("?")])
    assertSnapshot(render(s, width: 120, height: 40), named: "help-120x40", mask: false)
  }

  @Test func cleanupDialogProgressAndSummary() {
    var s = state(width: 120, height: 40, filter: "4747", keys: [.backTab, .char("D")])
    assertSnapshot(render(s, width: 120, height: 40), named: "dialog-120x40")
    _ = reduce(&s, .keyPressed(.tab))
    _ = reduce(&s, .keyPressed(.enter))
    _ = reduce(&s, .cleanupItemFinished(CleanupItemResult(name: "db-3.data", outcome: .deleted), next: "eip-gw4747-a"))
    assertSnapshot(render(s, width: 80, height: 24), named: "cleanup-progress-80x24", mask: false)
    _ = reduce(&s, .cleanupItemFinished(CleanupItemResult(name: "eip-gw4747-a", outcome: .ownerPresent, detail: "VpcNatGateway gw4747 exists now"), next: nil))
    _ = reduce(&s, .cleanupFinished(journalPath: "/home/op/.local/state/ovnip-top/journal/2025-11-28.jsonl"))
    assertSnapshot(render(s, width: 80, height: 24), named: "cleanup-summary-80x24", mask: false)
  }

  @Test func cleanupDialogWrapsWhatItDeletesAt80x24() {
    let s = state(width: 80, height: 24, filter: "4747", keys: [.backTab, .char("D")])
    let screen = render(s, width: 80, height: 24)
    assertSnapshot(screen, named: "dialog-80x24")
    let text = (0..<screen.height).map { screen.row($0) }.joined(separator: "\n")
    #expect(text.contains("StatefulSet data/db has 3 replicas;"), "evidence is not cut")
    #expect(text.contains("[ Cancel ]"))
  }

  @Test(arguments: [
    ("short", 20, ["short"]),
    ("  name  reason: one two three", 16, ["  name  reason:", "    one two", "    three"]),
    ("  vpc-nat-gw-gw-gone-0.kube-system", 14, ["  vpc-nat-gw-g", "    w-gone-0.k", "    ube-system"]),
    ("Delete IP CR averyveryverylongname?", 16, ["Delete IP CR", "  averyveryveryl", "  ongname?"]),
  ])
  func dialogLinesWrap(text: String, width: Int, lines: [String]) {
    #expect(Format.wrap(text, width: width) == lines)
  }

  @Test func inspectAnOrphan() {
    var s = state(width: 120, height: 40, keys: [.backTab, .down])
    let target = InspectTarget(kind: .ips, name: "eip-gw4747-a")
    #expect(s.selectedOrphan?.name == "eip-gw4747-a")
    _ = reduce(&s, .keyPressed(.enter))
    _ = reduce(&s, .inspectLoaded(target, lines: ["{", "  \"kind\": \"IP\",", "  \"spec\": {", "    \"ipAddress\": \"10.47.47.20\"", "  }", "}"]))
    assertSnapshot(render(s, width: 120, height: 40), named: "inspect-orphan-120x40", mask: false)
  }

  @Test func readOnlyFilterPromptAndErrorHeader() {
    var s = state(width: 80, height: 24, readOnly: true, keys: [.char("/")])
    for c in "^net" { _ = reduce(&s, .keyPressed(.char(c))) }
    _ = reduce(&s, .pollFailed(message: "kubectl: connection refused", at: Fixtures.t0 + 1))
    assertSnapshot(render(s, width: 80, height: 24), named: "readonly-prompt-80x24")
  }

  @Test func tooSmall() {
    let s = state(width: 30, height: 8)
    assertSnapshot(render(s, width: 30, height: 8), named: "too-small-30x8", mask: false)
  }

  @Test func asciiGlyphs() {
    let s = state(width: 80, height: 24)
    let screen = render(s, width: 80, height: 24, glyphs: .ascii)
    assertSnapshot(screen, named: "subnets-ascii-80x24", mask: false)
    #expect(screen.cells.allSatisfy { $0.text.unicodeScalars.allSatisfy(\.isASCII) })
  }

  @Test func loadingShowsProgress() {
    var s = AppState(context: "prod", now: Fixtures.t0)
    _ = reduce(&s, .terminalResized(width: 80, height: 24))
    _ = reduce(&s, .pollProgress(done: 2, total: 14, resource: "ips"))
    let screen = render(s, width: 80, height: 24)
    #expect(screen.row(0).contains("loading 2/14 ips"))
    #expect(screen.quotedText.contains("waiting for the first snapshot"))
  }
}
