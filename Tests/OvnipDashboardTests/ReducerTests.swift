import OvnipTestSupport
import Foundation
import OvnipAccounting
import Testing

@testable import OvnipDashboard

/// A loaded dashboard: the fixture report at t0, 120×40.
func loadedState(readOnly: Bool = false, filter: String = "") -> AppState {
  var state = AppState(
    context: "kind-ovn", now: Fixtures.t0, readOnly: readOnly,
    themeNames: ["default", "light", "monochrome"], filter: filter)
  _ = reduce(&state, .terminalResized(width: 120, height: 40))
  _ = reduce(&state, .pollSucceeded(Fixtures.report, at: Fixtures.t0, watching: true, statuses: Fixtures.statuses))
  return state
}

@discardableResult
func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
  keys.flatMap { reduce(&state, .keyPressed($0)) }
}

func type(_ state: inout AppState, _ text: String) {
  for c in text { _ = reduce(&state, .keyPressed(.char(c))) }
}

@Suite struct ReducerNavigationTests {
  @Test func subnetsAreSortedByUtilizationFirst() {
    let state = loadedState()
    #expect(state.selectedSubnet?.name == "net-4747")
    #expect(state.visibleSubnets.count == 4)
  }

  @Test(arguments: [
    ([Key.down], 1), ([.char("j")], 1), ([.down, .up], 0), ([.char("j"), .char("k")], 0),
    ([.char("G")], 3), ([.end], 3), ([.char("G"), .char("g")], 0), ([.char("G"), .home], 0),
    ([.pageDown], 3), ([.ctrl("f")], 3), ([.pageDown, .pageUp], 0), ([.char("G"), .ctrl("b")], 0),
    ([.up], 0), ([.char("G"), .down], 3),
  ])
  func movesTheCursorWithinBounds(keys: [Key], row: Int) {
    var state = loadedState()
    for key in keys { press(&state, key) }
    #expect(state.cursor[.subnets] == row)
  }

  @Test func tabAndShiftTabCyclePanes() {
    var state = loadedState()
    press(&state, .tab)
    #expect(state.focus == .detail)
    press(&state, .tab)
    #expect(state.focus == .orphans)
    press(&state, .tab)
    #expect(state.focus == .subnets)
    press(&state, .backTab)
    #expect(state.focus == .orphans)
  }

  @Test func movingInTheSubnetsPaneChangesTheDetail() {
    var state = loadedState()
    let before = state.detailRows
    press(&state, .down)
    #expect(state.selectedSubnet?.name != "net-4747")
    #expect(state.detailRows != before)
  }

  @Test func selectionFollowsTheSubnetAcrossRefreshes() {
    var state = loadedState()
    press(&state, .char("G"))
    let name = state.selectedSubnet?.name
    var report = Fixtures.report
    report.subnets.reverse()
    _ = reduce(&state, .pollSucceeded(report, at: Fixtures.t0 + 2, watching: true, statuses: Fixtures.statuses))
    #expect(state.selectedSubnet?.name == name)
  }

  @Test func sortCyclesPerPane() {
    var state = loadedState()
    press(&state, .char("s"))
    #expect(state.subnetSort == .orphans)
    #expect(state.selectedSubnet?.name == "net-4747")
    press(&state, .char("s"))
    #expect(state.subnetSort == .drift)
    press(&state, .tab, .tab, .char("s"))
    #expect(state.orphanSort == .name)
    #expect(state.subnetSort == .drift)
    let names = state.visibleOrphans.map { state.report!.orphans[$0].name }
    #expect(names == names.sorted())
  }

  @Test func refreshThemeHelpQuit() {
    var state = loadedState()
    #expect(press(&state, .char("r")) == [.refreshNow])
    #expect(press(&state, .ctrl("r")) == [.refreshNow])
    press(&state, .char("t"))
    #expect(state.themeName == "light")
    press(&state, .char("t"), .char("t"))
    #expect(state.themeName == "default")
    press(&state, .char("?"))
    #expect(state.overlay == .help)
    press(&state, .escape)
    #expect(state.overlay == nil)
    press(&state, .function(1))
    press(&state, .char("?"))
    #expect(state.overlay == nil)
    #expect(press(&state, .char("q")) == [.quit])
    #expect(press(&state, .ctrl("c")) == [.quit])
  }

  @Test func unboundKeysDoNothing() {
    var state = loadedState()
    #expect(press(&state, .char("x"), .char("Z"), .function(7)) == [])
    #expect(state.overlay == nil && state.message == nil)
  }

  @Test func trendRecordsEveryRefresh() {
    var state = loadedState()
    _ = reduce(&state, .pollSucceeded(Fixtures.report, at: Fixtures.t0 + 2, watching: true, statuses: [:]))
    #expect(state.trend.usage["net-4747"] == [6, 6])
    #expect(state.trend.orphans["net-4747"] == [3, 3])
  }

  @Test func pollStateAndFailures() {
    var state = AppState(context: "c", now: Fixtures.t0)
    _ = reduce(&state, .pollProgress(done: 3, total: 14, resource: "ips"))
    #expect(state.poll == .loading(done: 3, total: 14, resource: "ips"))
    _ = reduce(&state, .pollFailed(message: "connection refused", at: Fixtures.t0))
    #expect(state.failure?.message == "connection refused")
    _ = reduce(&state, .pollSucceeded(Fixtures.report, at: Fixtures.t0, watching: false, statuses: [:]))
    #expect(state.poll == .live(watching: false))
    #expect(state.failure == nil)
    _ = reduce(&state, .tick(Fixtures.t0 + 7))
    #expect(state.isStale)
  }

  @Test func messagesExpireOnTick() {
    var state = loadedState()
    press(&state, .char("t"))
    #expect(state.message != nil)
    _ = reduce(&state, .tick(Fixtures.t0 + 6))
    #expect(state.message == nil)
  }
}

@Suite struct ReducerInspectTests {
  @Test func enterInspectsTheSelectionAndEscReturns() {
    var state = loadedState()
    press(&state, .down)
    let effects = press(&state, .enter)
    let target = InspectTarget(kind: .subnets, name: state.selectedSubnet!.name)
    #expect(effects == [.fetchInspect(target)])
    _ = reduce(&state, .inspectLoaded(target, lines: ["{", "}"]))
    guard case .inspect(let inspect) = state.overlay else { Issue.record("no inspect"); return }
    #expect(inspect.body == .loaded(["{", "}"]))
    press(&state, .down, .down, .up)
    if case .inspect(let scrolled) = state.overlay { #expect(scrolled.scroll == 1) }
    press(&state, .escape)
    #expect(state.overlay == nil)
    #expect(state.cursor[.subnets] == 1)
  }

  @Test func enterInTheOrphansPaneInspectsTheIPCR() {
    var state = loadedState()
    press(&state, .backTab)
    let effects = press(&state, .enter)
    #expect(effects == [.fetchInspect(InspectTarget(kind: .ips, name: "db-3.data"))])
  }

  @Test func enterInTheDetailPaneInspectsTheRowsObject() {
    var state = loadedState()
    press(&state, .tab, .down)
    #expect(press(&state, .enter) == [.fetchInspect(InspectTarget(kind: .ips, name: "web-0.default"))])
    press(&state, .escape, .char("g"))
    #expect(press(&state, .enter) == [])
    #expect(state.message?.text == "nothing to inspect here")
  }

  @Test func aLateAnswerForAnotherObjectIsIgnored() {
    var state = loadedState()
    press(&state, .enter)
    _ = reduce(&state, .inspectFailed(InspectTarget(kind: .ips, name: "other"), message: "boom"))
    guard case .inspect(let inspect) = state.overlay else { Issue.record("no inspect"); return }
    #expect(inspect.body == .loading)
  }
}

@Suite struct ReducerFilterTests {
  func visibleSubnetNames(_ state: AppState) -> [String] {
    state.visibleSubnets.map { state.report!.subnets[$0].name }.sorted()
  }
  func visibleOrphanNames(_ state: AppState) -> [String] {
    state.visibleOrphans.map { state.report!.orphans[$0].name }.sorted()
  }

  @Test(arguments: [
    ("4747", ["net-4747"]), ("NET", ["net-4747", "v6-net"]), ("!4747", ["join", "ovn-default", "v6-net"]),
    ("^(join|v6)", ["join", "v6-net"]), ("!^(join|v6)", ["net-4747", "ovn-default"]),
    ("-net$", ["v6-net"]), ("old-job", []), ("", ["join", "net-4747", "ovn-default", "v6-net"]),
  ])
  func filtersSubnetsBySubstringOrRegex(text: String, expected: [String]) {
    var state = loadedState()
    press(&state, .char("/"))
    type(&state, text)
    press(&state, .enter)
    #expect(visibleSubnetNames(state) == expected)
  }

  @Test func theOrphansPaneAlsoMatchesIPCRNames() {
    var state = loadedState(filter: "old-job")
    #expect(visibleOrphanNames(state) == ["old-job.batch"])
    #expect(state.hiddenOrphanCount == 3)
    state = loadedState(filter: "4747")
    #expect(visibleOrphanNames(state) == ["db-3.data", "eip-gw4747-a", "web-7.default"])
  }

  @Test func anInvalidRegexMatchesAsTextAndSaysSo() {
    var state = loadedState()
    press(&state, .char("/"))
    type(&state, "net-[")
    press(&state, .enter)
    #expect(visibleSubnetNames(state) == [])
    #expect(state.message?.text == "not a valid regex, matching as plain text")
  }

  @Test func promptEditingBackspaceCtrlUAndEscCancel() {
    var state = loadedState(filter: "join")
    press(&state, .char("/"))
    #expect(state.filterDraft == "join")
    press(&state, .backspace, .backspace)
    #expect(state.filterDraft == "jo")
    press(&state, .ctrl("u"))
    #expect(state.filterDraft == "")
    type(&state, "q")  // typed into the prompt, not quit
    #expect(state.filterDraft == "q")
    press(&state, .escape)
    #expect(state.filterDraft == nil)
    #expect(state.filter.text == "join")
    press(&state, .escape)
    #expect(state.filter.isEmpty)
    #expect(visibleSubnetNames(state).count == 4)
  }

  @Test func startingFilterFromSubnetFlag() {
    let state = loadedState(filter: "net-4747")
    #expect(visibleSubnetNames(state) == ["net-4747"])
    #expect(state.selectedSubnet?.name == "net-4747")
  }
}
