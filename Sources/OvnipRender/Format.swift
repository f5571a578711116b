import Foundation
import OvnipModel

/// Number, age and clock formatting for narrow columns.
public enum Format {
  /// Exact up to 99999; powers of two as `2^N`; else k/M/G/T; beyond as `~2^N`.
  public static func count(_ value: UInt128) -> String {
    if value <= 99_999 { return String(value) }
    let bits = 128 - value.leadingZeroBitCount - 1
    if value & (value - 1) == 0 { return "2^\(bits)" }
    let units: [(UInt128, String)] = [
      (1_000_000_000_000, "T"), (1_000_000_000, "G"), (1_000_000, "M"), (1_000, "k"),
    ]
    for (unit, suffix) in units where value >= unit {
      let whole = value / unit
      if whole >= 1000 { return "~2^\(bits)" }
      let tenth = (value % unit) * 10 / unit
      return whole >= 100 ? "\(whole)\(suffix)" : "\(whole).\(tenth)\(suffix)"
    }
    return String(value)
  }

  public static func count(_ value: Int) -> String { count(UInt128(max(0, value))) }

  /// A reported counter: abbreviated, `?` when absent.
  public static func count(_ value: BigCount?) -> String {
    guard let value else { return "?" }
    if let exact = value.uint128 { return count(exact) }
    return "~10^\(value.digits.count - 1)"
  }

  /// `45s`, `3m`, `2h`, `5d`.
  public static func age(_ seconds: TimeInterval) -> String {
    let s = max(0, Int(seconds))
    if s < 120 { return "\(s)s" }
    if s < 7200 { return "\(s / 60)m" }
    if s < 172_800 { return "\(s / 3600)h" }
    return "\(s / 86400)d"
  }

  /// `HH:mm:ss` in UTC, so screens are the same everywhere (and in tests).
  public static func clock(_ date: Date) -> String {
    let t = Int(date.timeIntervalSince1970.rounded(.down))
    let day = ((t % 86400) + 86400) % 86400
    return String(format: "%02d:%02d:%02d", day / 3600, day / 60 % 60, day % 60)
  }

  /// Pads or cuts `text` to exactly `width` columns (cut text ends with the ellipsis).
  public static func fit(_ text: String, _ width: Int, ellipsis: String = "…", right: Bool = false) -> String {
    guard width > 0 else { return "" }
    let clean = Sanitize.text(text)
    let w = DisplayWidth.of(clean)
    if w <= width {
      let pad = String(repeating: " ", count: width - w)
      return right ? pad + clean : clean + pad
    }
    var out = ""
    var used = 0
    let room = width - DisplayWidth.of(ellipsis)
    for character in clean {
      let cw = DisplayWidth.of(character)
      if used + cw > room { break }
      out.append(character)
      used += cw
    }
    return out + ellipsis + String(repeating: " ", count: max(0, room - used))
  }

  /// `text` in lines of at most `width` columns, broken at a space when there is one (else
  /// hard); continuation lines keep the first line's indentation plus two.
  public static func wrap(_ text: String, width: Int) -> [String] {
    let clean = Sanitize.text(text)
    guard width > 8, DisplayWidth.of(clean) > width else { return [clean] }
    let indent = String(repeating: " ", count: min(clean.prefix { $0 == " " }.count + 2, width / 2))
    var out: [String] = []
    var rest = Substring(clean)
    var lead = ""
    while !rest.isEmpty {
      let room = width - lead.count
      var taken = 0
      var end = rest.startIndex
      while end < rest.endIndex, taken + DisplayWidth.of(rest[end]) <= room {
        taken += DisplayWidth.of(rest[end])
        end = rest.index(after: end)
      }
      if end < rest.endIndex, let space = rest[rest.startIndex..<end].lastIndex(of: " "),
        rest[rest.startIndex..<space].contains(where: { $0 != " " })
      {
        end = space
      }
      if end == rest.startIndex { end = rest.index(after: end) }
      out.append(lead + rest[rest.startIndex..<end])
      rest = rest[end...].drop { $0 == " " }
      lead = indent
    }
    return out
  }
}
