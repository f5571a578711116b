import Foundation
import OvnipModel

/// The accounting engine: turns one `ClusterSnapshot` into a `Report`. Pure; linear in the
/// number of objects (every owner list is indexed once).
public struct Accountant: Sendable {
  public init() {}

  /// Computes the report.
  /// - Parameters:
  ///   - now: the report time (`generatedAt`).
  ///   - source: `file:DIR` or `kubectl:CONTEXT`.
  ///   - subnets: only these subnets (and the holders, orphans, exemptions and dangling EIPs
  ///     that name them); empty means all.
  public func report(_ snapshot: ClusterSnapshot, now: Date, source: String, subnets filter: [String]) -> Report {
    let wanted = Set(filter)
    func keep(_ subnet: String) -> Bool { wanted.isEmpty || wanted.contains(subnet) }

    var errors = snapshot.errors.map { ReportError(resource: $0.resource, message: $0.message) }
    errors += snapshot.decodeIssues.map {
      ReportError(resource: $0.resource, message: "\($0.object): skipped, \($0.message)")
    }

    let subnetList = snapshot.subnets.value ?? []
    var geometry: [String: SubnetGeometry] = [:]
    for subnet in subnetList {
      let g = SubnetGeometry(subnet)
      geometry[subnet.metadata.name] = g
      if keep(subnet.metadata.name) {
        errors += g.problems.map { ReportError(resource: ResourceKind.subnets.plural, message: $0) }
      }
    }
    let holders = HolderIndex(snapshot)
    errors += holders.invalid
    let formula = ControllerFormula(snapshot, nonGatewayExcludes: geometry.mapValues(\.nonGatewayExcluded))

    // Orphans and exemptions.
    let judge = OrphanJudge(snapshot)
    var orphans: [Orphan] = []
    var exempt: [Exemption] = []
    var owned = 0
    for ip in snapshot.ips.value ?? [] where keep(ip.spec.subnet) {
      switch judge.judge(ip) {
      case .owned: owned += 1
      case .orphan(let reasons, let evidence, let checks):
        orphans.append(Orphan(
          name: ip.metadata.name, uid: ip.metadata.uid, resourceVersion: ip.metadata.resourceVersion,
          subnet: ip.spec.subnet, addresses: ip.addressStrings, reasons: reasons, evidence: evidence,
          createdAt: ip.metadata.creationTimestamp, checks: checks))
      case .exempt(let reason, let evidence):
        exempt.append(Exemption(
          name: ip.metadata.name, subnet: ip.spec.subnet, addresses: ip.addressStrings, reason: reason,
          evidence: evidence))
      }
    }
    orphans.sort { ($0.subnet, $0.name) < ($1.subnet, $1.name) }
    exempt.sort { ($0.subnet, $0.name) < ($1.subnet, $1.name) }
    var orphansPerSubnet: [String: Int] = [:]
    for orphan in orphans { orphansPerSubnet[orphan.subnet, default: 0] += 1 }

    // Subnet usage.
    var usages: [SubnetUsage] = []
    for subnet in subnetList where keep(subnet.metadata.name) {
      let name = subnet.metadata.name
      usages.append(SubnetUsageBuilder.usage(
        subnet, geometry: geometry[name]!, held: holders.bySubnet[name] ?? [:],
        controllerUsing: formula.using[name] ?? 0, formulaComplete: formula.complete,
        orphanCount: orphansPerSubnet[name] ?? 0, errors: &errors))
    }
    usages.sort { $0.name < $1.name }

    // Holdings and overlaps.
    var holdings: [String: [Holding]] = [:]
    var overlaps: [Overlap] = []
    for (subnet, addresses) in holders.bySubnet where keep(subnet) {
      var list: [Holding] = []
      list.reserveCapacity(addresses.count)
      for address in addresses.keys.sorted() {
        let holderList = addresses[address]!.sorted(by: Self.holderOrder)
        for holder in holderList { list.append(Holding(address: address.description, holder: holder)) }
        if holderList.count > 1 {
          overlaps.append(Overlap(subnet: subnet, address: address.description, holders: holderList))
        }
      }
      holdings[subnet] = list
    }
    overlaps.sort { lhs, rhs in
      lhs.subnet != rhs.subnet ? lhs.subnet < rhs.subnet : IPAddress(lhs.address)! < IPAddress(rhs.address)!
    }

    let dangling = DanglingEIPFinder.find(snapshot).filter { keep($0.subnet) }.map(\.eip)
    for name in filter.sorted() where snapshot.subnets.value != nil && geometry[name] == nil {
      errors.append(ReportError(resource: ResourceKind.subnets.plural, message: "--subnet \(name): no such subnet"))
    }

    return Report(
      generatedAt: now, source: source, subnets: usages, overlaps: overlaps, orphans: orphans,
      exempt: exempt, ownedCount: owned, danglingEIPs: dangling, errors: errors, holdings: holdings)
  }

  static func holderOrder(_ lhs: Holder, _ rhs: Holder) -> Bool {
    let order = HolderKind.allCases
    if lhs.kind != rhs.kind { return order.firstIndex(of: lhs.kind)! < order.firstIndex(of: rhs.kind)! }
    return lhs.name < rhs.name
  }
}
