import OvnipModel

/// A subnet's CIDRs, gateways and excludes per family, parsed once.
struct SubnetGeometry {
  var cidrs: [IPAddress.Family: CIDR] = [:]
  /// `ExpandExcludeIPs` per family (clamped to the usable range, merged).
  var excluded: [IPAddress.Family: AddressRanges] = [:]
  /// The same without entries that are exactly a gateway address (the formula's filter).
  var nonGatewayExcluded: [IPAddress.Family: AddressRanges] = [:]
  var problems: [String] = []

  init(_ subnet: Subnet) {
    let name = subnet.metadata.name
    for part in subnet.spec.cidrBlock.split(separator: ",") {
      let text = part.trimmingCharacters(in: .whitespaces)
      guard let cidr = CIDR(text) else {
        problems.append("subnet \(name): cidrBlock element \"\(text.prefix(60))\" is not a CIDR")
        continue
      }
      cidrs[cidr.family] = cidr
    }
    let gateways = Set(subnet.spec.gateway.split(separator: ",").compactMap { IPAddress($0) })
    let nonGatewayEntries = subnet.spec.excludeIps.filter { entry in
      guard let single = IPAddress(entry) else { return true }
      return !gateways.contains(single)
    }
    for (family, cidr) in cidrs {
      let all = AddressRanges.excluded(subnet.spec.excludeIps, in: cidr)
      excluded[family] = all.ranges
      nonGatewayExcluded[family] = AddressRanges.excluded(nonGatewayEntries, in: cidr).ranges
      if family == .v4 || cidrs[.v4] == nil {
        for bad in all.invalid {
          problems.append("subnet \(name): excludeIps entry \"\(bad.prefix(60))\" is not an address or a..b range")
        }
      }
    }
  }

  /// Usable addresses minus excluded ones, floored at 0.
  func capacity(_ family: IPAddress.Family) -> UInt128? {
    guard let cidr = cidrs[family] else { return nil }
    let count = cidr.addressCount
    let excludedCount = excluded[family]?.count ?? 0
    return count > excludedCount ? count - excludedCount : 0
  }
}
