import Foundation

/// SplitMix64: a tiny, fast, reproducible generator (same seed → same sequence on every platform).
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A UUID-shaped string (version 4 layout) drawn from the generator.
  public mutating func uuid() -> String {
    let a = next(), b = next()
    func hex(_ v: UInt64, _ n: Int) -> String {
      let s = String(v, radix: 16)
      return String(repeating: "0", count: max(0, n - s.count)) + s.suffix(n)
    }
    return "\(hex(a >> 32, 8))-\(hex((a >> 16) & 0xFFFF, 4))-4\(hex(a & 0xFFF, 3))-"
      + "\(hex(8 | (b >> 62), 1))\(hex((b >> 48) & 0xFFF, 3))-\(hex(b & 0xFFFF_FFFF_FFFF, 12))"
  }

  /// A random locally administered lower-case MAC, like `util.GenerateMac`.
  public mutating func mac() -> String {
    let v = next()
    var bytes = (0..<6).map { UInt8((v >> (8 * UInt64($0))) & 0xFF) }
    bytes[0] = (bytes[0] & 0xFE) | 0x02
    return bytes.map { b in
      let s = String(b, radix: 16)
      return s.count == 1 ? "0" + s : s
    }.joined(separator: ":")
  }
}

/// IPv4 arithmetic for generated subnets.
public struct IPv4CIDR: Sendable, Hashable {
  public var base: UInt32
  public var prefix: Int

  /// Parses `a.b.c.d/n`.
  public init?(_ text: String) {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let p = Int(parts[1]), (0...32).contains(p),
      let b = IPv4CIDR.parse(String(parts[0]))
    else { return nil }
    prefix = p
    base = p == 0 ? 0 : b & ~UInt32((1 << (32 - p)) - 1)
  }

  /// Addresses in the block, network and broadcast included.
  public var size: UInt64 { UInt64(1) << UInt64(32 - prefix) }
  /// The controller's `AddressCount`: size − 2 (a /31 gives 2, a /32 gives 1).
  public var usableCount: UInt64 { prefix >= 31 ? size : size - 2 }
  /// The n-th address of the block as text (0 = network address).
  public func address(_ n: UInt64) -> String { IPv4CIDR.format(base &+ UInt32(truncatingIfNeeded: n)) }
  public var text: String { "\(IPv4CIDR.format(base))/\(prefix)" }

  public static func parse(_ s: String) -> UInt32? {
    let o = s.split(separator: ".", omittingEmptySubsequences: false)
    guard o.count == 4 else { return nil }
    var v: UInt32 = 0
    for part in o {
      guard let x = UInt32(part), x < 256 else { return nil }
      v = v << 8 | x
    }
    return v
  }
  public static func format(_ v: UInt32) -> String {
    "\(v >> 24).\((v >> 16) & 255).\((v >> 8) & 255).\(v & 255)"
  }
}
