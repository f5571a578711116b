import Foundation
import OvnipAccounting

/// How long a footer message stays.
let messageLifetime: TimeInterval = 5

/// The one place state changes: applies `action` and returns what the outside world must do.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
  switch action {
  case .keyPressed(let key):
    return handleKey(&state, key)
  case .pollProgress(let done, let total, let resource):
    if state.report == nil { state.poll = .loading(done: done, total: total, resource: resource) }
    return []
  case .pollSucceeded(let report, let at, let watching, let statuses):
    state.orphanStatus = statuses
    state.setReport(report, at: at)
    state.poll = .live(watching: watching)
    state.failure = nil
    for subnet in report.subnets {
      state.trend.record(
        subnet: subnet.name, distinct: subnet.distinctTotal, orphanCount: subnet.orphanCount)
    }
    return []
  case .pollFailed(let message, let at):
    state.failure = PollFailure(message: message, at: at)
    return []
  case .terminalResized(let width, let height):
    state.width = max(0, width)
    state.height = max(0, height)
    return []
  case .tick(let now):
    state.now = now
    if let message = state.message, message.until <= now { state.message = nil }
    return []
  case .inspectLoaded(let target, let lines):
    updateInspect(&state, target) { $0.body = .loaded(lines) }
    return []
  case .inspectFailed(let target, let message):
    updateInspect(&state, target) { $0.body = .failed(message) }
    return []
  case .cleanupItemFinished(let result, let next):
    if case .cleanup(var run) = state.overlay {
      run.results.append(result)
      run.current = next
      state.overlay = .cleanup(run)
    }
    return []
  case .cleanupFinished(let journalPath):
    if case .cleanup(var run) = state.overlay {
      run.finished = true
      run.current = nil
      run.journalPath = journalPath
      state.overlay = .cleanup(run)
    }
    return [.refreshNow]
  case .deletePermissionChecked(let denied):
    state.deleteDenied = denied
    return []
  }
}

/// Rows a page moves: the visible height of a pane, roughly.
func pageSize(_ state: AppState) -> Int { max(1, state.height / 2 - 4) }

extension AppState {
  /// Shows a footer message for a few seconds.
  public mutating func say(_ text: String, error: Bool = false) {
    message = TransientMessage(text: text, isError: error, until: now + messageLifetime)
  }
}

private func updateInspect(
  _ state: inout AppState, _ target: InspectTarget, _ change: (inout InspectState) -> Void
) {
  guard case .inspect(var inspect) = state.overlay, inspect.target == target else { return }
  change(&inspect)
  state.overlay = .inspect(inspect)
}

private func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  if state.filterDraft != nil { return editFilter(&state, key) }
  if key == .ctrl("c") {
    if case .cleanup(let run) = state.overlay, !run.finished { return [.stopCleanup, .quit] }
    return [.quit]
  }
  switch state.overlay {
  case .help:
    if key == .escape || Keymap.command(for: key) == .help { state.overlay = nil }
    if Keymap.command(for: key) == .quit { return [.quit] }
    return []
  case .inspect(var inspect):
    return handleInspectKey(&state, &inspect, key)
  case .dialog(var dialog):
    return handleDialogKey(&state, &dialog, key)
  case .cleanup(var run):
    if run.finished {
      if key == .escape || key == .enter { state.overlay = nil }
      return Keymap.command(for: key) == .quit ? [.quit] : []
    }
    if key == .escape, !run.stopRequested {
      run.stopRequested = true
      state.overlay = .cleanup(run)
      return [.stopCleanup]
    }
    return []
  case nil:
    break
  }
  guard let command = Keymap.command(for: key) else { return [] }
  return perform(&state, command)
}

private func perform(_ state: inout AppState, _ command: KeyCommand) -> [Effect] {
  let pane = state.focus
  switch command {
  case .moveUp: move(&state, by: -1)
  case .moveDown: move(&state, by: 1)
  case .pageUp: move(&state, by: -pageSize(state))
  case .pageDown: move(&state, by: pageSize(state))
  case .top: move(&state, to: 0)
  case .bottom: move(&state, to: state.rowCount(pane) - 1)
  case .nextPane: state.focus = pane.next
  case .previousPane: state.focus = pane.previous
  case .inspect:
    guard let target = inspectTarget(state) else {
      state.say("nothing to inspect here")
      return []
    }
    state.overlay = .inspect(InspectState(target: target))
    return [.fetchInspect(target)]
  case .back:
    if !state.filter.isEmpty {
      state.setFilter(FilterQuery(""))
      state.say("filter cleared")
    }
  case .filter:
    state.filterDraft = state.filter.text
  case .cycleSort:
    if pane == .orphans {
      state.orphanSort = state.orphanSort.next
      state.say("orphans sorted by \(state.orphanSort.rawValue)")
    } else {
      state.subnetSort = state.subnetSort.next
      state.say("subnets sorted by \(state.subnetSort.rawValue)")
    }
    state.resort()
  case .refresh:
    state.say("refreshing…")
    return [.refreshNow]
  case .nextTheme:
    state.themeIndex = (state.themeIndex + 1) % state.themeNames.count
    state.say("theme: \(state.themeName)")
  case .help:
    state.overlay = .help
  case .quit:
    return [.quit]
  case .deleteSelected:
    openDeleteDialog(&state, batch: false)
  case .cleanUpAll:
    openDeleteDialog(&state, batch: true)
  }
  return []
}

private func move(_ state: inout AppState, by delta: Int) {
  move(&state, to: (state.cursor[state.focus] ?? 0) + delta)
}

private func move(_ state: inout AppState, to row: Int) {
  let count = state.rowCount(state.focus)
  state.cursor[state.focus] = count == 0 ? 0 : min(max(row, 0), count - 1)
  if state.focus == .subnets {
    state.cursor[.detail] = 0
    state.refreshDetail()
  }
}

private func inspectTarget(_ state: AppState) -> InspectTarget? {
  switch state.focus {
  case .subnets:
    return state.selectedSubnet.map { InspectTarget(kind: .subnets, name: $0.name) }
  case .detail:
    guard let row = state.cursor[.detail], state.detailRows.indices.contains(row) else {
      return nil
    }
    return state.detailRows[row].target
  case .orphans:
    return state.selectedOrphan.map { InspectTarget(kind: .ips, name: $0.name) }
  }
}

private func editFilter(_ state: inout AppState, _ key: Key) -> [Effect] {
  var draft = state.filterDraft ?? ""
  switch key {
  case .enter:
    state.filterDraft = nil
    let query = FilterQuery(draft)
    state.setFilter(query)
    if let problem = query.problem { state.say(problem, error: true) }
    return []
  case .escape:
    state.filterDraft = nil
    return []
  case .ctrl("c"):
    state.filterDraft = nil
    return [.quit]
  case .backspace, .delete:
    if !draft.isEmpty { draft.removeLast() }
  case .ctrl("u"):
    draft = ""
  case .char(let c):
    draft.append(c)
  default:
    return []
  }
  state.filterDraft = draft
  return []
}

private func handleInspectKey(
  _ state: inout AppState, _ inspect: inout InspectState, _ key: Key
) -> [Effect] {
  guard let command = Keymap.command(for: key) else { return [] }
  switch command {
  case .back:
    state.overlay = nil
    return []
  case .quit: return [.quit]
  case .moveUp: inspect.scroll -= 1
  case .moveDown: inspect.scroll += 1
  case .pageUp: inspect.scroll -= max(1, state.height - 6)
  case .pageDown: inspect.scroll += max(1, state.height - 6)
  case .top: inspect.scroll = 0
  case .bottom: inspect.scroll = Int.max / 2
  case .refresh:
    inspect.body = .loading
    state.overlay = .inspect(inspect)
    return [.fetchInspect(inspect.target)]
  default: return []
  }
  // The renderer clamps the bottom; here only keep it non-negative.
  inspect.scroll = max(0, inspect.scroll)
  state.overlay = .inspect(inspect)
  return []
}
