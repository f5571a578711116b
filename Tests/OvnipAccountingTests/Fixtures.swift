import Foundation
import OvnipModel

@testable import OvnipAccounting

/// Small objects in the shapes `kubectl get --raw` prints (see examples/generate.py for the
/// full versions), and a `World` that turns them into a `ClusterSnapshot` through the real
/// decoder (`SnapshotAssembler`).
enum Fixture {
  typealias Object = [String: Any]

  static func meta(_ name: String, ns: String? = nil, labels: [String: String] = [:], annotations: [String: String] = [:], deleting: Bool = false) -> Object {
    var m: Object = ["name": name, "uid": "uid-\(name)", "resourceVersion": "100", "creationTimestamp": "2025-06-20T13:35:03Z"]
    if let ns { m["namespace"] = ns }
    if !labels.isEmpty { m["labels"] = labels }
    if !annotations.isEmpty { m["annotations"] = annotations }
    if deleting {
      m["deletionTimestamp"] = "2025-06-21T08:00:00Z"
      m["finalizers"] = ["kubeovn.io/kube-ovn-controller"]
    }
    return m
  }

  static func subnet(
    _ name: String, cidr: String, gateway: String? = nil, excludeIps: [String]? = nil, provider: String = "ovn",
    status: Object = [:], deleting: Bool = false
  ) -> Object {
    let gw = gateway ?? cidr.split(separator: ",").map { firstAddress(String($0)) }.joined(separator: ",")
    return [
      "apiVersion": "kubeovn.io/v1", "kind": "Subnet", "metadata": meta(name, deleting: deleting),
      "spec": ["cidrBlock": cidr, "gateway": gw, "excludeIps": excludeIps ?? gw.split(separator: ",").map(String.init),
               "provider": provider, "protocol": cidr.contains(",") ? "Dual" : (cidr.contains(":") ? "IPv6" : "IPv4")],
      "status": status,
    ]
  }

  /// `10.16.0.0/16` → `10.16.0.1` (only for the simple test CIDRs used here).
  static func firstAddress(_ cidr: String) -> String {
    let base = String(cidr.split(separator: "/")[0])
    return base.hasSuffix("::") ? base + "1" : base.replacingOccurrences(of: #"\.0$"#, with: ".1", options: .regularExpression)
  }

  static func ip(
    _ pod: String, ns: String, subnet: String, v4: String = "", v6: String = "", provider: String = "ovn",
    podType: String = "", reserved: Bool = false, name: String? = nil, subnetLabel: Bool = true
  ) -> Object {
    let crName = name ?? (provider == "ovn" ? "\(pod).\(ns)" : "\(pod).\(ns).\(provider)")
    var labels = ["ovn.kubernetes.io/subnet": subnet, "ovn.kubernetes.io/ip_reserved": reserved ? "true" : "false"]
    if subnetLabel { labels[subnet] = "" }
    return [
      "apiVersion": "kubeovn.io/v1", "kind": "IP", "metadata": meta(crName, labels: labels),
      "spec": ["podName": pod, "namespace": ns, "subnet": subnet, "attachSubnets": [String](), "nodeName": "worker-1",
               "ipAddress": [v4, v6].filter { !$0.isEmpty }.joined(separator: ","), "v4IpAddress": v4, "v6IpAddress": v6,
               "macAddress": "", "podType": podType],
    ]
  }

  static func pod(_ name: String, ns: String, networks: String? = nil, annotations: [String: String] = [:], deleting: Bool = false) -> Object {
    var ann = annotations
    if let networks { ann["k8s.v1.cni.cncf.io/networks"] = networks }
    return ["metadata": meta(name, ns: ns, annotations: ann, deleting: deleting), "spec": ["nodeName": "worker-1"], "status": ["phase": "Running"]]
  }

  static func sts(_ name: String, ns: String, replicas: Int, start: Int? = nil) -> Object {
    var spec: Object = ["replicas": replicas, "serviceName": name]
    if let start { spec["ordinals"] = ["start": start] }
    return ["metadata": meta(name, ns: ns), "spec": spec]
  }

  static func vm(_ name: String, ns: String) -> Object {
    ["apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "metadata": meta(name, ns: ns), "spec": ["runStrategy": "Halted"]]
  }

  static func node(_ name: String) -> Object { ["metadata": meta(name), "spec": [String: Any]()] }

  static func natGateway(_ name: String) -> Object {
    ["apiVersion": "kubeovn.io/v1", "kind": "VpcNatGateway", "metadata": meta(name),
     "spec": ["vpc": "vpc1", "subnet": "net1", "lanIp": "10.0.1.254", "externalSubnets": ["ovn-vpc-external-network"]]]
  }

  static func eip(_ name: String, v4: String, gw: String, subnet: String = "ovn-vpc-external-network", labelled: Bool = true) -> Object {
    let labels = labelled ? ["ovn.kubernetes.io/subnet": subnet, "ovn.kubernetes.io/vpc-nat-gw-name": gw] : [:]
    return ["apiVersion": "kubeovn.io/v1", "kind": "IptablesEIP", "metadata": meta(name, labels: labels),
            "spec": ["v4ip": v4, "v6ip": "", "natGwDp": gw, "externalSubnet": subnet], "status": ["ready": true, "ip": v4, "nat": ""]]
  }

  static func ovnEip(_ name: String, v4: String, subnet: String) -> Object {
    ["apiVersion": "kubeovn.io/v1", "kind": "OvnEip", "metadata": meta(name, labels: ["ovn.kubernetes.io/subnet": subnet]),
     "spec": ["externalSubnet": subnet, "type": "nat", "v4Ip": v4], "status": ["v4Ip": v4, "type": "nat"]]
  }

  /// `boundTo` nil: a free Vip (`ip_reserved: ""`); else the pod port it is bound to.
  static func vip(_ name: String, v4: String, subnet: String, boundTo: String? = nil) -> Object {
    ["apiVersion": "kubeovn.io/v1", "kind": "Vip",
     "metadata": meta(name, labels: ["ovn.kubernetes.io/subnet": subnet, "ovn.kubernetes.io/ip_reserved": boundTo ?? ""]),
     "spec": ["subnet": subnet, "namespace": "apps", "v4ip": v4], "status": ["v4ip": v4]]
  }

  static func rule(_ name: String, eip: String) -> Object {
    ["metadata": meta(name), "spec": ["eip": eip], "status": ["natGwDp": "gw2"]]
  }

  static func configMap(_ name: String, ns: String, data: [String: String]) -> Object {
    ["metadata": meta(name, ns: ns), "data": data]
  }
}

/// A cluster as lists of fixture objects; every kind is an empty list unless set.
struct World {
  var objects: [ResourceKind: [Fixture.Object]] = [:]
  var notServed: Set<ResourceKind> = []
  var unknown: [ResourceKind: String] = [:]

  init(_ objects: [ResourceKind: [Fixture.Object]] = [:]) { self.objects = objects }

  func with(_ kind: ResourceKind, _ items: [Fixture.Object]) -> World {
    var copy = self
    copy.objects[kind, default: []] += items
    return copy
  }

  func snapshot() -> ClusterSnapshot {
    var assembler = SnapshotAssembler()
    for kind in ResourceKind.allCases {
      if let reason = unknown[kind] {
        assembler.markUnknown(kind, reason: reason)
      } else if notServed.contains(kind) {
        assembler.markNotServed(kind)
      } else {
        let list: Fixture.Object = [
          "kind": kind.kind + "List", "apiVersion": kind.groupVersion, "metadata": ["resourceVersion": "9001"],
          "items": objects[kind] ?? [],
        ]
        // Fixtures are valid JSON by construction.
        try! assembler.addPage(kind, JSONSerialization.data(withJSONObject: list, options: [.sortedKeys]))
      }
    }
    return assembler.build()
  }

  func report(subnets: [String] = []) -> Report {
    Accountant().report(snapshot(), now: Date(timeIntervalSince1970: 1_750_000_000), source: "test", subnets: subnets)
  }
}
