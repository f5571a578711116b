import Foundation
import OvnipModel
import OvnipScenario

/// A small, independent re-derivation of the detection rules (kube-ovn-domain.md §5.3, §6, §9)
/// straight from the generated objects, so the generator's own `expected` list is checked
/// against the objects rather than trusted.
struct IndependentCheck {
  enum Verdict: Equatable {
    case owned
    case orphan(String)
    case exempt(String)
  }

  let s: Scenario
  let subnets: Set<String>
  let gateways: Set<String>
  let nodes: Set<String>
  let vms: Set<String>
  let sts: [String: Int]
  let pods: [String: JSONValue]
  let launcherVMs: Set<String>

  init(_ s: Scenario) {
    self.s = s
    subnets = Set(s.items(.subnets).map(\.name))
    gateways = Set(s.items(.vpcNatGateways).map(\.name))
    nodes = Set(s.items(.nodes).map(\.name))
    vms = Set(s.items(.virtualMachines).map { "\($0.namespace)/\($0.name)" })
    var st: [String: Int] = [:]
    for o in s.items(.statefulSets) {
      st["\(o.namespace)/\(o.name)"] = o.value(at: ["spec", "replicas"])?.intValue ?? 1
    }
    sts = st
    var p: [String: JSONValue] = [:]
    var launchers: Set<String> = []
    for o in s.items(.pods) {
      p["\(o.namespace)/\(o.name)"] = o
      if let vm = o.value(at: ["metadata", "annotations", "ovn.kubernetes.io/virtualmachine"])?.stringValue {
        launchers.insert("\(o.namespace)/\(vm)")
      }
    }
    pods = p
    launcherVMs = launchers
  }

  func verdicts() -> [String: Verdict] {
    var out: [String: Verdict] = [:]
    for ip in s.items(.ips) { out[ip.name] = verdict(ip) }
    return out
  }

  func verdict(_ ip: JSONValue) -> Verdict {
    func spec(_ k: String) -> String { ip.value(at: ["spec", k])?.stringValue ?? "" }
    let name = ip.name
    let (podName, ns, subnet, podType, node) = (
      spec("podName"), spec("namespace"), spec("subnet"), spec("podType"), spec("nodeName")
    )
    if ip.value(at: ["metadata", "labels", "ovn.kubernetes.io/ip_reserved"])?.stringValue == "true" {
      return .exempt("reserved")
    }
    if !subnets.contains(subnet) { return .orphan("subnet-missing") }
    if name.hasPrefix("u2o-interconnection.") || name.hasPrefix("mcast-querier.") { return .exempt("special-ip") }
    if podName.hasPrefix("vpc-nat-gw-"), podName.hasSuffix("-0"), ns == "kube-system" {
      let gw = String(podName.dropFirst("vpc-nat-gw-".count).dropLast(2))
      if !gateways.contains(gw) { return .orphan("nat-gateway-missing") }
    }
    if ns.isEmpty && node == podName { return nodes.contains(node) ? .owned : .orphan("node-missing") }
    let key = "\(ns)/\(podName)"
    switch podType {
    case "VirtualMachine":
      guard vms.contains(key) else { return .orphan("vm-missing") }
      return launcherVMs.contains(key) ? .owned : .exempt("vm-present")
    case "StatefulSet":
      let parts = podName.split(separator: "-")
      let stsName = parts.dropLast().joined(separator: "-")
      let ordinal = Int(parts.last ?? "") ?? 0
      guard let replicas = sts["\(ns)/\(stsName)"] else { return .orphan("statefulset-missing") }
      if let pod = pods[key] { return podVerdict(pod, ipName: name) }
      return ordinal >= replicas ? .orphan("statefulset-scaled-down") : .exempt("statefulset-member")
    default:
      guard let pod = pods[key] else { return .orphan("pod-missing") }
      return podVerdict(pod, ipName: name)
    }
  }

  func podVerdict(_ pod: JSONValue, ipName: String) -> Verdict {
    if pod.value(at: ["metadata", "deletionTimestamp"]) != nil { return .exempt("pod-terminating") }
    let base = "\(pod.name).\(pod.namespace)"
    guard ipName.count > base.count + 1, ipName.hasPrefix(base + ".") else { return .owned }
    let provider = String(ipName.dropFirst(base.count + 1))  // <nadName>.<nadNs>
    let p = provider.split(separator: ".")
    guard p.count >= 2 else { return .owned }
    let nad = "\(p[1])/\(p[0])"
    let networks =
      pod.value(at: ["metadata", "annotations", "k8s.v1.cni.cncf.io/networks"])?.stringValue ?? ""
    let attached = networks.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    return attached.contains(nad) ? .owned : .orphan("nic-detached")
  }

  /// Every (subnet, address) with two or more holders.
  func overlaps() -> [ExpectedOverlap] {
    var count: [ExpectedOverlap: Int] = [:]
    func add(_ subnet: String, _ a: String) {
      guard !a.isEmpty else { return }
      count[ExpectedOverlap(subnet: subnet, address: a), default: 0] += 1
    }
    for o in s.items(.ips) {
      add(o.value(at: ["spec", "subnet"])?.stringValue ?? "", o.value(at: ["spec", "v4IpAddress"])?.stringValue ?? "")
    }
    for o in s.items(.iptablesEIPs) {
      var subnet = o.value(at: ["spec", "externalSubnet"])?.stringValue ?? ""
      if subnet.isEmpty { subnet = "ovn-vpc-external-network" }
      add(subnet, o.value(at: ["status", "ip"])?.stringValue ?? "")
    }
    for o in s.items(.ovnEips) {
      add(o.value(at: ["spec", "externalSubnet"])?.stringValue ?? "", o.value(at: ["status", "v4Ip"])?.stringValue ?? "")
    }
    for o in s.items(.vips) {
      add(o.value(at: ["spec", "subnet"])?.stringValue ?? "", o.value(at: ["status", "v4ip"])?.stringValue ?? "")
    }
    return count.filter { $0.value > 1 }.keys.sorted()
  }
}
