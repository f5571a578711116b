/// A key press as the terminal layer decodes it; the dashboard never sees raw ncurses codes.
public enum Key: Hashable, Sendable {
  case char(Character)
  /// A control key, e.g. `.ctrl("d")` for ctrl-d.
  case ctrl(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, escape, tab, backTab, backspace, delete
  case function(Int)

  /// How the key is written in hints, help and docs/keybindings.md.
  public var label: String {
    switch self {
    case .char(" "): "space"
    case .char(let c): String(c)
    case .ctrl(let c): "ctrl-\(c)"
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .home: "Home"
    case .end: "End"
    case .enter: "Enter"
    case .escape: "Esc"
    case .tab: "Tab"
    case .backTab: "Shift-Tab"
    case .backspace: "Backspace"
    case .delete: "Delete"
    case .function(let n): "F\(n)"
    }
  }
}
