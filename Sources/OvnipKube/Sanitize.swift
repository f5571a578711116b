import Foundation

/// Makes text from kubectl or the cluster safe to show on one line: control characters
/// (escape sequences, newlines, tabs) become spaces or `?`, runs of blanks collapse, and the
/// result is cut to a sane length.
enum Sanitize {
  /// One printable line of at most `limit` characters.
  static func line(_ text: String, limit: Int = 400) -> String {
    var out = ""
    out.reserveCapacity(min(text.utf8.count, limit))
    var lastWasSpace = true
    for scalar in text.unicodeScalars {
      let isBlank = scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
      if isBlank {
        if !lastWasSpace { out.append(" ") }
        lastWasSpace = true
        continue
      }
      lastWasSpace = false
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        out.append("?")
      } else {
        out.unicodeScalars.append(scalar)
      }
      if out.count >= limit {
        out.append("…")
        break
      }
    }
    while out.hasSuffix(" ") { out.removeLast() }
    return out
  }
}
