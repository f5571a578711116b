import OvnipModel

/// IptablesEIPs whose `natGwDp` gateway is missing (an anomaly, never a cleanup candidate),
/// with the FIP/SNAT/DNAT rules that still reference them by `spec.eip`.
enum DanglingEIPFinder {
  static func find(_ snapshot: ClusterSnapshot) -> [(eip: DanglingEIP, subnet: String)] {
    let gateways = KeyedList(snapshot.natGateways) { $0.metadata.name }
    guard gateways.isKnown else { return [] }  // unknown gateways: cannot judge
    var references: [String: [String]] = [:]
    for rules in [snapshot.fipRules, snapshot.snatRules, snapshot.dnatRules] {
      for rule in rules.value ?? [] where !rule.eip.isEmpty {
        references[rule.eip, default: []].append("\(rule.kind)/\(rule.metadata.name)")
      }
    }
    var out: [(DanglingEIP, String)] = []
    for eip in snapshot.iptablesEIPs.value ?? [] where !eip.spec.natGwDp.isEmpty {
      guard case .missing = gateways.lookup(eip.spec.natGwDp) else { continue }
      let address = eip.status.ip.isEmpty ? eip.spec.v4ip : eip.status.ip
      out.append((
        DanglingEIP(
          name: eip.metadata.name, natGwDp: eip.spec.natGwDp, address: address,
          referencedBy: (references[eip.metadata.name] ?? []).sorted()),
        HolderIndex.subnet(of: eip)
      ))
    }
    return out.sorted { $0.0.name < $1.0.name }
  }
}
