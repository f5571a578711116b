import Foundation
import OvnipModel

/// Accumulates a generated cluster: objects per resource, address allocation per subnet, and the
/// expected findings. `finish()` fills every Subnet's status the controller's way.
struct ClusterBuilder {
  var f: ObjectFactory
  var objects: [ResourceKind: [JSONValue]] = [:]
  var expected = ExpectedFindings()
  /// Subnet name → CIDR and next free host offset.
  var pools: [String: (cidr: IPv4CIDR, next: UInt64)] = [:]
  /// Subnet name → CIDR, kept also for deleted subnets (their leaked IP CRs still need addresses).
  var ghostPools: [String: (cidr: IPv4CIDR, next: UInt64)] = [:]

  init(seed: UInt64, now: Date) { f = ObjectFactory(seed: seed, now: now) }

  mutating func add(_ kind: ResourceKind, _ object: JSONValue) { objects[kind, default: []].append(object) }

  /// Adds a subnet; `firstFree` is the first host offset the allocator hands out.
  mutating func subnet(
    _ name: String, cidr: String, excludeIps: [String]? = nil, firstFree: UInt64 = 2,
    provider: String = "ovn", vpc: String = "ovn-cluster", isDefault: Bool = false,
    u2o: Bool = false, present: Bool = true
  ) {
    let block = IPv4CIDR(cidr)!
    let gateway = block.address(1)
    if present {
      add(
        .subnets,
        f.subnet(
          name: name, cidr: cidr, gateway: gateway, excludeIps: excludeIps ?? [gateway],
          provider: provider, vpc: vpc, isDefault: isDefault, u2oInterconnection: u2o))
      pools[name] = (block, firstFree)
    } else {
      ghostPools[name] = (block, firstFree)
    }
  }

  /// `a.b.c.d/n` of a subnet (present or deleted).
  func cidrText(_ subnet: String) -> String {
    (pools[subnet]?.cidr ?? ghostPools[subnet]?.cidr)?.text ?? ""
  }

  /// Next free address of a subnet (present or deleted).
  mutating func allocate(_ subnet: String) -> String {
    if var p = pools[subnet] {
      defer { p.next += 1; pools[subnet] = p }
      return p.cidr.address(p.next)
    }
    var g = ghostPools[subnet]!
    defer { g.next += 1; ghostPools[subnet] = g }
    return g.cidr.address(g.next)
  }

  /// A running (or pending/terminating) pod with its primary IP CR `<pod>.<ns>`.
  @discardableResult
  mutating func podWithIP(
    _ name: String, ns: String = "default", subnet: String = "ovn-default", node: String = "worker-1",
    phase: String = "Running", sts: String? = nil, terminating: Bool = false,
    annotations: [String: String] = [:]
  ) -> String {
    let address = allocate(subnet)
    let mac = f.rng.mac()
    add(
      .pods,
      f.pod(
        name: name, namespace: ns, node: phase == "Pending" ? "" : node, subnet: subnet,
        address: address, mac: mac, phase: phase, ownerSts: sts, terminating: terminating,
        extraAnnotations: annotations, cidr: cidrText(subnet)))
    add(
      .ips,
      f.ip(
        name: "\(name).\(ns)", podName: name, namespace: ns, subnet: subnet, address: address,
        node: node, podType: sts == nil ? "" : "StatefulSet", mac: mac))
    return address
  }

  /// An IP CR without creating its owner.
  @discardableResult
  mutating func bareIP(
    _ name: String, podName: String, ns: String, subnet: String, node: String = "worker-2",
    podType: String = "", mac: String? = nil, reserved: Bool = false, address: String? = nil
  ) -> String {
    let a = address ?? allocate(subnet)
    add(
      .ips,
      f.ip(
        name: name, podName: podName, namespace: ns, subnet: subnet, address: a, node: node,
        podType: podType, mac: mac, reserved: reserved))
    return a
  }

  /// A VPC NAT gateway with its StatefulSet, pod and both IP CRs (LAN + external NIC).
  /// `present: false` leaves out the gateway, sts and pod (the IP CRs leak).
  /// Returns the external address.
  @discardableResult
  mutating func natGateway(_ gw: String, vpc: String, lanSubnet: String, present: Bool = true) -> String {
    let podName = "vpc-nat-gw-\(gw)-0"
    let lan = allocate(lanSubnet)
    let ext = allocate(ObjectFactory.externalSubnet)
    let lanMac = f.rng.mac()
    if present {
      add(.vpcNatGateways, f.natGateway(name: gw, vpc: vpc, subnet: lanSubnet, lanIp: lan))
      add(.statefulSets, f.statefulSet(name: "vpc-nat-gw-\(gw)", namespace: "kube-system", replicas: 1))
      add(
        .pods,
        f.pod(
          name: podName, namespace: "kube-system", node: "worker-1", subnet: lanSubnet, address: lan,
          mac: lanMac, ownerSts: "vpc-nat-gw-\(gw)",
          extraAnnotations: [
            "k8s.v1.cni.cncf.io/networks": "kube-system/ovn-vpc-external-network",
            "ovn.kubernetes.io/vpc_nat_gw": gw,
            "ovn-vpc-external-network.kube-system.kubernetes.io/allocated": "true",
            "ovn-vpc-external-network.kube-system.kubernetes.io/ip_address": ext,
          ], cidr: cidrText(lanSubnet)))
    }
    bareIP(
      "\(podName).kube-system", podName: podName, ns: "kube-system", subnet: lanSubnet, node: "worker-1",
      podType: "StatefulSet", mac: lanMac, address: lan)
    bareIP(
      "\(podName).kube-system.\(ObjectFactory.externalProvider)", podName: podName, ns: "kube-system",
      subnet: ObjectFactory.externalSubnet, node: "worker-1", podType: "StatefulSet", mac: "",
      address: ext)
    return ext
  }

  mutating func node(_ name: String) {
    let address = allocate("join")
    add(.nodes, f.node(name: name, address: address))
    bareIP("node-\(name)", podName: name, ns: "", subnet: "join", node: name, address: address)
  }

  /// Fills every subnet's status counters and range strings and returns the scenario.
  mutating func finish(name: String, seed: UInt64, served: Set<ResourceKind>, churn: ChurnTimeline? = nil)
    -> Scenario
  {
    objects[.subnets] = SubnetStatus.fill(
      subnets: objects[.subnets] ?? [], ips: objects[.ips] ?? [], eips: objects[.iptablesEIPs] ?? [],
      ovnEips: objects[.ovnEips] ?? [], vips: objects[.vips] ?? [])
    objects = objects.filter { served.contains($0.key) }
    return Scenario(
      name: name, seed: seed, objects: objects, served: served, expected: expected, churn: churn)
  }
}
