/// The themes shipped in `themes/`, also compiled in so the binary works from anywhere.
/// A test checks the files in `themes/` parse to exactly these.
public enum BuiltinThemes {
  public static let sources: [(name: String, text: String)] = [
    ("default", defaultText), ("light", lightText), ("monochrome", monochromeText),
    ("high-contrast", highContrastText),
  ]

  /// The default (dark) theme: every key set; the base every other theme starts from.
  public static let dark: Theme = {
    let empty = Theme(name: "default", colors: Dictionary(uniqueKeysWithValues: Theme.keys.map { ($0, nil) }))
    // The built-in text is checked by tests; a failure here is a programming error.
    return (try? ThemeParser.parse(defaultText, name: "default", file: "default", base: empty)) ?? empty
  }()

  /// A built-in theme by name.
  public static func named(_ name: String) -> Theme? {
    guard let source = sources.first(where: { $0.name == name }) else { return nil }
    if name == "default" { return dark }
    return try? ThemeParser.parse(source.text, name: name, file: name)
  }

  public static let all: [Theme] = sources.compactMap { named($0.name) }

  static let defaultText = """
    # ovnip-top default theme (dark terminals). Format: theme[key]="#RRGGBB"; "" = terminal default.
    theme[main_bg]=""
    theme[main_fg]="#D0D0D0"
    theme[dim_fg]="#808080"
    theme[title_fg]="#5FAFFF"
    theme[border_fg]="#4E4E4E"
    theme[border_focus_fg]="#5FAFFF"
    theme[header_bg]="#262626"
    theme[header_fg]="#E4E4E4"
    theme[badge_bg]="#D70000"
    theme[badge_fg]="#FFFFFF"
    theme[selected_bg]="#005F87"
    theme[selected_fg]="#FFFFFF"
    theme[selected_inactive_bg]="#303030"
    theme[bar_fill]="#5FAF5F"
    theme[bar_warn]="#FF5F5F"
    theme[bar_empty]="#444444"
    theme[bar_marker]="#FFD700"
    theme[ok_fg]="#87D787"
    theme[warn_fg]="#FFAF00"
    theme[error_fg]="#FF5F5F"
    theme[candidate_fg]="#D7AF5F"
    theme[confirmed_fg]="#FF5F87"
    theme[spark_fg]="#87AFD7"
    theme[key_fg]="#FFD75F"
    theme[message_fg]="#87D7FF"
    theme[filter_fg]="#FFFF87"
    theme[dialog_bg]="#1C1C1C"
    theme[dialog_fg]="#E4E4E4"
    theme[button_fg]="#BCBCBC"
    theme[button_focus_bg]="#005F87"
    theme[button_focus_fg]="#FFFFFF"

    """

  static let lightText = """
    # ovnip-top light theme (light terminals).
    theme[main_bg]=""
    theme[main_fg]="#1C1C1C"
    theme[dim_fg]="#767676"
    theme[title_fg]="#005FAF"
    theme[border_fg]="#A8A8A8"
    theme[border_focus_fg]="#005FAF"
    theme[header_bg]="#E4E4E4"
    theme[header_fg]="#1C1C1C"
    theme[badge_bg]="#AF0000"
    theme[badge_fg]="#FFFFFF"
    theme[selected_bg]="#AFD7FF"
    theme[selected_fg]="#000000"
    theme[selected_inactive_bg]="#E4E4E4"
    theme[bar_fill]="#008700"
    theme[bar_warn]="#D70000"
    theme[bar_empty]="#D0D0D0"
    theme[bar_marker]="#AF5F00"
    theme[ok_fg]="#008700"
    theme[warn_fg]="#AF5F00"
    theme[error_fg]="#D70000"
    theme[candidate_fg]="#875F00"
    theme[confirmed_fg]="#AF005F"
    theme[spark_fg]="#005F87"
    theme[key_fg]="#5F00AF"
    theme[message_fg]="#005F87"
    theme[filter_fg]="#5F00AF"
    theme[dialog_bg]="#F5F5F5"
    theme[dialog_fg]="#1C1C1C"
    theme[button_fg]="#444444"
    theme[button_focus_bg]="#005FAF"
    theme[button_focus_fg]="#FFFFFF"

    """

  static let monochromeText = """
    # ovnip-top monochrome theme: no colours; bold, reverse and underline carry the meaning.
    theme[main_bg]=""
    theme[main_fg]=""
    theme[dim_fg]=""
    theme[title_fg]=""
    theme[border_fg]=""
    theme[border_focus_fg]=""
    theme[header_bg]=""
    theme[header_fg]=""
    theme[badge_bg]=""
    theme[badge_fg]=""
    theme[selected_bg]=""
    theme[selected_fg]=""
    theme[selected_inactive_bg]=""
    theme[bar_fill]=""
    theme[bar_warn]=""
    theme[bar_empty]=""
    theme[bar_marker]=""
    theme[ok_fg]=""
    theme[warn_fg]=""
    theme[error_fg]=""
    theme[candidate_fg]=""
    theme[confirmed_fg]=""
    theme[spark_fg]=""
    theme[key_fg]=""
    theme[message_fg]=""
    theme[filter_fg]=""
    theme[dialog_bg]=""
    theme[dialog_fg]=""
    theme[button_fg]=""
    theme[button_focus_bg]=""
    theme[button_focus_fg]=""

    """

  static let highContrastText = """
    # ovnip-top high-contrast theme: pure colours on black.
    theme[main_bg]="#000000"
    theme[main_fg]="#FFFFFF"
    theme[dim_fg]="#C0C0C0"
    theme[title_fg]="#00FFFF"
    theme[border_fg]="#FFFFFF"
    theme[border_focus_fg]="#FFFF00"
    theme[header_bg]="#000080"
    theme[header_fg]="#FFFFFF"
    theme[badge_bg]="#FF0000"
    theme[badge_fg]="#FFFFFF"
    theme[selected_bg]="#FFFF00"
    theme[selected_fg]="#000000"
    theme[selected_inactive_bg]="#404040"
    theme[bar_fill]="#00FF00"
    theme[bar_warn]="#FF0000"
    theme[bar_empty]="#808080"
    theme[bar_marker]="#FFFF00"
    theme[ok_fg]="#00FF00"
    theme[warn_fg]="#FFFF00"
    theme[error_fg]="#FF0000"
    theme[candidate_fg]="#FFFF00"
    theme[confirmed_fg]="#FF00FF"
    theme[spark_fg]="#00FFFF"
    theme[key_fg]="#FFFF00"
    theme[message_fg]="#00FFFF"
    theme[filter_fg]="#FFFF00"
    theme[dialog_bg]="#000000"
    theme[dialog_fg]="#FFFFFF"
    theme[button_fg]="#FFFFFF"
    theme[button_focus_bg]="#FFFF00"
    theme[button_focus_fg]="#000000"

    """
}
