import OvnipModel

/// Builds one subnet's `SubnetUsage`: per-family figures and flags.
enum SubnetUsageBuilder {
  static func usage(
    _ subnet: Subnet, geometry: SubnetGeometry, held: [IPAddress: [Holder]], controllerUsing: Int,
    formulaComplete: Bool, orphanCount: Int, errors: inout [ReportError]
  ) -> SubnetUsage {
    let name = subnet.metadata.name
    let status = subnet.status
    var flags: Set<SubnetFlag> = []

    // Addresses held per family, and those outside the CIDRs.
    var distinct: [IPAddress.Family: Int] = [:]
    var doubled: [IPAddress.Family: Int] = [:]
    for (address, holders) in held {
      if let cidr = geometry.cidrs[address.family], cidr.contains(address) {
        // inside
      } else {
        flags.insert(.addressesOutsideCIDR)
      }
      distinct[address.family, default: 0] += 1
      if holders.count > 1 { doubled[address.family, default: 0] += 1 }
    }

    func family(_ f: IPAddress.Family) -> FamilyUsage? {
      guard let capacity = geometry.capacity(f) else { return nil }
      let reportedUsing = f == .v4 ? status.v4usingIPs : status.v6usingIPs
      let reportedAvailable = f == .v4 ? status.v4availableIPs : status.v6availableIPs
      let rangeText = f == .v4 ? status.v4usingIPrange : status.v6usingIPrange
      var rangeCount: UInt128?
      if let rangeText {
        if let ranges = AddressRanges.parseStatus(rangeText) {
          rangeCount = ranges.count
        } else {
          errors.append(ReportError(
            resource: ResourceKind.subnets.plural,
            message: "subnet \(name): status.\(f)usingIPrange \"\(rangeText.prefix(60))\" cannot be parsed"))
        }
      }
      let usage = FamilyUsage(
        capacity: capacity, reportedUsing: reportedUsing, reportedAvailable: reportedAvailable,
        reportedUsingRangeCount: rangeCount, controllerUsing: controllerUsing,
        distinctUsing: distinct[f] ?? 0, doubleCounted: doubled[f] ?? 0)
      if let reportedUsing {
        if reportedUsing > BigCount(capacity) { flags.insert(.usingExceedsCapacity) }
        if let rangeCount, reportedUsing != BigCount(rangeCount) { flags.insert(.rangeCountMismatch) }
        if formulaComplete, reportedUsing != BigCount(controllerUsing) { flags.insert(.reportedDrift) }
      }
      if usage.doubleCounted > 0 { flags.insert(.doubleCounted) }
      return usage
    }

    let v4 = family(.v4)
    let v6 = family(.v6)
    let terminating = subnet.metadata.isTerminating
    if terminating && (!held.isEmpty || controllerUsing > 0) { flags.insert(.terminatingWithHolders) }
    let order = SubnetFlag.allCases
    return SubnetUsage(
      name: name, cidrBlock: subnet.spec.cidrBlock, provider: subnet.spec.provider, vpc: subnet.spec.vpc,
      protocol: subnet.spec.protocol.isEmpty ? derivedProtocol(geometry) : subnet.spec.protocol,
      v4: v4, v6: v6, flags: order.filter { flags.contains($0) }, terminating: terminating,
      orphanCount: orphanCount)
  }

  static func derivedProtocol(_ geometry: SubnetGeometry) -> String {
    switch (geometry.cidrs[.v4] != nil, geometry.cidrs[.v6] != nil) {
    case (true, true): "Dual"
    case (false, true): "IPv6"
    default: "IPv4"
    }
  }
}
