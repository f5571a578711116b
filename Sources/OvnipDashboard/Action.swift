import Foundation
import OvnipAccounting

/// Everything that can happen to the dashboard, named for what happened.
public enum Action: Sendable {
  case keyPressed(Key)
  /// First load in progress.
  case pollProgress(done: Int, total: Int, resource: String)
  /// A report was computed from a fresh snapshot; `statuses` are the orphan stages by IP CR name.
  case pollSucceeded(Report, at: Date, watching: Bool, statuses: [String: OrphanStatus])
  case pollFailed(message: String, at: Date)
  case terminalResized(width: Int, height: Int)
  /// The clock moved (messages expire, staleness shows).
  case tick(Date)
  /// An inspect fetch returned the object, pretty-printed.
  case inspectLoaded(InspectTarget, lines: [String])
  case inspectFailed(InspectTarget, message: String)
  /// The delete runner finished one item; `next` is the item it starts now.
  case cleanupItemFinished(CleanupItemResult, next: String?)
  /// The delete runner stopped (all done, or stopped by Esc).
  case cleanupFinished(journalPath: String?)
  /// The startup permission check came back; nil means deleting is allowed.
  case deletePermissionChecked(denied: String?)
}

/// What the reducer asks the outside world to do.
public enum Effect: Sendable, Hashable {
  case refreshNow
  case fetchInspect(InspectTarget)
  /// Run the per-item delete protocol over these confirmed orphans, in order.
  case requestDelete([Orphan])
  /// Stop the running cleanup after the current item.
  case stopCleanup
  case quit
}
