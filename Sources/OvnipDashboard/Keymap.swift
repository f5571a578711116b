/// One row of the keymap: the keys, what they do, and how they are shown.
public struct KeyBinding: Sendable, Hashable {
  public var keys: [Key]
  public var command: KeyCommand
  /// One line for the help overlay and docs/keybindings.md.
  public var description: String
  /// A short word for the footer hint bar; nil keeps the binding out of the footer.
  public var hint: String?

  public init(_ keys: [Key], _ command: KeyCommand, _ description: String, hint: String? = nil) {
    self.keys = keys
    self.command = command
    self.description = description
    self.hint = hint
  }

  /// The keys as written in help and docs, e.g. `↑ / k`.
  public var keyLabel: String { keys.map(\.label).joined(separator: " / ") }
}

/// The single keymap: the reducer, the footer hints, the `?` overlay and docs/keybindings.md
/// all read this table.
public enum Keymap {
  public static let bindings: [KeyBinding] = [
    KeyBinding([.up, .char("k")], .moveUp, "Move the selection up"),
    KeyBinding([.down, .char("j")], .moveDown, "Move the selection down"),
    KeyBinding([.pageUp, .ctrl("b")], .pageUp, "Up one page"),
    KeyBinding([.pageDown, .ctrl("f")], .pageDown, "Down one page"),
    KeyBinding([.char("g"), .home], .top, "First row"),
    KeyBinding([.char("G"), .end], .bottom, "Last row"),
    KeyBinding([.tab], .nextPane, "Next pane (subnets → detail → orphans)", hint: "pane"),
    KeyBinding([.backTab], .previousPane, "Previous pane"),
    KeyBinding(
      [.enter], .inspect, "Inspect the selected subnet, IP CR or EIP (fetched fresh)",
      hint: "inspect"),
    KeyBinding([.escape], .back, "Back: close inspect/help/dialog, else clear the filter"),
    KeyBinding(
      [.char("/")], .filter,
      "Filter by subnet: substring or regex, leading ! inverts; the orphans pane also matches IP CR names",
      hint: "filter"),
    KeyBinding([.char("s")], .cycleSort, "Cycle the sort order of the focused pane", hint: "sort"),
    KeyBinding([.char("r"), .ctrl("r")], .refresh, "Refresh now", hint: "refresh"),
    KeyBinding([.char("t")], .nextTheme, "Next theme", hint: "theme"),
    KeyBinding([.char("?"), .function(1)], .help, "Show or hide this help", hint: "help"),
    KeyBinding([.ctrl("d")], .deleteSelected, "Delete the selected confirmed orphan (asks first)", hint: "delete"),
    KeyBinding(
      [.char("D")], .cleanUpAll, "Clean up all confirmed orphans in the filtered view (asks first)",
      hint: "clean up"),
    KeyBinding([.char("q"), .ctrl("c")], .quit, "Quit", hint: "quit"),
  ]

  private static let byKey: [Key: KeyCommand] = {
    var table: [Key: KeyCommand] = [:]
    for binding in bindings {
      for key in binding.keys where table[key] == nil { table[key] = binding.command }
    }
    return table
  }()

  /// The command bound to `key`, if any.
  public static func command(for key: Key) -> KeyCommand? { byKey[key] }

  /// The binding of a command (each command has exactly one row).
  public static func binding(of command: KeyCommand) -> KeyBinding? {
    bindings.first { $0.command == command }
  }

  /// The keys inside the filter prompt, the delete dialog and inspect, for help and docs.
  public static let modalKeys: [(context: String, keys: String, description: String)] = [
    ("filter prompt", "Enter", "Apply the filter"),
    ("filter prompt", "Esc", "Cancel editing (the previous filter stays)"),
    ("filter prompt", "Backspace / ctrl-u", "Delete a character / the whole text"),
    ("delete dialog", "Tab / ← / →", "Move focus between Cancel and Delete (Cancel is focused first)"),
    ("delete dialog", "Enter", "Press the focused button"),
    ("delete dialog", "Esc", "Cancel"),
    ("while deleting", "Esc", "Stop after the current item"),
    ("inspect", "↑ ↓ PgUp PgDn g G", "Scroll"),
    ("inspect", "Esc", "Return to where you were"),
  ]

  /// docs/keybindings.md, generated; a test fails when the checked-in file differs.
  public static func markdown() -> String {
    var out = "# ovnip-top key bindings\n\n"
    out += "Generated from `Keymap.bindings` (Sources/OvnipDashboard/Keymap.swift); do not edit by hand.\n"
    out += "`swift test --filter KeymapDocTests` fails when this file is stale; "
    out += "`RECORD_SNAPSHOTS=1` rewrites it.\n\n"
    out += "| Key | Action |\n|---|---|\n"
    for binding in bindings {
      out += "| \(escape(binding.keyLabel)) | \(escape(binding.description)) |\n"
    }
    out += "\n## Inside prompts and dialogs\n\n| Where | Key | Action |\n|---|---|---|\n"
    for row in modalKeys {
      out += "| \(row.context) | \(escape(row.keys)) | \(escape(row.description)) |\n"
    }
    return out
  }

  private static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|")
  }
}
