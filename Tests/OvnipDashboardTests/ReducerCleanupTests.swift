import OvnipTestSupport
import Foundation
import OvnipAccounting
import Testing

@testable import OvnipDashboard

@Suite struct ReducerCleanupTests {
  /// Orphans pane focused, sorted by subnet: db-3.data (confirmed), eip-gw4747-a (confirmed),
  /// web-7.default (candidate), old-job.batch (candidate, ovn-default) — sorted by subnet then name.
  func orphansFocused(readOnly: Bool = false, filter: String = "") -> AppState {
    var state = loadedState(readOnly: readOnly, filter: filter)
    press(&state, .backTab)
    return state
  }

  func select(_ state: inout AppState, _ name: String) {
    press(&state, .char("g"))
    while state.selectedOrphan?.name != name { press(&state, .down) }
  }

  @Test func ctrlDOpensADialogWithCancelFocused() {
    var state = orphansFocused()
    select(&state, "eip-gw4747-a")
    #expect(press(&state, .ctrl("d")) == [])
    guard case .dialog(let dialog) = state.overlay else { Issue.record("no dialog"); return }
    #expect(dialog.deletable.map(\.name) == ["eip-gw4747-a"])
    #expect(!dialog.deleteFocused)
    #expect(!dialog.isBatch)
    #expect(press(&state, .enter) == [])
    #expect(state.overlay == nil)
    #expect(state.message?.text == "nothing deleted")
  }

  @Test func confirmingRequestsTheDelete() {
    var state = orphansFocused()
    select(&state, "db-3.data")
    press(&state, .ctrl("d"), .tab)
    let orphan = Fixtures.report.orphans.first { $0.name == "db-3.data" }!
    #expect(press(&state, .enter) == [.requestDelete([orphan])])
    guard case .cleanup(let run) = state.overlay else { Issue.record("no progress"); return }
    #expect(run.total == 1 && run.current == "db-3.data")
  }

  @Test(arguments: [Key.escape, .char("q")])
  func escapeOrQCancelsTheDialog(key: Key) {
    var state = orphansFocused()
    select(&state, "db-3.data")
    press(&state, .ctrl("d"), .right)
    #expect(press(&state, key) == [])
    #expect(state.overlay == nil)
  }

  @Test func candidatesAreNotDeletable() {
    var state = orphansFocused()
    select(&state, "web-7.default")
    press(&state, .ctrl("d"))
    #expect(state.overlay == nil)
    #expect(state.message?.text == "web-7.default is a candidate (seen 20s); it can be deleted once confirmed")
  }

  @Test func ctrlDNeedsAnOrphanSelected() {
    var state = loadedState()
    press(&state, .ctrl("d"))
    #expect(state.overlay == nil)
    #expect(state.message?.text == "select an orphan first (Tab to the orphans pane)")
  }

  @Test func theDetailPaneOrphanRowIsDeletableToo() {
    var state = loadedState()
    press(&state, .tab)
    while state.selectedOrphan == nil { press(&state, .down) }
    #expect(state.selectedOrphan?.name == "eip-gw4747-a")
    press(&state, .ctrl("d"))
    guard case .dialog(let dialog) = state.overlay else { Issue.record("no dialog"); return }
    #expect(dialog.deletable.map(\.name) == ["eip-gw4747-a"])
  }

  @Test func capitalDCleansUpTheConfirmedOrphansInTheFilteredView() {
    var state = orphansFocused(filter: "4747")
    press(&state, .char("D"))
    guard case .dialog(let dialog) = state.overlay else { Issue.record("no dialog"); return }
    #expect(dialog.isBatch)
    #expect(dialog.deletable.map(\.name).sorted() == ["db-3.data", "eip-gw4747-a"])
    #expect(dialog.candidates.map(\.name) == ["web-7.default"])
    #expect(dialog.hiddenByFilter == 1)
    #expect(dialog.perSubnet.map(\.subnet) == ["net-4747"])
    #expect(dialog.perSubnet.map(\.count) == [2])
  }

  @Test func capitalDWithOnlyCandidatesSaysSo() {
    var state = orphansFocused(filter: "old-job")
    press(&state, .char("D"))
    #expect(state.overlay == nil)
    #expect(state.message?.text == "1 candidates in view, none confirmed yet")
  }

  @Test(arguments: [
    (true, nil as String?, false, "read-only mode (--readonly): deleting is disabled"),
    (false, "kubectl auth can-i delete ips.kubeovn.io: no", false,
     "deleting is disabled: kubectl auth can-i delete ips.kubeovn.io: no"),
    (false, nil, true, "the last refresh is too old; deleting waits for a fresh one (r)"),
  ])
  func deletingIsRefusedWithAReason(readOnly: Bool, denied: String?, stale: Bool, message: String) {
    var state = orphansFocused(readOnly: readOnly)
    _ = reduce(&state, .deletePermissionChecked(denied: denied))
    if stale { _ = reduce(&state, .tick(Fixtures.t0 + 60)) }
    select(&state, "eip-gw4747-a")
    for key in [Key.ctrl("d"), .char("D")] {
      press(&state, key)
      #expect(state.overlay == nil)
      #expect(state.message?.text == message)
    }
  }

  @Test func progressStopAndSummary() {
    var state = orphansFocused(filter: "4747")
    press(&state, .char("D"), .tab, .enter)
    _ = reduce(&state, .cleanupItemFinished(CleanupItemResult(name: "db-3.data", outcome: .deleted), next: "eip-gw4747-a"))
    guard case .cleanup(let running) = state.overlay else { Issue.record("no progress"); return }
    #expect(running.done == 1 && running.current == "eip-gw4747-a")
    #expect(press(&state, .char("q")) == [])  // q does not quit mid-delete
    #expect(press(&state, .escape) == [.stopCleanup])
    #expect(press(&state, .escape) == [])
    _ = reduce(&state, .cleanupItemFinished(CleanupItemResult(name: "eip-gw4747-a", outcome: .changed, detail: "resourceVersion 100 → 107"), next: nil))
    #expect(reduce(&state, .cleanupFinished(journalPath: "/j/2025.jsonl")) == [.refreshNow])
    guard case .cleanup(let done) = state.overlay else { Issue.record("summary gone"); return }
    #expect(done.finished)
    #expect(done.summaryLine == "deleted 1, skipped 1 (changed 1), failed 0")
    _ = reduce(&state, .tick(Fixtures.t0 + 30))
    #expect(state.overlay != nil)  // the summary stays on screen
    press(&state, .enter)
    #expect(state.overlay == nil)
  }

  @Test func ctrlCDuringACleanupStopsItAndQuits() {
    var state = orphansFocused(filter: "4747")
    press(&state, .char("D"), .tab, .enter)
    #expect(press(&state, .ctrl("c")) == [.stopCleanup, .quit])
  }

  @Test func batchesAreBoundedToTheLimit() {
    var report = Fixtures.report
    var statuses: [String: OrphanStatus] = [:]
    report.orphans = (0..<(CleanupDialog.batchLimit + 20)).map {
      Fixtures.orphan("ip-\($0)", subnet: "net-4747", address: "10.47.0.1", reason: .podMissing, evidence: "gone")
    }
    for orphan in report.orphans {
      statuses[orphan.name] = OrphanStatus(firstSeen: Fixtures.t0 - 600, refreshesSeen: 5, stage: .confirmed)
    }
    var state = AppState(context: "c", now: Fixtures.t0)
    _ = reduce(&state, .pollSucceeded(report, at: Fixtures.t0, watching: true, statuses: statuses))
    press(&state, .char("D"))
    guard case .dialog(let dialog) = state.overlay else { Issue.record("no dialog"); return }
    #expect(dialog.deletable.count == CleanupDialog.batchLimit)
    #expect(dialog.overLimit == 20)
  }
}
