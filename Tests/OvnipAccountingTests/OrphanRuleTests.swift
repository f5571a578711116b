import Foundation
import OvnipModel
import Testing

@testable import OvnipAccounting

/// One rule per case: the verdict on the IP CR named `ip` in a small world.
struct OrphanRuleTests {
  typealias F = Fixture

  /// Subnets every case starts from.
  static func base() -> World {
    World([
      .subnets: [
        F.subnet("ovn-default", cidr: "10.16.0.0/16"), F.subnet("net1", cidr: "10.0.1.0/24"),
        F.subnet("join", cidr: "100.64.0.0/16"),
        F.subnet("ovn-vpc-external-network", cidr: "192.168.0.0/24", provider: "ovn-vpc-external-network.kube-system"),
      ],
      .nodes: [F.node("worker-1")],
    ])
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var label: String
    var ip: String
    /// "owned", "exempt:<reason>" or "orphan:<reason>,<reason>".
    var expected: String
    var evidence: String = ""
    var checks: [OwnerCheck]? = nil
    var world: @Sendable () -> World
    var testDescription: String { label }
  }

  static let ext = "ovn-vpc-external-network.kube-system"

  static let cases: [Case] = [
    Case(label: "pod-missing", ip: "job-x.apps", expected: "orphan:pod-missing", evidence: "Pod apps/job-x not found",
         checks: [OwnerCheck(kind: .pod, namespace: "apps", name: "job-x")]) {
      base().with(.ips, [F.ip("job-x", ns: "apps", subnet: "ovn-default", v4: "10.16.0.8")])
    },
    Case(label: "pod present: owned", ip: "api.apps", expected: "owned") {
      base().with(.ips, [F.ip("api", ns: "apps", subnet: "ovn-default", v4: "10.16.0.8")]).with(.pods, [F.pod("api", ns: "apps")])
    },
    Case(label: "subnet-missing comes first", ip: "job-x.apps", expected: "orphan:subnet-missing,pod-missing",
         evidence: "Subnet net9 not found; Pod apps/job-x not found") {
      base().with(.ips, [F.ip("job-x", ns: "apps", subnet: "net9", v4: "10.9.0.8")])
    },
    Case(label: "subnet missing but the pod lives: owned", ip: "api.apps", expected: "owned") {
      base().with(.ips, [F.ip("api", ns: "apps", subnet: "net9", v4: "10.9.0.8")]).with(.pods, [F.pod("api", ns: "apps")])
    },
    Case(label: "statefulset-missing", ip: "db-0.apps", expected: "orphan:statefulset-missing",
         evidence: "StatefulSet apps/db not found; Pod apps/db-0 not found",
         checks: [OwnerCheck(kind: .statefulSet, namespace: "apps", name: "db"), OwnerCheck(kind: .pod, namespace: "apps", name: "db-0")]) {
      base().with(.ips, [F.ip("db-0", ns: "apps", subnet: "ovn-default", v4: "10.16.0.9", podType: "StatefulSet")])
    },
    Case(label: "statefulset-scaled-down", ip: "db-3.apps", expected: "orphan:statefulset-scaled-down",
         checks: [OwnerCheck(kind: .statefulSet, namespace: "apps", name: "db", expectation: .statefulSetBelowOrdinal, detail: "3"),
                  OwnerCheck(kind: .pod, namespace: "apps", name: "db-3")]) {
      base().with(.ips, [F.ip("db-3", ns: "apps", subnet: "ovn-default", v4: "10.16.0.9", podType: "StatefulSet")])
        .with(.statefulSets, [F.sts("db", ns: "apps", replicas: 2)])
    },
    Case(label: "statefulset-member (pod restarting)", ip: "db-1.apps", expected: "exempt:statefulset-member") {
      base().with(.ips, [F.ip("db-1", ns: "apps", subnet: "ovn-default", v4: "10.16.0.9", podType: "StatefulSet")])
        .with(.statefulSets, [F.sts("db", ns: "apps", replicas: 2)])
    },
    Case(label: "ordinals.start shifts the member range", ip: "db-6.apps", expected: "exempt:statefulset-member") {
      base().with(.ips, [F.ip("db-6", ns: "apps", subnet: "ovn-default", v4: "10.16.0.9", podType: "StatefulSet")])
        .with(.statefulSets, [F.sts("db", ns: "apps", replicas: 2, start: 5)])
    },
    Case(label: "ordinal past start+replicas", ip: "db-7.apps", expected: "orphan:statefulset-scaled-down") {
      base().with(.ips, [F.ip("db-7", ns: "apps", subnet: "ovn-default", v4: "10.16.0.9", podType: "StatefulSet")])
        .with(.statefulSets, [F.sts("db", ns: "apps", replicas: 2, start: 5)])
    },
    Case(label: "vm-missing", ip: "vm1.apps", expected: "orphan:vm-missing", evidence: "VirtualMachine apps/vm1 not found",
         checks: [OwnerCheck(kind: .virtualMachine, namespace: "apps", name: "vm1")]) {
      base().with(.ips, [F.ip("vm1", ns: "apps", subnet: "ovn-default", v4: "10.16.0.20", podType: "VirtualMachine")])
    },
    Case(label: "kubevirt not served: vm-missing", ip: "vm1.apps", expected: "orphan:vm-missing", evidence: "not served") {
      var w = base().with(.ips, [F.ip("vm1", ns: "apps", subnet: "ovn-default", v4: "10.16.0.20", podType: "VirtualMachine")])
      w.notServed = [.virtualMachines]
      return w
    },
    Case(label: "kubevirt forbidden: owner-unknown", ip: "vm1.apps", expected: "exempt:owner-unknown", evidence: "forbidden") {
      var w = base().with(.ips, [F.ip("vm1", ns: "apps", subnet: "ovn-default", v4: "10.16.0.20", podType: "VirtualMachine")])
      w.unknown = [.virtualMachines: "Forbidden: virtualmachines.kubevirt.io is forbidden"]
      return w
    },
    Case(label: "vm-present (stopped VM)", ip: "vm1.apps", expected: "exempt:vm-present") {
      base().with(.ips, [F.ip("vm1", ns: "apps", subnet: "ovn-default", v4: "10.16.0.20", podType: "VirtualMachine")])
        .with(.virtualMachines, [F.vm("vm1", ns: "apps")])
    },
    Case(label: "VM launcher pod running: owned", ip: "vm1.apps", expected: "owned") {
      base().with(.ips, [F.ip("vm1", ns: "apps", subnet: "ovn-default", v4: "10.16.0.20", podType: "VirtualMachine")])
        .with(.virtualMachines, [F.vm("vm1", ns: "apps")])
        .with(.pods, [F.pod("virt-launcher-vm1-x7k2p", ns: "apps", annotations: ["ovn.kubernetes.io/virtualmachine": "vm1"])])
    },
    Case(label: "node-missing", ip: "node-worker-9", expected: "orphan:node-missing", evidence: "Node worker-9 not found",
         checks: [OwnerCheck(kind: .node, name: "worker-9")]) {
      base().with(.ips, [F.ip("worker-9", ns: "", subnet: "join", v4: "100.64.0.9", name: "node-worker-9")])
    },
    Case(label: "node present: owned", ip: "node-worker-1", expected: "owned") {
      base().with(.ips, [F.ip("worker-1", ns: "", subnet: "join", v4: "100.64.0.2", name: "node-worker-1")])
    },
    Case(label: "nic-detached (#4931)", ip: "vpc-nat-gw-gw1-0.kube-system.\(ext)", expected: "orphan:nic-detached",
         evidence: "provider \(ext) is not among its attachments",
         checks: [OwnerCheck(kind: .pod, namespace: "kube-system", name: "vpc-nat-gw-gw1-0", expectation: .podWithoutProvider, detail: ext)]) {
      base().with(.ips, [F.ip("vpc-nat-gw-gw1-0", ns: "kube-system", subnet: "ovn-vpc-external-network", v4: "192.168.0.11", provider: ext, podType: "StatefulSet")])
        .with(.pods, [F.pod("vpc-nat-gw-gw1-0", ns: "kube-system", networks: "kube-system/new-external-network")])
        .with(.vpcNatGateways, [F.natGateway("gw1")]).with(.statefulSets, [F.sts("vpc-nat-gw-gw1", ns: "kube-system", replicas: 1)])
    },
    Case(label: "NIC still attached: owned", ip: "vpc-nat-gw-gw1-0.kube-system.\(ext)", expected: "owned") {
      base().with(.ips, [F.ip("vpc-nat-gw-gw1-0", ns: "kube-system", subnet: "ovn-vpc-external-network", v4: "192.168.0.11", provider: ext, podType: "StatefulSet")])
        .with(.pods, [F.pod("vpc-nat-gw-gw1-0", ns: "kube-system", networks: "kube-system/ovn-vpc-external-network")])
    },
    Case(label: "nat-gateway-missing (#5688)", ip: "vpc-nat-gw-gw2-0.kube-system", expected: "orphan:nat-gateway-missing,statefulset-missing",
         evidence: "VpcNatGateway gw2 not found; StatefulSet kube-system/vpc-nat-gw-gw2 not found; Pod kube-system/vpc-nat-gw-gw2-0 not found") {
      base().with(.ips, [F.ip("vpc-nat-gw-gw2-0", ns: "kube-system", subnet: "net1", v4: "10.0.1.253", podType: "StatefulSet")])
    },
    Case(label: "natGwNamePrefix from the ConfigMap", ip: "ngw-gw7-0.kube-system", expected: "orphan:nat-gateway-missing,statefulset-missing",
         evidence: "VpcNatGateway gw7 not found") {
      base().with(.ips, [F.ip("ngw-gw7-0", ns: "kube-system", subnet: "net1", v4: "10.0.1.250", podType: "StatefulSet")])
        .with(.configMaps, [F.configMap("ovn-vpc-nat-config", ns: "kube-system", data: ["natGwNamePrefix": "ngw"])])
    },
    Case(label: "default prefix does not match a custom one", ip: "vpc-nat-gw-gw7-0.kube-system", expected: "orphan:statefulset-missing") {
      base().with(.ips, [F.ip("vpc-nat-gw-gw7-0", ns: "kube-system", subnet: "net1", v4: "10.0.1.250", podType: "StatefulSet")])
        .with(.configMaps, [F.configMap("ovn-vpc-nat-config", ns: "kube-system", data: ["natGwNamePrefix": "ngw"])])
    },
    Case(label: "gateway exists, pod being recreated", ip: "vpc-nat-gw-gw1-0.kube-system", expected: "exempt:statefulset-member") {
      base().with(.ips, [F.ip("vpc-nat-gw-gw1-0", ns: "kube-system", subnet: "net1", v4: "10.0.1.254", podType: "StatefulSet")])
        .with(.vpcNatGateways, [F.natGateway("gw1")])
    },
    Case(label: "gateway list forbidden: owner-unknown", ip: "vpc-nat-gw-gw2-0.kube-system", expected: "exempt:owner-unknown") {
      var w = base().with(.ips, [F.ip("vpc-nat-gw-gw2-0", ns: "kube-system", subnet: "net1", v4: "10.0.1.253", podType: "StatefulSet")])
      w.unknown = [.vpcNatGateways: "Forbidden"]
      return w
    },
    Case(label: "reserved, even with its subnet gone", ip: "static.apps", expected: "exempt:reserved") {
      base().with(.ips, [F.ip("static", ns: "apps", subnet: "net9", v4: "10.9.0.7", reserved: true)])
    },
    Case(label: "pod-terminating", ip: "api.apps", expected: "exempt:pod-terminating") {
      base().with(.ips, [F.ip("api", ns: "apps", subnet: "ovn-default", v4: "10.16.0.8")]).with(.pods, [F.pod("api", ns: "apps", deleting: true)])
    },
    Case(label: "special-ip: u2o with its subnet", ip: "u2o-interconnection.vpc1.net1", expected: "exempt:special-ip") {
      base().with(.ips, [F.ip("u2o-interconnection.vpc1.net1", ns: "default", subnet: "net1", v4: "10.0.1.2", name: "u2o-interconnection.vpc1.net1")])
    },
    Case(label: "mcast-querier without its subnet", ip: "mcast-querier.net9", expected: "orphan:subnet-missing",
         checks: [OwnerCheck(kind: .subnet, name: "net9")]) {
      base().with(.ips, [F.ip("mcast-querier.net9", ns: "default", subnet: "net9", v4: "10.9.0.2", name: "mcast-querier.net9")])
    },
    Case(label: "pods not readable: owner-unknown", ip: "job-x.apps", expected: "exempt:owner-unknown", evidence: "Pod list could not be read") {
      var w = base().with(.ips, [F.ip("job-x", ns: "apps", subnet: "ovn-default", v4: "10.16.0.8")])
      w.unknown = [.pods: "not collected"]
      return w
    },
    Case(label: "statefulsets not readable: owner-unknown", ip: "db-0.apps", expected: "exempt:owner-unknown") {
      var w = base().with(.ips, [F.ip("db-0", ns: "apps", subnet: "ovn-default", v4: "10.16.0.9", podType: "StatefulSet")])
      w.unknown = [.statefulSets: "timeout"]
      return w
    },
    Case(label: "nodes not readable: owner-unknown", ip: "node-worker-9", expected: "exempt:owner-unknown") {
      var w = base().with(.ips, [F.ip("worker-9", ns: "", subnet: "join", v4: "100.64.0.9", name: "node-worker-9")])
      w.unknown = [.nodes: "Forbidden"]
      return w
    },
    Case(label: "empty spec.subnet: no Subnet check", ip: "job-x.apps", expected: "orphan:subnet-missing,pod-missing",
         evidence: "spec.subnet is empty; Pod apps/job-x not found", checks: [OwnerCheck(kind: .pod, namespace: "apps", name: "job-x")]) {
      base().with(.ips, [F.ip("job-x", ns: "apps", subnet: "", v4: "10.16.0.8", name: "job-x.apps")])
    },
    Case(label: "no podName: owner-unknown", ip: "weird.apps", expected: "exempt:owner-unknown") {
      base().with(.ips, [F.ip("", ns: "apps", subnet: "ovn-default", v4: "10.16.0.31", name: "weird.apps")])
    },
    Case(label: "unknown podType: owner-unknown", ip: "x.apps", expected: "exempt:owner-unknown") {
      base().with(.ips, [F.ip("x", ns: "apps", subnet: "ovn-default", v4: "10.16.0.30", podType: "Deployment")])
    },
  ]

  @Test(arguments: cases)
  func verdict(_ c: Case) throws {
    let report = c.world().report()
    let orphan = report.orphans.first { $0.name == c.ip }
    let exempt = report.exempt.first { $0.name == c.ip }
    let got: String
    if let orphan {
      got = "orphan:" + orphan.reasons.map(\.rawValue).joined(separator: ",")
      #expect(c.evidence.isEmpty || orphan.evidence.contains(c.evidence), "\(orphan.evidence)")
      if let checks = c.checks { #expect(orphan.checks == checks) }
      #expect(orphan.checks.count >= 1)
    } else if let exempt {
      got = "exempt:" + exempt.reason.rawValue
      #expect(c.evidence.isEmpty || exempt.evidence.contains(c.evidence), "\(exempt.evidence)")
    } else {
      got = "owned"
    }
    #expect(got == c.expected)
    #expect(report.orphans.count + report.exempt.count + report.ownedCount == 1)
  }
}
