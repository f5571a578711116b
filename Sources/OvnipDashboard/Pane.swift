/// The panes Tab moves between.
public enum Pane: String, Sendable, Hashable, CaseIterable {
  case subnets, detail, orphans

  public var next: Pane {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }
  public var previous: Pane {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + all.count - 1) % all.count]
  }
}

/// What is drawn over the panes.
public enum Overlay: Sendable, Hashable {
  case help
  case inspect(InspectState)
  case dialog(CleanupDialog)
  /// A cleanup in progress or, once `finished`, its summary (stays until dismissed).
  case cleanup(CleanupRun)
}
