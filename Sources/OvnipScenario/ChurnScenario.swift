import Foundation
import OvnipModel

/// The demo: the `leaks` cluster plus a timeline that keeps creating NAT gateways and deleting
/// them after their subnet, so leaked IP CRs appear live.
///
/// Gateway `k` lives over ticks `4k … 4k+3`: created (subnet, gateway, sts, pod, two IP CRs),
/// left running, its subnet deleted, then the gateway, sts and pod deleted — its two IP CRs leak
/// (`subnet-missing`, `nat-gateway-missing`). When gateway `k` is created, the leaked IP CRs of
/// gateway `k − 3` are removed first (an operator cleaned them up) and `k` reuses their external
/// address, so the cluster stays bounded.
///
/// The external subnet is the `leaks` /27, filled except for the three hosts the gateways take
/// turns on (`externalAddress`). The scenario's objects are the cluster after ticks
/// `0 ..< preAppliedTicks` (gateways 0 and 1 leaked, gateway 2 running): three gateways hold
/// external addresses from the start and at every tick after, so with the re-used leaked address
/// counted twice (#4747) the controller's `v4usingIPs` stays one over capacity. Timeline tick `t`
/// applies `step(tick: t + preAppliedTicks)`.
public enum ChurnScenario {
  public static let ticksPerGateway = 4
  /// Lifecycle ticks already applied to the scenario's objects (the steady state: 3 gateways).
  public static let preAppliedTicks = 2 * ticksPerGateway + 1

  public static func make(_ o: ScenarioOptions) -> Scenario {
    var b = ClusterBuilder(seed: o.seed, now: o.now)
    LeaksLayout.build(&b, overflowExternal: true, keepExternalFree: 3)
    let seed = o.seed
    let now = o.now
    let interval = o.churnInterval
    let external = ExternalStatus(b.objects)
    for tick in 0..<preAppliedTicks {
      let at = now.addingTimeInterval(Double(tick - preAppliedTicks) * interval)
      apply(step(tick: tick, seed: seed, now: at), to: &b.objects)
    }
    let last = preAppliedTicks - 1
    // Leaked: whole life lived (deleted at 4k+3), not yet cleaned up (at 4(k+3)).
    for k in 0...(last / ticksPerGateway)
    where ticksPerGateway * k + 3 <= last && ticksPerGateway * (k + 3) > last {
      let names = ipNames(gateway: k)
      b.expected.orphans[names[0]] = "subnet-missing"
      b.expected.orphans[names[1]] = "nat-gateway-missing"
    }
    b.expected.plantedModes.append("churn-nat-gateways")
    let churn = ChurnTimeline(tickInterval: interval) { t in
      let tick = t + preAppliedTicks
      let at = now.addingTimeInterval(Double(t) * interval)
      var m = step(tick: tick, seed: seed, now: at)
      // The controller re-counts the external subnet when its IP CRs come and go.
      if tick % ticksPerGateway == 0 {
        m.append(.upsert(.subnets, external.subnet(atTick: tick, seed: seed, now: at)))
      }
      return m
    }
    return b.finish(name: "churn", seed: o.seed, served: ScenarioGenerator.allServed, churn: churn)
  }

  /// Applies `mutations` to `objects` the way the stand-in does (upsert by namespace/name).
  static func apply(_ mutations: [ScenarioMutation], to objects: inout [ResourceKind: [JSONValue]]) {
    for m in mutations {
      switch m {
      case .upsert(let kind, let o):
        var list = objects[kind] ?? []
        if let i = list.firstIndex(where: { $0.namespace == o.namespace && $0.name == o.name }) {
          list[i] = o
        } else {
          list.append(o)
        }
        objects[kind] = list
      case .delete(let kind, let namespace, let name):
        objects[kind]?.removeAll { $0.namespace == namespace && $0.name == name }
      }
    }
  }

  /// Gateways whose IP CRs exist after lifecycle tick `t` (not timeline tick): created at 4k,
  /// cleaned up at 4(k+3).
  public static func liveGateways(atTick t: Int) -> ClosedRange<Int>? {
    guard t >= 0 else { return nil }
    let newest = t / ticksPerGateway
    return max(0, newest - 2)...newest
  }

  /// The external subnet's holders in the base cluster, to re-count its status per tick.
  struct ExternalStatus: Sendable {
    let subnet: JSONValue
    let ips: [JSONValue]
    let eips: [JSONValue]

    /// From the objects before any gateway of the timeline exists.
    init(_ objects: [ResourceKind: [JSONValue]]) {
      let name = ObjectFactory.externalSubnet
      subnet = objects[.subnets]?.first { $0.name == name } ?? [:]
      ips = (objects[.ips] ?? []).filter { $0.value(at: ["spec", "subnet"])?.stringValue == name }
      eips = objects[.iptablesEIPs] ?? []
    }

    func subnet(atTick tick: Int, seed: UInt64, now: Date) -> JSONValue {
      var all = ips
      for k in liveGateways(atTick: tick) ?? 0...(-1) {
        var f = ObjectFactory(seed: seed &+ UInt64(k), now: now)
        all.append(
          f.ip(
            name: ipNames(gateway: k)[1], podName: "vpc-nat-gw-gw-churn-\(k)-0", namespace: "kube-system",
            subnet: ObjectFactory.externalSubnet, address: externalAddress(gateway: k), node: "worker-1",
            podType: "StatefulSet", mac: ""))
      }
      return SubnetStatus.fill(subnets: [subnet], ips: all, eips: eips, ovnEips: [], vips: [])[0]
    }
  }

  /// The external-NIC address of churn gateway `k`: one of the last three hosts of the /27
  /// (gateways `k − 2 … k` are the only ones holding one at a time).
  public static func externalAddress(gateway k: Int) -> String { "192.168.0.\(28 + k % 3)" }

  /// Names of gateway `k`'s two IP CRs (LAN, external).
  public static func ipNames(gateway k: Int) -> [String] {
    let pod = "vpc-nat-gw-gw-churn-\(k)-0"
    return ["\(pod).kube-system", "\(pod).kube-system.\(ObjectFactory.externalProvider)"]
  }

  /// The mutations of one tick. Pure.
  public static func step(tick: Int, seed: UInt64, now: Date) -> [ScenarioMutation] {
    guard tick >= 0 else { return [] }
    let k = tick / ticksPerGateway
    let gw = "gw-churn-\(k)"
    let subnet = "churn-net-\(k)"
    let sts = "vpc-nat-gw-\(gw)"
    let pod = "\(sts)-0"
    switch tick % ticksPerGateway {
    case 0:
      var f = ObjectFactory(seed: seed &+ UInt64(k) &* 0x9E37_79B9, now: now)
      let lan = "10.201.\(k % 250).254"
      let ext = externalAddress(gateway: k)
      let lanMac = f.rng.mac()
      var net = f.subnet(
        name: subnet, cidr: "10.201.\(k % 250).0/24", gateway: "10.201.\(k % 250).1",
        excludeIps: ["10.201.\(k % 250).1"], vpc: "vpc-churn-\(k)")
      let lanIP = f.ip(
        name: ipNames(gateway: k)[0], podName: pod, namespace: "kube-system", subnet: subnet, address: lan,
        node: "worker-1", podType: "StatefulSet", mac: lanMac, age: 0)
      let extIP = f.ip(
        name: ipNames(gateway: k)[1], podName: pod, namespace: "kube-system",
        subnet: ObjectFactory.externalSubnet, address: ext, node: "worker-1", podType: "StatefulSet",
        mac: "", age: 0)
      net = SubnetStatus.fill(subnets: [net], ips: [lanIP], eips: [], ovnEips: [], vips: [])[0]
      var out: [ScenarioMutation] = []
      if k >= 3 {
        for name in ipNames(gateway: k - 3) { out.append(.delete(.ips, namespace: "", name: name)) }
      }
      out += [
        .upsert(.subnets, net),
        .upsert(.vpcNatGateways, f.natGateway(name: gw, vpc: "vpc-churn-\(k)", subnet: subnet, lanIp: lan)),
        .upsert(.statefulSets, f.statefulSet(name: sts, namespace: "kube-system", replicas: 1)),
        .upsert(
          .pods,
          f.pod(
            name: pod, namespace: "kube-system", node: "worker-1", subnet: subnet, address: lan,
            mac: lanMac, ownerSts: sts, extraAnnotations: [
              "k8s.v1.cni.cncf.io/networks": "kube-system/ovn-vpc-external-network",
              "ovn.kubernetes.io/vpc_nat_gw": gw,
            ], age: 0)),
        .upsert(.ips, lanIP), .upsert(.ips, extIP),
      ]
      return out
    case 2:
      return [.delete(.subnets, namespace: "", name: subnet)]
    case 3:
      return [
        .delete(.vpcNatGateways, namespace: "", name: gw),
        .delete(.statefulSets, namespace: "kube-system", name: sts),
        .delete(.pods, namespace: "kube-system", name: pod),
      ]
    default:
      return []
    }
  }
}
