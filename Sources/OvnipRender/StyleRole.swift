/// What a cell means; the theme maps each role to colours and attributes.
public enum StyleRole: String, Sendable, Hashable, CaseIterable {
  case text, dim, title, border, borderFocus, header, badge
  case selection, selectionInactive
  case barFill, barWarn, barEmpty, barMarker
  case ok, warn, error
  case candidate, confirmed
  case spark, key, message, filter
  case dialog, button, buttonFocus

  /// One letter per role for snapshot style masks ('.' = plain text).
  public var maskLetter: Character {
    switch self {
    case .text: "."
    case .dim: "d"
    case .title: "T"
    case .border: "-"
    case .borderFocus: "="
    case .header: "H"
    case .badge: "B"
    case .selection: "S"
    case .selectionInactive: "s"
    case .barFill: "#"
    case .barWarn: "!"
    case .barEmpty: "_"
    case .barMarker: "|"
    case .ok: "o"
    case .warn: "w"
    case .error: "E"
    case .candidate: "c"
    case .confirmed: "C"
    case .spark: "~"
    case .key: "k"
    case .message: "m"
    case .filter: "f"
    case .dialog: "D"
    case .button: "b"
    case .buttonFocus: "F"
    }
  }
}
