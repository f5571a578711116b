/// A theme file problem, naming the file and line.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var message: String
  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }
  public var description: String {
    line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
  }
}

/// Parses btop-style theme files: `theme[key]="#RRGGBB"` per line, `#` comments.
/// Values: `#RRGGBB`, `#GG` (grey), `R G B` (decimal), or empty (terminal default).
/// Keys a file leaves out come from `base`.
public enum ThemeParser {
  public static func parse(
    _ text: String, name: String, file: String, base: Theme = BuiltinThemes.dark
  ) throws(ThemeError) -> Theme {
    var colors = base.colors
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = rawLine.trimmedBlanks()
      if line.isEmpty || line.hasPrefix("#") { continue }
      func fail(_ message: String) -> ThemeError {
        ThemeError(file: file, line: lineNumber, message: message)
      }
      guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]") else {
        throw fail("expected theme[key]=\"value\"")
      }
      let key = String(line[line.index(line.startIndex, offsetBy: 6)..<close])
      guard Theme.keys.contains(key) else {
        throw fail("unknown key \"\(key.prefix(40))\"")
      }
      var rest = line[line.index(after: close)...].trimmedBlanks()
      guard rest.hasPrefix("=") else { throw fail("expected = after theme[\(key)]") }
      rest = rest.dropFirst().trimmedBlanks()
      if rest.hasPrefix("\"") {
        guard rest.count >= 2, rest.hasSuffix("\"") else { throw fail("unterminated quote") }
        rest = String(rest.dropFirst().dropLast())
      }
      guard let color = parseColor(rest) else {
        throw fail("bad colour \"\(rest.prefix(40))\" (use #RRGGBB, #GG or \"R G B\")")
      }
      colors[key] = .some(color)
    }
    return Theme(name: name, colors: colors)
  }

  /// nil for a malformed value; `.some(nil)` for empty (terminal default).
  static func parseColor(_ value: String) -> RGB?? {
    let v = value.trimmedBlanks()
    if v.isEmpty { return .some(nil) }
    if v.hasPrefix("#") {
      let hex = v.dropFirst()
      guard hex.allSatisfy(\.isHexDigit) else { return nil }
      if hex.count == 6, let n = UInt32(hex, radix: 16) {
        return RGB(UInt8(n >> 16), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF))
      }
      if hex.count == 2, let g = UInt8(hex, radix: 16) { return RGB(g, g, g) }
      return nil
    }
    let parts = v.split(separator: " ")
    guard parts.count == 3 else { return nil }
    let values = parts.compactMap { UInt8($0) }
    guard values.count == 3 else { return nil }
    return RGB(values[0], values[1], values[2])
  }
}

extension StringProtocol {
  /// Trims spaces, tabs and carriage returns (keeps the parser free of Foundation).
  func trimmedBlanks() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
    return String(s)
  }
}
