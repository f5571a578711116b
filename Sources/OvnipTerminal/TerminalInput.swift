import OvnipDashboard

/// What one read from the terminal produced.
public enum TerminalInput: Sendable, Hashable {
  case key(Key)
  case resized(width: Int, height: Int)
  /// The terminal went away (reads fail at once, again and again): time to exit.
  case hangup
}
