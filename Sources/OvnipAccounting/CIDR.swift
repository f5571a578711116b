/// An IPv4 or IPv6 network `address/prefix`, with Kube-OVN's capacity rule.
public struct CIDR: Sendable, Hashable, CustomStringConvertible {
  /// The network address (host bits cleared).
  public var network: IPAddress
  public var prefix: Int

  public var family: IPAddress.Family { network.family }

  /// Parses `10.16.0.0/16` or `fd00:10:16::/64`. Host bits are cleared as Kube-OVN does.
  public init?(_ text: some StringProtocol) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let address = IPAddress(parts[0]),
      let prefix = Int(parts[1].trimmingCharacters(in: .whitespaces)),
      prefix >= 0, prefix <= address.family.bits
    else { return nil }
    self.prefix = prefix
    self.network = IPAddress(family: address.family, value: address.value & Self.mask(address.family, prefix))
  }

  static func mask(_ family: IPAddress.Family, _ prefix: Int) -> UInt128 {
    let hostBits = family.bits - prefix
    let all: UInt128 = family == .v4 ? 0xFFFF_FFFF : .max
    if hostBits >= 128 { return 0 }
    return all & ~((UInt128(1) << UInt128(hostBits)) - 1)
  }

  /// The last address of the network (the v4 broadcast).
  public var last: UInt128 {
    let hostBits = family.bits - prefix
    if hostBits >= 128 { return .max }
    return network.value | ((UInt128(1) << UInt128(hostBits)) - 1)
  }

  /// True when `address` is of the same family and inside the network.
  public func contains(_ address: IPAddress) -> Bool {
    address.family == family && address.value >= network.value && address.value <= last
  }

  /// The usable addresses: everything but the first and last (network/broadcast), except
  /// /31 and /32 (v6: /127 and /128) where every address is usable. Same rule for v6, as
  /// Kube-OVN's `AddressCount` applies it to both families.
  public var usable: ClosedRange<UInt128> {
    let hostBits = family.bits - prefix
    return hostBits <= 1 ? network.value...last : (network.value + 1)...(last - 1)
  }

  /// Kube-OVN's `AddressCount`: 2^(bits−prefix) − 2; /31 → 2; /32 → 1 (and /127, /128).
  /// Exact: a v6 /0 gives 2^128 − 2.
  public var addressCount: UInt128 {
    let hostBits = family.bits - prefix
    switch hostBits {
    case 0: return 1
    case 1: return 2
    case 128: return .max - 1  // 2^128 − 2
    default: return (UInt128(1) << UInt128(hostBits)) - 2
    }
  }

  public var description: String { "\(network)/\(prefix)" }
}
