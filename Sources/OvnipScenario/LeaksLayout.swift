import Foundation
import OvnipModel

/// The layout of the small scenarios: a realistic base cluster, the legitimate look-alikes,
/// and every planted failure mode (kube-ovn-domain.md §1, §5.3, §9).
enum LeaksLayout {
  static let ext = ObjectFactory.externalSubnet

  /// Nodes, subnets, running pods, a StatefulSet, a VM, NAT gateway gw1 with EIPs and rules,
  /// a free Vip and an OvnEip. Everything owned.
  static func base(_ b: inout ClusterBuilder, externalCIDR: String) {
    b.subnet("ovn-default", cidr: "10.16.0.0/16", isDefault: true)
    b.subnet("join", cidr: "100.64.0.0/16")
    b.subnet(
      ext, cidr: externalCIDR, excludeIps: [excludeRange(externalCIDR)], firstFree: 11,
      provider: ObjectFactory.externalProvider)
    b.subnet("net1", cidr: "10.0.1.0/24", vpc: "vpc1", u2o: true)
    b.subnet("macvlan-b", cidr: "172.31.0.0/24", provider: "macvlan-b.default")
    b.subnet("underlay-ext", cidr: "172.20.4.0/24", excludeIps: ["172.20.4.1..172.20.4.9"], firstFree: 10)
    for n in ["worker-1", "worker-2", "worker-3"] { b.node(n) }
    b.add(
      .configMaps,
      b.f.configMap(
        name: "ovn-vpc-nat-config", namespace: "kube-system",
        data: ["image": "docker.io/kubeovn/vpc-nat-gateway:v1.14.10"]))
    b.add(
      .configMaps,
      b.f.configMap(
        name: "ovn-vpc-nat-gw-config", namespace: "kube-system", data: ["enable-vpc-nat-gw": "true"]))
    for (i, suffix) in ["x7k2p", "b9qzl", "m4dtr", "p2w8n"].enumerated() {
      b.podWithIP("web-6d4cf56db6-\(suffix)", node: "worker-\(i % 3 + 1)")
    }
    b.add(.statefulSets, b.f.statefulSet(name: "db", namespace: "default", replicas: 3))
    for i in 0..<3 { b.podWithIP("db-\(i)", sts: "db") }
    // A pod with a macvlan attachment (IPAM-only NIC, no MAC).
    b.podWithIP("web-multus", annotations: ["k8s.v1.cni.cncf.io/networks": "default/macvlan-b"])
    b.bareIP(
      "web-multus.default.macvlan-b.default", podName: "web-multus", ns: "default", subnet: "macvlan-b",
      node: "worker-1", mac: "")
    // A running KubeVirt VM: the IP CR is named after the VM.
    b.add(.virtualMachines, b.f.virtualMachine(name: "vm-running", namespace: "default", running: true))
    let vmAddr = b.allocate("ovn-default")
    let vmMac = b.f.rng.mac()
    b.add(
      .pods,
      b.f.pod(
        name: "virt-launcher-vm-running-h5v9c", namespace: "default", node: "worker-2",
        subnet: "ovn-default", address: vmAddr, mac: vmMac,
        extraAnnotations: ["ovn.kubernetes.io/virtualmachine": "vm-running"]))
    b.bareIP(
      "vm-running.default", podName: "vm-running", ns: "default", subnet: "ovn-default",
      podType: "VirtualMachine", mac: vmMac, address: vmAddr)
    // NAT gateway gw1 with three EIPs, each used by one rule kind.
    b.natGateway("gw1", vpc: "vpc1", lanSubnet: "net1")
    let targets = ["10.0.1.20", "10.0.1.0/24", "10.0.1.21"]
    for (i, (kind, nat)) in [
      (ResourceKind.iptablesFIPRules, "fip"), (.iptablesSnatRules, "snat"), (.iptablesDnatRules, "dnat"),
    ].enumerated() {
      let a = b.allocate(ext)
      b.add(.iptablesEIPs, b.f.iptablesEIP(name: "eip-\(nat)01", address: a, natGw: "gw1", nat: nat))
      b.add(
        kind,
        b.f.natRule(
          kind, name: "\(nat)01", eip: "eip-\(nat)01", eipAddress: a, natGw: "gw1", target: targets[i]))
    }
    b.add(.vips, b.f.vip(name: "vip-free", namespace: "default", subnet: "ovn-default", address: b.allocate("ovn-default")))
    b.add(.ovnEips, b.f.ovnEip(name: "oeip-snat01", subnet: "underlay-ext", address: b.allocate("underlay-ext")))
  }

  /// `a.b.c.1..a.b.c.10` for the external subnet.
  static func excludeRange(_ cidr: String) -> String {
    let c = IPv4CIDR(cidr)!
    return "\(c.address(1))..\(c.address(10))"
  }

  /// IP CRs without a running pod that are nevertheless not leaks.
  static func lookAlikes(_ b: inout ClusterBuilder) {
    // StatefulSet pod restarting: sts exists, ordinal in range, pod absent.
    b.add(.statefulSets, b.f.statefulSet(name: "queue", namespace: "default", replicas: 2))
    b.podWithIP("queue-0", sts: "queue")
    b.bareIP("queue-1.default", podName: "queue-1", ns: "default", subnet: "ovn-default", podType: "StatefulSet")
    b.expected.exempt["queue-1.default"] = "statefulset-member"
    // Stopped VM: VM exists, no launcher pod.
    b.add(.virtualMachines, b.f.virtualMachine(name: "vm-stopped", namespace: "default", running: false))
    b.bareIP("vm-stopped.default", podName: "vm-stopped", ns: "default", subnet: "ovn-default", podType: "VirtualMachine")
    b.expected.exempt["vm-stopped.default"] = "vm-present"
    // Reserved (user-created static) IP.
    b.bareIP("static-reserved-1", podName: "static-1", ns: "default", subnet: "ovn-default", node: "", reserved: true)
    b.expected.exempt["static-reserved-1"] = "reserved"
    // u2o interconnection and multicast querier IPs (not pods).
    for name in ["u2o-interconnection.vpc1.net1", "mcast-querier.net1"] {
      b.bareIP(name, podName: name, ns: "default", subnet: "net1", node: "")
      b.expected.exempt[name] = "special-ip"
    }
    // Pending pod (scheduled, containers still being created) with its address allocated: owned.
    b.podWithIP("batch-job-8xk2v", phase: "Pending")
    b.expected.owned.append("batch-job-8xk2v.default")
    // Terminating pod: still owned until the controller handles the delete.
    b.podWithIP("web-6d4cf56db6-zz9rt", terminating: true)
    b.expected.exempt["web-6d4cf56db6-zz9rt.default"] = "pod-terminating"
    b.expected.owned += ["node-worker-1", "node-worker-2", "node-worker-3"]
    b.expected.plantedModes += [
      "lookalike-statefulset-restarting", "lookalike-vm-stopped", "lookalike-reserved-ip",
      "lookalike-special-ips", "lookalike-pending-pod", "lookalike-terminating-pod", "lookalike-node-ips",
    ]
  }

  /// Every planted failure mode.
  static func plantLeaks(_ b: inout ClusterBuilder) {
    // NAT gateway deleted after its subnet: both IP CRs leak.
    b.subnet("net-gone", cidr: "10.0.9.0/24", vpc: "vpc9", present: false)
    let goneExt = b.natGateway("gw-gone", vpc: "vpc9", lanSubnet: "net-gone", present: false)
    b.expected.orphans["vpc-nat-gw-gw-gone-0.kube-system"] = "subnet-missing"
    b.expected.orphans["vpc-nat-gw-gw-gone-0.kube-system.\(ObjectFactory.externalProvider)"] =
      "nat-gateway-missing"
    // #5688: gateway IPs leaked with the subnet still present.
    b.subnet("net5688", cidr: "10.0.56.0/24", vpc: "vpc5688")
    b.natGateway("gw-5688", vpc: "vpc5688", lanSubnet: "net5688", present: false)
    b.expected.orphans["vpc-nat-gw-gw-5688-0.kube-system"] = "nat-gateway-missing"
    b.expected.orphans["vpc-nat-gw-gw-5688-0.kube-system.\(ObjectFactory.externalProvider)"] =
      "nat-gateway-missing"
    // An EIP given the leaked external address (#4747): the address is held twice.
    b.add(.iptablesEIPs, b.f.iptablesEIP(name: "eip-reused", address: goneExt, natGw: "gw1", nat: ""))
    b.expected.overlaps.append(ExpectedOverlap(subnet: ext, address: goneExt))
    // #4931: the pod's attachment moved to another provider; the old NIC's IP CR stays.
    b.subnet("macvlan-a", cidr: "172.30.0.0/24", provider: "macvlan-a.default")
    b.bareIP(
      "web-multus.default.macvlan-a.default", podName: "web-multus", ns: "default", subnet: "macvlan-a",
      node: "worker-1", mac: "")
    b.expected.orphans["web-multus.default.macvlan-a.default"] = "nic-detached"
    // StatefulSet scaled down from 3 to 1.
    b.add(.statefulSets, b.f.statefulSet(name: "cache", namespace: "default", replicas: 1))
    b.podWithIP("cache-0", sts: "cache")
    for i in 1...2 {
      b.bareIP("cache-\(i).default", podName: "cache-\(i)", ns: "default", subnet: "ovn-default", podType: "StatefulSet")
      b.expected.orphans["cache-\(i).default"] = "statefulset-scaled-down"
    }
    // StatefulSet deleted.
    b.bareIP("old-sts-0.default", podName: "old-sts-0", ns: "default", subnet: "ovn-default", podType: "StatefulSet")
    b.expected.orphans["old-sts-0.default"] = "statefulset-missing"
    // VM deleted.
    b.bareIP("vm-deleted.default", podName: "vm-deleted", ns: "default", subnet: "ovn-default", podType: "VirtualMachine")
    b.expected.orphans["vm-deleted.default"] = "vm-missing"
    // Node removed.
    b.bareIP("node-worker-gone", podName: "worker-gone", ns: "", subnet: "join", node: "worker-gone")
    b.expected.orphans["node-worker-gone"] = "node-missing"
    // Plain pod deleted while its IP CR stayed. CRD strings are not validated: its nodeName
    // carries terminal control characters, as a hostile or broken writer could leave them.
    b.bareIP(
      "api-5c9d7f8b4-qx2lm.default", podName: "api-5c9d7f8b4-qx2lm", ns: "default", subnet: "ovn-default",
      node: "worker-2\u{1B}[2J\u{1B}]0;owned\u{07}")
    b.expected.orphans["api-5c9d7f8b4-qx2lm.default"] = "pod-missing"
    b.expected.plantedModes += [
      "nat-gateway-deleted-after-subnet", "5688-gateway-ips-leaked", "eip-on-leaked-address",
      "4931-provider-changed", "statefulset-scaled-down", "statefulset-deleted", "vm-deleted",
      "node-removed", "pod-deleted", "hostile-control-characters",
    ]
  }

  /// Fills the external subnet with unused EIPs up to its capacity (less the last `keepFree`
  /// hosts), so that with the re-used address counted twice `v4usingIPs` exceeds capacity once
  /// the kept hosts are held too.
  static func fillExternal(_ b: inout ClusterBuilder, keepFree: UInt64 = 0) {
    guard let pool = b.pools[ext] else { return }
    let lastHost = pool.cidr.size - 2 - keepFree
    var i = 1
    while b.pools[ext]!.next <= lastHost {
      let a = b.allocate(ext)
      b.add(.iptablesEIPs, b.f.iptablesEIP(name: "eip-pool-\(i)", address: a, natGw: "gw1", nat: ""))
      i += 1
    }
    b.expected.overflowingSubnets.append(ext)
    b.expected.plantedModes.append("external-subnet-overflow")
  }

  /// The full `leaks` layout: base, look-alikes, failure modes (and, if asked, the overflow,
  /// with the last `keepExternalFree` external hosts left for someone else to hold).
  static func build(_ b: inout ClusterBuilder, overflowExternal: Bool, keepExternalFree: UInt64 = 0) {
    base(&b, externalCIDR: overflowExternal ? "192.168.0.0/27" : "192.168.0.0/24")
    lookAlikes(&b)
    plantLeaks(&b)
    if overflowExternal { fillExternal(&b, keepFree: keepExternalFree) }
  }
}
