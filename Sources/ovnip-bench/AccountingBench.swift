import Foundation
import OvnipAccounting
import OvnipModel

/// Decode and accounting time for a generated cluster of 100k IP CRs and 100k pods
/// (plus 50 subnets, 1,000 IptablesEIPs, 500 StatefulSets, 100 nodes), in Kube-OVN's JSON
/// shapes. 1% of the IP CRs have no pod (orphans), 1% of the EIPs share an IP CR's address.
enum AccountingBench {
  static let ipCount = 100_000
  static let subnetCount = 50

  static func run() async {
    let clock = ContinuousClock()
    let generated = clock.measure { _ = pages() }
    let lists = pages()
    let bytes = lists.values.reduce(0) { $0 + $1.count }
    print("load average: \((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?")")
    print("AccountingBench: \(ipCount) IP CRs, \(ipCount) pods, \(subnetCount) subnets; \(bytes / 1_000_000) MB of List JSON (generated in \(format(generated)))")

    var assembler = SnapshotAssembler()
    var perKind: [(ResourceKind, (wall: Duration, cpu: Double))] = []
    let decode = timed {
      for kind in ResourceKind.collectionOrder {
        if let data = lists[kind] {
          let t = timed {
            do { try assembler.addPage(kind, data) } catch { print("  decode failed: \(error)") }
          }
          perKind.append((kind, t))
        } else {
          assembler.markNotServed(kind)
        }
      }
    }
    let snapshot = assembler.build()
    print("  decode (SnapshotAssembler, all lists):  \(format(decode))  (\(Int(Double(bytes) / 1e6 / decode.cpu)) MB per CPU second)")
    for (kind, t) in perKind where kind == .ips || kind == .pods {
      print("    \(kind.fileName) (\((lists[kind]?.count ?? 0) / 1_000_000) MB):".padding(toLength: 42, withPad: " ", startingAt: 0) + format(t))
    }

    var report: Report?
    let accounting = timed {
      report = Accountant().report(snapshot, now: Date(), source: "bench", subnets: [])
    }
    guard let report else { return }
    print("  accounting (Accountant.report):          \(format(accounting))")
    let json = timed { _ = report.jsonData() }
    print("  JSON report encoding:                    \(format(json))")
    print("  result: \(report.orphans.count) orphans, \(report.exempt.count) exempt, \(report.ownedCount) owned, \(report.overlaps.count) overlaps, \(report.errors.count) errors")
  }

  /// CPU seconds used by this process so far (wall time is noisy on a shared machine).
  static func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  /// Runs `body`, returning wall and CPU time.
  static func timed(_ body: () -> Void) -> (wall: Duration, cpu: Double) {
    let cpu0 = cpuSeconds()
    let wall = ContinuousClock().measure(body)
    return (wall, cpuSeconds() - cpu0)
  }

  static func format(_ t: (wall: Duration, cpu: Double)) -> String {
    String(format: "%.3f s wall, %.3f s CPU", seconds(t.wall), t.cpu)
  }

  static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }

  static func format(_ d: Duration) -> String { String(format: "%.3f s", seconds(d)) }

  /// One compact List page per kind.
  static func pages() -> [ResourceKind: Data] {
    var ips: [String] = []
    var pods: [String] = []
    ips.reserveCapacity(ipCount)
    pods.reserveCapacity(ipCount)
    for i in 0..<ipCount {
      let subnet = "net\(i % subnetCount)"
      let host = i / subnetCount + 2
      let v4 = "10.\(i % subnetCount).\(host / 256).\(host % 256)"
      let sts = i % 10 == 0
      let pod = sts ? "db\(i / 10 % 500)-\(i / 5000)" : "app-\(i)"
      let ns = "ns\(i % 97)"
      ips.append(
        #"{"apiVersion":"kubeovn.io/v1","kind":"IP","metadata":{"name":"\#(pod).\#(ns)","uid":"9f0c\#(i)-1b2c-4d3e-9f80-112233445566","resourceVersion":"\#(100_000 + i)","generation":1,"creationTimestamp":"2025-06-20T13:35:03Z","labels":{"ovn.kubernetes.io/subnet":"\#(subnet)","\#(subnet)":"","ovn.kubernetes.io/node-name":"worker-\#(i % 100)","ovn.kubernetes.io/ip_reserved":"false"},"finalizers":["kubeovn.io/kube-ovn-controller"]},"spec":{"podName":"\#(pod)","namespace":"\#(ns)","subnet":"\#(subnet)","attachSubnets":[],"nodeName":"worker-\#(i % 100)","ipAddress":"\#(v4)","v4IpAddress":"\#(v4)","v6IpAddress":"","attachIps":[],"macAddress":"0a:58:0a:10:00:05","attachMacs":[],"containerID":"","podType":"\#(sts ? "StatefulSet" : "")"}}"#
      )
      // 1% leaked: no pod.
      if i % 100 != 7 {
        pods.append(
          #"{"metadata":{"name":"\#(pod)","namespace":"\#(ns)","uid":"5d1e\#(i)-aaaa-bbbb-cccc-ddddeeeeffff","resourceVersion":"\#(300_000 + i)","creationTimestamp":"2025-06-20T13:35:00Z","labels":{"app":"app-\#(i % 300)","pod-template-hash":"7d9f8c6b5"},"annotations":{"ovn.kubernetes.io/allocated":"true","ovn.kubernetes.io/ip_address":"\#(v4)","ovn.kubernetes.io/cidr":"10.\#(i % subnetCount).0.0/16","ovn.kubernetes.io/gateway":"10.\#(i % subnetCount).0.1","ovn.kubernetes.io/logical_switch":"\#(subnet)","ovn.kubernetes.io/mac_address":"0a:58:0a:10:00:05","ovn.kubernetes.io/pod_nic_type":"veth-pair","ovn.kubernetes.io/routed":"true","kubectl.kubernetes.io/restartedAt":"2025-06-20T13:34:00Z"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"app-7d9f8c6b5","uid":"0000","controller":true,"blockOwnerDeletion":true}]},"spec":{"volumes":[{"name":"kube-api-access","projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}}]}}],"containers":[{"name":"main","image":"registry.local/app:1.0","resources":{"limits":{"cpu":"500m","memory":"256Mi"}},"ports":[{"containerPort":8080,"protocol":"TCP"}]}],"restartPolicy":"Always","nodeName":"worker-\#(i % 100)","serviceAccountName":"default"},"status":{"phase":"Running","podIP":"\#(v4)","hostIP":"172.18.0.\#(i % 100)","startTime":"2025-06-20T13:35:01Z"}}"#
        )
      }
    }
    var subnets: [String] = []
    for s in 0..<subnetCount {
      subnets.append(
        #"{"apiVersion":"kubeovn.io/v1","kind":"Subnet","metadata":{"name":"net\#(s)","uid":"s\#(s)","resourceVersion":"\#(s + 1)","creationTimestamp":"2025-06-20T13:30:00Z"},"spec":{"cidrBlock":"10.\#(s).0.0/16","gateway":"10.\#(s).0.1","excludeIps":["10.\#(s).0.1"],"provider":"ovn","vpc":"ovn-cluster","protocol":"IPv4"},"status":{"v4availableIPs":6.3533e+04,"v4usingIPs":2000,"v4usingIPrange":"10.\#(s).0.2-10.\#(s).7.209","v6availableIPs":0,"v6usingIPs":0}}"#
      )
    }
    var eips: [String] = []
    for e in 0..<1000 {
      let host = e % 100 == 0 ? e / 50 + 2 : 40_000 + e  // every 100th shares an IP CR's address
      let v4 = "10.0.\(host / 256).\(host % 256)"
      eips.append(
        #"{"apiVersion":"kubeovn.io/v1","kind":"IptablesEIP","metadata":{"name":"eip-\#(e)","uid":"e\#(e)","resourceVersion":"\#(e + 1)","labels":{"ovn.kubernetes.io/subnet":"net0","ovn.kubernetes.io/vpc-nat-gw-name":"gw\#(e % 10)"}},"spec":{"v4ip":"\#(v4)","v6ip":"","macAddress":"7a:f0:ad:cd:5f:64","natGwDp":"gw\#(e % 10)","externalSubnet":"net0"},"status":{"ready":true,"ip":"\#(v4)","nat":"fip"}}"#
      )
    }
    var stss: [String] = []
    for s in 0..<500 {
      stss.append(#"{"metadata":{"name":"db\#(s)","namespace":"ns0","uid":"t\#(s)","resourceVersion":"1"},"spec":{"replicas":3}}"#)
    }
    let nodes = (0..<100).map { #"{"metadata":{"name":"worker-\#($0)","uid":"n\#($0)","resourceVersion":"1"},"spec":{}}"# }
    let gws = (0..<10).map { #"{"metadata":{"name":"gw\#($0)","uid":"g\#($0)","resourceVersion":"1"},"spec":{"vpc":"vpc1","subnet":"net0","lanIp":"10.0.255.254"}}"# }
    func list(_ kind: String, _ items: [String]) -> Data {
      var text = #"{"kind":"\#(kind)List","apiVersion":"v1","metadata":{"resourceVersion":"999999"},"items":["#
      text += items.joined(separator: ",")
      text += "]}"
      return Data(text.utf8)
    }
    return [
      .ips: list("IP", ips), .pods: list("Pod", pods), .subnets: list("Subnet", subnets),
      .iptablesEIPs: list("IptablesEIP", eips), .statefulSets: list("StatefulSet", stss),
      .nodes: list("Node", nodes), .vpcNatGateways: list("VpcNatGateway", gws),
      .configMaps: list("ConfigMap", []), .ovnEips: list("OvnEip", []), .vips: list("Vip", []),
      .iptablesFIPRules: list("IptablesFIPRule", []), .iptablesSnatRules: list("IptablesSnatRule", []),
      .iptablesDnatRules: list("IptablesDnatRule", []),
    ]
  }
}
