/// The drawing characters: Unicode, or ASCII for terminals without a UTF-8 locale.
public struct Glyphs: Sendable, Hashable {
  public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
  public var barFull, barEmpty, marker, ellipsis, bullet, up, down: String
  /// Sparkline levels, lowest first.
  public var spark: [String]

  public static let unicode = Glyphs(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
    bottomRight: "┘", barFull: "█", barEmpty: "░", marker: "┃", ellipsis: "…", bullet: "●",
    up: "▲", down: "▼", spark: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"])

  public static let ascii = Glyphs(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
    bottomRight: "+", barFull: "#", barEmpty: ".", marker: "|", ellipsis: "~", bullet: "*",
    up: "^", down: "v", spark: ["_", "_", ".", ".", "-", "-", "=", "#"])
}
