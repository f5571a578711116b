import Foundation
import OvnipAccounting

/// Opens the delete dialog for the selected orphan (ctrl-d) or all in view (D), or says why not.
func openDeleteDialog(_ state: inout AppState, batch: Bool) {
  if state.readOnly {
    state.say("read-only mode (--readonly): deleting is disabled", error: true)
    return
  }
  if let denied = state.deleteDenied {
    state.say("deleting is disabled: \(denied)", error: true)
    return
  }
  guard let report = state.report else {
    state.say("no report yet", error: true)
    return
  }
  if state.isStale {
    state.say("the last refresh is too old; deleting waits for a fresh one (r)", error: true)
    return
  }
  let inView: [Orphan]
  if batch {
    inView = state.visibleOrphans.map { report.orphans[$0] }
  } else {
    guard let orphan = state.selectedOrphan else {
      state.say("select an orphan first (Tab to the orphans pane)")
      return
    }
    if state.status(of: orphan).stage != .confirmed {
      let seen = Int(state.now.timeIntervalSince(state.status(of: orphan).firstSeen))
      state.say("\(orphan.name) is a candidate (seen \(seen)s); it can be deleted once confirmed")
      return
    }
    inView = [orphan]
  }
  let confirmed = inView.filter { state.status(of: $0).stage == .confirmed }
  let candidates = inView.filter { state.status(of: $0).stage != .confirmed }
  if batch, confirmed.isEmpty {
    state.say(
      candidates.isEmpty
        ? "no orphans in view" : "\(candidates.count) candidates in view, none confirmed yet")
    return
  }
  let limit = CleanupDialog.batchLimit
  state.overlay = .dialog(
    CleanupDialog(
      deletable: Array(confirmed.prefix(limit)), candidates: batch ? candidates : [],
      overLimit: max(0, confirmed.count - limit),
      hiddenByFilter: batch ? state.hiddenOrphanCount : 0, isBatch: batch))
}

func handleDialogKey(
  _ state: inout AppState, _ dialog: inout CleanupDialog, _ key: Key
) -> [Effect] {
  switch key {
  case .tab, .backTab, .left, .right, .char("h"), .char("l"):
    dialog.deleteFocused.toggle()
    state.overlay = .dialog(dialog)
  case .escape, .char("q"):
    state.overlay = nil
    state.say("nothing deleted")
  case .enter:
    guard dialog.deleteFocused else {
      state.overlay = nil
      state.say("nothing deleted")
      return []
    }
    var run = CleanupRun(total: dialog.deletable.count)
    run.current = dialog.deletable.first?.name
    state.overlay = .cleanup(run)
    return [.requestDelete(dialog.deletable)]
  default:
    break
  }
  return []
}
