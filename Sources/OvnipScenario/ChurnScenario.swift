import Foundation
import OvnipModel

/// The demo: the `leaks` cluster (external subnet not full) plus a timeline that keeps creating
/// NAT gateways and deleting them after their subnet, so leaked IP CRs appear live.
///
/// Gateway `k` lives over ticks `4k … 4k+3`: created (subnet, gateway, sts, pod, two IP CRs),
/// left running, its subnet deleted, then the gateway, sts and pod deleted — its two IP CRs leak
/// (`subnet-missing`, `nat-gateway-missing`). When gateway `k` is created, the leaked IP CRs of
/// gateway `k − 3` are removed (an operator cleaned them up), so the cluster stays bounded.
public enum ChurnScenario {
  public static let ticksPerGateway = 4

  public static func make(_ o: ScenarioOptions) -> Scenario {
    var b = ClusterBuilder(seed: o.seed, now: o.now)
    LeaksLayout.build(&b, overflowExternal: false)
    let seed = o.seed
    let now = o.now
    let interval = o.churnInterval
    let timeline = ChurnTimeline(tickInterval: interval) { tick in
      step(tick: tick, seed: seed, now: now.addingTimeInterval(Double(tick) * interval))
    }
    return b.finish(
      name: "churn", seed: o.seed, served: ScenarioGenerator.allServed, churn: timeline)
  }

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
      let ext = "192.168.0.\(100 + k % 150)"
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
      var out: [ScenarioMutation] = [
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
      if k >= 3 {
        for name in ipNames(gateway: k - 3) { out.append(.delete(.ips, namespace: "", name: name)) }
      }
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
