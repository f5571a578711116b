/// A 24-bit colour from a theme file.
public struct RGB: Sendable, Hashable {
  public var r, g, b: UInt8
  public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
    self.r = r
    self.g = g
    self.b = b
  }
}

/// How one role is drawn: colours (nil = terminal default) and attributes.
public struct CellStyle: Sendable, Hashable {
  public var foreground: RGB?
  public var background: RGB?
  public var bold = false
  public var reverse = false
  public var underline = false
  public init(foreground: RGB? = nil, background: RGB? = nil) {
    self.foreground = foreground
    self.background = background
  }
}

/// A named set of colours by key (`theme[key]="#RRGGBB"`); `nil` means the terminal default.
public struct Theme: Sendable, Hashable {
  public var name: String
  public var colors: [String: RGB?]

  public init(name: String, colors: [String: RGB?]) {
    self.name = name
    self.colors = colors
  }

  /// Every key a theme file may set; the default theme sets all of them.
  public static let keys: [String] = [
    "main_bg", "main_fg", "dim_fg", "title_fg", "border_fg", "border_focus_fg", "header_bg",
    "header_fg", "badge_bg", "badge_fg", "selected_bg", "selected_fg", "selected_inactive_bg",
    "bar_fill", "bar_warn", "bar_empty", "bar_marker", "ok_fg", "warn_fg", "error_fg",
    "candidate_fg", "confirmed_fg", "spark_fg", "key_fg", "message_fg", "filter_fg", "dialog_bg",
    "dialog_fg", "button_fg", "button_focus_bg", "button_focus_fg",
  ]

  func color(_ key: String) -> RGB? { colors[key] ?? nil }

  /// The style of a role. Attributes carry meaning where colours are absent (monochrome).
  public func style(for role: StyleRole) -> CellStyle {
    let fg = color("main_fg")
    let bg = color("main_bg")
    func s(_ f: String?, _ b: String? = nil) -> CellStyle {
      CellStyle(foreground: f.flatMap(color) ?? fg, background: b.flatMap(color) ?? bg)
    }
    var style: CellStyle
    switch role {
    case .text: style = s(nil)
    case .dim: style = s("dim_fg")
    case .title:
      style = s("title_fg")
      style.bold = true
    case .border: style = s("border_fg")
    case .borderFocus:
      style = s("border_focus_fg")
      style.bold = true
    case .header: style = s("header_fg", "header_bg")
    case .badge:
      style = s("badge_fg", "badge_bg")
      style.bold = true
      style.reverse = color("badge_bg") == nil
    case .selection:
      style = s("selected_fg", "selected_bg")
      style.reverse = color("selected_bg") == nil
      style.bold = true
    case .selectionInactive:
      style = s(nil, "selected_inactive_bg")
      style.underline = color("selected_inactive_bg") == nil
    case .barFill: style = s("bar_fill")
    case .barWarn:
      style = s("bar_warn")
      style.bold = true
    case .barEmpty: style = s("bar_empty")
    case .barMarker:
      style = s("bar_marker")
      style.bold = true
    case .ok: style = s("ok_fg")
    case .warn:
      style = s("warn_fg")
      style.bold = true
    case .error:
      style = s("error_fg")
      style.bold = true
    case .candidate: style = s("candidate_fg")
    case .confirmed:
      style = s("confirmed_fg")
      style.bold = true
    case .spark: style = s("spark_fg")
    case .key:
      style = s("key_fg")
      style.bold = true
    case .message: style = s("message_fg")
    case .filter:
      style = s("filter_fg")
      style.underline = true
    case .dialog: style = s("dialog_fg", "dialog_bg")
    case .button: style = s("button_fg", "dialog_bg")
    case .buttonFocus:
      style = s("button_focus_fg", "button_focus_bg")
      style.reverse = color("button_focus_bg") == nil
      style.bold = true
    }
    return style
  }
}
