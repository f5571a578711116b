import Foundation
import OvnipAccounting
import OvnipModel

/// Small hand-made reports shaped like what the accounting engine produces for a real cluster.
public enum Fixtures {
  public static let t0 = Date(timeIntervalSince1970: 1_764_300_000)  // 2025-11-28 03:20:00 UTC

  public static func family(cap: UInt128, distinct: Int, reported: Int?, available: Int?, double: Int = 0) -> FamilyUsage {
    FamilyUsage(
      capacity: cap, reportedUsing: reported.map(BigCount.init), reportedAvailable: available.map(BigCount.init),
      reportedUsingRangeCount: reported.map { UInt128($0) }, controllerUsing: reported ?? distinct,
      distinctUsing: distinct, doubleCounted: double)
  }

  public static func orphan(_ name: String, subnet: String, address: String, reason: OrphanReason, evidence: String) -> Orphan {
    Orphan(
      name: name, uid: "uid-\(name)", resourceVersion: "100", subnet: subnet, addresses: [address],
      reasons: [reason], evidence: evidence, createdAt: "2025-11-27T10:00:00Z",
      checks: [OwnerCheck(kind: .pod, namespace: "default", name: name)])
  }

  public static let report: Report = {
    let subnets = [
      SubnetUsage(
        name: "ovn-default", cidrBlock: "10.16.0.0/16", provider: "ovn", vpc: "ovn-cluster", protocol: "IPv4",
        v4: family(cap: 65533, distinct: 42, reported: 43, available: 65490), v6: nil, flags: [.reportedDrift],
        terminating: false, orphanCount: 1),
      SubnetUsage(
        name: "net-4747", cidrBlock: "10.47.47.0/24", provider: "ovn", vpc: "vpc-4747", protocol: "IPv4",
        v4: family(cap: 253, distinct: 6, reported: 9, available: 244, double: 1), v6: nil,
        flags: [.reportedDrift, .doubleCounted], terminating: false, orphanCount: 3),
      SubnetUsage(
        name: "join", cidrBlock: "100.64.0.0/16", provider: "ovn", vpc: "ovn-cluster", protocol: "IPv4",
        v4: family(cap: 65533, distinct: 3, reported: 3, available: 65530), v6: nil, flags: [],
        terminating: false, orphanCount: 0),
      SubnetUsage(
        name: "v6-net", cidrBlock: "fd00:10::/64", provider: "ovn", vpc: "ovn-cluster", protocol: "IPv6",
        v4: nil, v6: family(cap: UInt128(1) << 64, distinct: 2, reported: 2, available: nil), flags: [],
        terminating: false, orphanCount: 0),
    ]
    let orphans = [
      orphan("eip-gw4747-a", subnet: "net-4747", address: "10.47.47.20", reason: .natGatewayMissing,
             evidence: "VpcNatGateway gw4747 not found"),
      orphan("web-7.default", subnet: "net-4747", address: "10.47.47.21", reason: .podMissing,
             evidence: "Pod default/web-7 not found"),
      orphan("db-3.data", subnet: "net-4747", address: "10.47.47.22", reason: .statefulsetScaledDown,
             evidence: "StatefulSet data/db has 3 replicas; ordinal 3"),
      orphan("old-job.batch", subnet: "ovn-default", address: "10.16.0.99", reason: .podMissing,
             evidence: "Pod batch/old-job not found"),
    ]
    let holdings: [String: [Holding]] = [
      "net-4747": [
        Holding(address: "10.47.47.10", holder: Holder(kind: .ip, name: "web-0.default")),
        Holding(address: "10.47.47.10", holder: Holder(kind: .iptablesEIP, name: "eip-a")),
        Holding(address: "10.47.47.11", holder: Holder(kind: .ip, name: "web-1.default")),
      ]
    ]
    return Report(
      generatedAt: t0, source: "kubectl:kind-ovn", subnets: subnets,
      overlaps: [Overlap(subnet: "net-4747", address: "10.47.47.10",
                         holders: [Holder(kind: .ip, name: "web-0.default"), Holder(kind: .iptablesEIP, name: "eip-a")])],
      orphans: orphans,
      exempt: [Exemption(name: "web-2.default", subnet: "net-4747", addresses: ["10.47.47.12"],
                         reason: .statefulsetMember, evidence: "StatefulSet default/web wants ordinal 2")],
      ownedCount: 51, holdings: holdings)
  }()

  /// eip-gw4747-a and db-3.data confirmed, the rest candidates.
  public static let statuses: [String: OrphanStatus] = [
    "eip-gw4747-a": OrphanStatus(firstSeen: t0 - 600, refreshesSeen: 9, stage: .confirmed),
    "db-3.data": OrphanStatus(firstSeen: t0 - 300, refreshesSeen: 5, stage: .confirmed),
    "web-7.default": OrphanStatus(firstSeen: t0 - 20, refreshesSeen: 1, stage: .candidate),
    "old-job.batch": OrphanStatus(firstSeen: t0 - 30, refreshesSeen: 2, stage: .candidate),
  ]
}
