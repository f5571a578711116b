import OvnipModel

/// Every address held by any holder, grouped by the subnet the holder names.
struct HolderIndex {
  /// subnet → address → holders (in insertion order: IP, IptablesEIP, OvnEip, Vip).
  var bySubnet: [String: [IPAddress: [Holder]]] = [:]
  /// Addresses that could not be parsed, one line each.
  var invalid: [ReportError] = []

  /// The default external subnet of EIPs without `externalSubnet` (domain §2.5).
  static let defaultExternalSubnet = "ovn-vpc-external-network"

  init(_ snapshot: ClusterSnapshot) {
    for ip in snapshot.ips.value ?? [] {
      add(ip.addressStrings, subnet: ip.spec.subnet, Holder(kind: .ip, name: ip.metadata.name))
    }
    for eip in snapshot.iptablesEIPs.value ?? [] {
      let v4 = eip.status.ip.isEmpty ? eip.spec.v4ip : eip.status.ip
      add([v4, eip.spec.v6ip], subnet: Self.subnet(of: eip), Holder(kind: .iptablesEIP, name: eip.metadata.name))
    }
    for eip in snapshot.ovnEips.value ?? [] {
      let subnet = eip.externalSubnet.isEmpty
        ? eip.metadata.labels["ovn.kubernetes.io/subnet"] ?? Self.defaultExternalSubnet : eip.externalSubnet
      add([eip.v4Ip, eip.v6Ip], subnet: subnet, Holder(kind: .ovnEip, name: eip.metadata.name))
    }
    for vip in snapshot.vips.value ?? [] {
      let subnet = vip.subnet.isEmpty ? vip.metadata.labels["ovn.kubernetes.io/subnet"] ?? "" : vip.subnet
      add([vip.v4ip, vip.v6ip], subnet: subnet, Holder(kind: .vip, name: vip.metadata.name))
    }
  }

  /// `spec.externalSubnet`, else the `ovn.kubernetes.io/subnet` label, else the default.
  static func subnet(of eip: IptablesEIP) -> String {
    if !eip.spec.externalSubnet.isEmpty { return eip.spec.externalSubnet }
    if let label = eip.metadata.labels["ovn.kubernetes.io/subnet"], !label.isEmpty { return label }
    return defaultExternalSubnet
  }

  private mutating func add(_ texts: [String], subnet: String, _ holder: Holder) {
    for text in texts where !text.isEmpty {
      guard let address = IPAddress(text) else {
        invalid.append(ReportError(
          resource: holder.kind.resourcePlural,
          message: "\(holder.name): address \"\(text.prefix(60))\" is not an IP address"))
        continue
      }
      bySubnet[subnet, default: [:]][address, default: []].append(holder)
    }
  }
}

extension HolderKind {
  /// The resource plural of this holder kind.
  public var resourcePlural: String {
    switch self {
    case .ip: ResourceKind.ips.plural
    case .iptablesEIP: ResourceKind.iptablesEIPs.plural
    case .ovnEip: ResourceKind.ovnEips.plural
    case .vip: ResourceKind.vips.plural
    }
  }
}
