/// What a key means to the dashboard; the keymap binds keys to these.
public enum KeyCommand: String, Hashable, Sendable, CaseIterable {
  case moveUp, moveDown, pageUp, pageDown, top, bottom
  case nextPane, previousPane
  case inspect, back
  case filter, cycleSort, refresh, nextTheme, help, quit
  case deleteSelected, cleanUpAll
}
