import OvnipModel

/// Kube-OVN's `calculateUsingIPs` (domain §4), evaluated on the objects as they are now.
///
/// using = IP CRs labelled `<subnet>: ""` (the selector of every release v1.11–v1.16)
///         − those whose v4 or v6 address lies in a non-gateway `excludeIps` entry
///         + Vips labelled `ovn.kubernetes.io/subnet=<subnet>` with `ip_reserved=""` (unbound)
///         + IptablesEIPs labelled `ovn.kubernetes.io/subnet=<subnet>`
///         + OvnEips labelled `ovn.kubernetes.io/subnet=<subnet>`
/// EIPs and OVN EIPs are always added (v1.15+ behaviour); no address is deduplicated.
struct ControllerFormula {
  /// Subnet name → the formula's count, for every subnet.
  private(set) var using: [String: Int] = [:]
  /// False when a list the formula needs was not read: the count is then a lower bound.
  let complete: Bool

  static let subnetLabel = "ovn.kubernetes.io/subnet"
  static let reservedLabel = "ovn.kubernetes.io/ip_reserved"

  /// `nonGatewayExcludes`: subnet name → excluded ranges per family (gateway entries removed).
  init(_ snapshot: ClusterSnapshot, nonGatewayExcludes: [String: [IPAddress.Family: AddressRanges]]) {
    complete = snapshot.ips.value != nil && snapshot.vips.isKnown && snapshot.iptablesEIPs.isKnown
      && snapshot.ovnEips.isKnown
    for ip in snapshot.ips.value ?? [] {
      for (key, value) in ip.metadata.labels where value.isEmpty {
        guard let excludes = nonGatewayExcludes[key] else { continue }
        // Most subnets exclude only their gateway: nothing to subtract, no parsing.
        let excluded = !excludes.values.contains { !$0.ranges.isEmpty } ? false : ip.addressStrings.contains { text in
          guard let address = IPAddress(text), let ranges = excludes[address.family] else { return false }
          return ranges.contains(address.value)
        }
        if !excluded { using[key, default: 0] += 1 }
      }
    }
    for vip in snapshot.vips.value ?? [] {
      if let subnet = vip.metadata.labels[Self.subnetLabel], vip.metadata.labels[Self.reservedLabel] == "" {
        using[subnet, default: 0] += 1
      }
    }
    for eip in snapshot.iptablesEIPs.value ?? [] {
      if let subnet = eip.metadata.labels[Self.subnetLabel] { using[subnet, default: 0] += 1 }
    }
    for eip in snapshot.ovnEips.value ?? [] {
      if let subnet = eip.metadata.labels[Self.subnetLabel] { using[subnet, default: 0] += 1 }
    }
  }
}
