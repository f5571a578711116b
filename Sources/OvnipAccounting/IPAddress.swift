/// An IPv4 or IPv6 address as a 128-bit integer. IPv4 uses the low 32 bits.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The address family.
  public enum Family: String, Sendable, Hashable, Codable, CaseIterable {
    case v4, v6
    /// Address width in bits.
    public var bits: Int { self == .v4 ? 32 : 128 }
  }

  public var family: Family
  public var value: UInt128

  public init(family: Family, value: UInt128) {
    self.family = family
    self.value = family == .v4 ? value & 0xFFFF_FFFF : value
  }

  /// Parses dotted IPv4 (`10.0.0.1`) or IPv6 (`fd00::1`, `::ffff:1.2.3.4`), surrounding blanks
  /// allowed. Nil for anything else (zones, prefixes, leading zeros in IPv4 octets are refused).
  public init?(_ text: some StringProtocol) {
    let trimmed = text.utf8.drop(while: { $0 == 0x20 }).reversed().drop(while: { $0 == 0x20 }).reversed()
    let bytes = Array(trimmed)
    if bytes.contains(0x3A) {  // ':'
      guard let v = Self.parseV6(bytes[...]) else { return nil }
      self.init(family: .v6, value: v)
    } else {
      guard let v = Self.parseV4(bytes[...]) else { return nil }
      self.init(family: .v4, value: UInt128(v))
    }
  }

  static func parseV4(_ bytes: ArraySlice<UInt8>) -> UInt32? {
    var result: UInt32 = 0
    var octets = 0
    var current: UInt32 = 0
    var digits = 0
    var leadingZero = false
    for b in bytes {
      if b == 0x2E {  // '.'
        guard digits > 0, octets < 3 else { return nil }
        result = result << 8 | current
        octets += 1
        current = 0
        digits = 0
        leadingZero = false
      } else if b >= 0x30 && b <= 0x39 {
        if digits == 1 && leadingZero { return nil }
        if digits == 0 && b == 0x30 { leadingZero = true }
        current = current * 10 + UInt32(b - 0x30)
        digits += 1
        guard digits <= 3, current <= 255 else { return nil }
      } else {
        return nil
      }
    }
    guard digits > 0, octets == 3 else { return nil }
    return result << 8 | current
  }

  static func parseV6(_ bytes: ArraySlice<UInt8>) -> UInt128? {
    // Split on "::" at most once.
    var head: [UInt16] = []
    var tail: [UInt16] = []
    var sawGap = false
    let text = bytes
    if let gap = Self.find(doubleColonIn: text) {
      sawGap = true
      let left = text[text.startIndex..<gap]
      let right = text[(gap + 2)...]
      if Self.find(doubleColonIn: right) != nil { return nil }
      guard let l = Self.groups(left, allowV4Tail: false) else { return nil }
      guard let r = Self.groups(right, allowV4Tail: true) else { return nil }
      head = l
      tail = r
    } else {
      guard let all = Self.groups(text, allowV4Tail: true) else { return nil }
      head = all
    }
    let total = head.count + tail.count
    if sawGap {
      guard total <= 7 else { return nil }
    } else {
      guard total == 8 else { return nil }
    }
    var value: UInt128 = 0
    for g in head { value = value << 16 | UInt128(g) }
    if sawGap { value <<= UInt128(16 * (8 - total)) }
    for g in tail { value = value << 16 | UInt128(g) }
    return value
  }

  private static func find(doubleColonIn text: ArraySlice<UInt8>) -> Int? {
    var i = text.startIndex
    while i + 1 < text.endIndex {
      if text[i] == 0x3A && text[i + 1] == 0x3A { return i }
      i += 1
    }
    return nil
  }

  /// Hex groups separated by ':'; the last may be dotted IPv4 (two groups).
  private static func groups(_ text: ArraySlice<UInt8>, allowV4Tail: Bool) -> [UInt16]? {
    if text.isEmpty { return [] }
    var out: [UInt16] = []
    let parts = text.split(separator: 0x3A, omittingEmptySubsequences: false)
    for (index, part) in parts.enumerated() {
      if index == parts.count - 1 && allowV4Tail && part.contains(0x2E) {
        guard let v4 = parseV4(part) else { return nil }
        out.append(UInt16(v4 >> 16))
        out.append(UInt16(v4 & 0xFFFF))
        continue
      }
      guard !part.isEmpty, part.count <= 4 else { return nil }
      var g: UInt16 = 0
      for b in part {
        let d: UInt8
        switch b {
        case 0x30...0x39: d = b - 0x30
        case 0x61...0x66: d = b - 0x61 + 10
        case 0x41...0x46: d = b - 0x41 + 10
        default: return nil
        }
        g = g << 4 | UInt16(d)
      }
      out.append(g)
    }
    return out
  }

  /// Canonical text: dotted IPv4, RFC 5952 IPv6 (lower case, longest zero run as `::`).
  public var description: String {
    switch family {
    case .v4:
      let v = UInt32(truncatingIfNeeded: value)
      return "\(v >> 24).\(v >> 16 & 0xFF).\(v >> 8 & 0xFF).\(v & 0xFF)"
    case .v6:
      var groups: [UInt16] = []
      for i in 0..<8 { groups.append(UInt16(truncatingIfNeeded: value >> UInt128(16 * (7 - i)))) }
      var bestStart = -1
      var bestLength = 0
      var i = 0
      while i < 8 {
        if groups[i] == 0 {
          var j = i
          while j < 8 && groups[j] == 0 { j += 1 }
          if j - i > bestLength && j - i >= 2 {
            bestStart = i
            bestLength = j - i
          }
          i = j
        } else {
          i += 1
        }
      }
      func hex(_ range: Range<Int>) -> String {
        range.map { String(groups[$0], radix: 16) }.joined(separator: ":")
      }
      if bestStart < 0 { return hex(0..<8) }
      return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
  }

  public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
    lhs.family != rhs.family ? lhs.family == .v4 : lhs.value < rhs.value
  }
}
