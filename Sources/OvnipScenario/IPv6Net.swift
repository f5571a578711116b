import Foundation

/// IPv6 arithmetic for generated dual-stack subnets: prefixes of /64 or longer, so host
/// offsets live in the low 64 bits.
public struct IPv6Net: Sendable, Hashable {
  public var high: UInt64
  public var low: UInt64
  public var prefix: Int

  /// Parses `x:x::/n` with n ≥ 64.
  public init?(_ text: String) {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let p = Int(parts[1]), (64...128).contains(p),
      let (h, l) = IPv6Net.parse(String(parts[0]))
    else { return nil }
    prefix = p
    high = h
    low = p == 128 ? l : (p == 64 ? 0 : l & ~((UInt64(1) << UInt64(128 - p)) - 1))
  }

  /// Host bits (128 − prefix).
  public var hostBits: Int { 128 - prefix }
  /// The n-th address of the block (0 = the subnet-router anycast address).
  public func address(_ n: UInt64) -> String { IPv6Net.format(high, low &+ n) }
  /// The low 64 bits of the n-th address.
  public func lowBits(_ n: UInt64) -> UInt64 { low &+ n }
  /// The last address's low 64 bits.
  public var lastLow: UInt64 { hostBits >= 64 ? UInt64.max : low | ((UInt64(1) << UInt64(hostBits)) - 1) }

  /// Parses an IPv6 address (no zone, no embedded IPv4) into two 64-bit halves.
  public static func parse(_ s: String) -> (UInt64, UInt64)? {
    let halves = s.components(separatedBy: "::")
    guard halves.count <= 2 else { return nil }
    func groups(_ t: String) -> [UInt16]? {
      t.isEmpty ? [] : t.split(separator: ":", omittingEmptySubsequences: false).map { UInt16($0, radix: 16) }
        .reduce([UInt16]?([])) { acc, g in g.flatMap { v in acc.map { $0 + [v] } } }
    }
    guard let head = groups(halves[0]) else { return nil }
    var all = head
    if halves.count == 2 {
      guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
      all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }
    guard all.count == 8 else { return nil }
    let h = all[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
    let l = all[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
    return (h, l)
  }

  /// RFC 5952 text (lower case, the longest run of two or more zero groups as `::`), as Go prints it.
  public static func format(_ high: UInt64, _ low: UInt64) -> String {
    let g = (0..<8).map { i -> UInt16 in
      let word = i < 4 ? high : low
      return UInt16((word >> UInt64(48 - 16 * (i % 4))) & 0xFFFF)
    }
    var bestStart = -1, bestLen = 0, i = 0
    while i < 8 {
      if g[i] == 0 {
        var j = i
        while j < 8 && g[j] == 0 { j += 1 }
        if j - i > bestLen && j - i >= 2 {
          bestStart = i
          bestLen = j - i
        }
        i = j
      } else {
        i += 1
      }
    }
    let hex = g.map { String($0, radix: 16) }
    if bestStart < 0 { return hex.joined(separator: ":") }
    let left = hex[0..<bestStart].joined(separator: ":")
    let right = hex[(bestStart + bestLen)...].joined(separator: ":")
    return left + "::" + right
  }
}
