import Foundation
import OvnipModel

/// Builds API objects in Kube-OVN's and Kubernetes' real JSON shapes (kube-ovn-domain.md §2, §3, §8).
/// Deterministic: uids and MACs come from the seeded generator, timestamps from `now`.
public struct ObjectFactory: Sendable {
  public var rng: SeededRandom
  public let now: Date
  public static let finalizer = "kubeovn.io/kube-ovn-controller"
  public static let externalSubnet = "ovn-vpc-external-network"
  public static let externalProvider = "ovn-vpc-external-network.kube-system"

  public init(seed: UInt64, now: Date) {
    rng = SeededRandom(seed: seed)
    self.now = now
  }

  /// RFC 3339 time `secondsAgo` before `now`, second precision, UTC.
  public func timestamp(_ secondsAgo: Int) -> String {
    Self.rfc3339(now.addingTimeInterval(-Double(secondsAgo)))
  }

  public static func rfc3339(_ date: Date) -> String {
    let t = Int(date.timeIntervalSince1970.rounded(.down))
    let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
    let secs = t - days * 86400
    // civil-from-days (Howard Hinnant)
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    func p(_ v: Int, _ n: Int = 2) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, n - s.count)) + s
    }
    return "\(p(y, 4))-\(p(m))-\(p(d))T\(p(secs / 3600)):\(p(secs / 60 % 60)):\(p(secs % 60))Z"
  }

  mutating func metadata(
    name: String, namespace: String = "", labels: [String: String] = [:],
    annotations: [String: String] = [:], finalizers: [String] = [], age: Int = 86400,
    generation: Int? = 1, extra: [(String, JSONValue)] = []
  ) -> JSONValue {
    var m: JSONValue = ["name": .string(name)]
    if !namespace.isEmpty { m["namespace"] = .string(namespace) }
    m["uid"] = .string(rng.uuid())
    m["resourceVersion"] = "1"
    if let generation { m["generation"] = .int(generation) }
    m["creationTimestamp"] = .string(timestamp(age))
    for (k, v) in extra { m[k] = v }
    if !labels.isEmpty { m["labels"] = .stringMap(labels) }
    if !annotations.isEmpty { m["annotations"] = .stringMap(annotations) }
    if !finalizers.isEmpty { m["finalizers"] = .strings(finalizers) }
    return m
  }

  // MARK: Kube-OVN

  /// A Subnet; `status` is filled in later by `SubnetStatus`.
  public mutating func subnet(
    name: String, cidr: String, gateway: String, excludeIps: [String], provider: String = "ovn",
    vpc: String = "ovn-cluster", isDefault: Bool = false, u2oInterconnection: Bool = false
  ) -> JSONValue {
    let ovn = provider == "ovn"
    var spec: JSONValue = [
      "cidrBlock": .string(cidr), "default": .bool(isDefault), "enableLb": true,
      "excludeIps": .strings(excludeIps), "gateway": .string(gateway), "gatewayNode": "",
    ]
    if ovn { spec["gatewayType"] = "distributed" }
    spec["natOutgoing"] = .bool(ovn && vpc == "ovn-cluster")
    spec["private"] = false
    spec["protocol"] = "IPv4"
    spec["provider"] = .string(provider)
    if ovn { spec["vpc"] = .string(vpc) }
    if u2oInterconnection { spec["u2oInterconnection"] = true }
    let reason = ovn ? "ResetLogicalGatewaySuccessfully" : "SetNonOvnSubnetSuccess"
    let t = timestamp(86400 * 30)
    let cond: (String) -> JSONValue = {
      ["type": .string($0), "status": "True", "reason": .string(reason), "lastUpdateTime": .string(t),
       "lastTransitionTime": .string(t)]
    }
    return [
      "apiVersion": "kubeovn.io/v1", "kind": "Subnet",
      "metadata": metadata(
        name: name, finalizers: [Self.finalizer], age: 86400 * 30, generation: 2),
      "spec": spec,
      "status": [
        "activateGateway": "", "dhcpV4OptionsUUID": "", "dhcpV6OptionsUUID": "",
        "mcastQuerierIP": "", "mcastQuerierMAC": "", "u2oInterconnectionIP": "",
        "u2oInterconnectionMAC": "", "u2oInterconnectionVPC": "",
        "conditions": [cond("Validated"), cond("Ready")],
        "v4availableIPrange": "", "v4availableIPs": 0, "v4usingIPrange": "", "v4usingIPs": 0,
        "v6availableIPrange": "", "v6availableIPs": 0, "v6usingIPrange": "", "v6usingIPs": 0,
      ],
    ]
  }

  /// An IP CR. `name` is the CR name (`<pod>.<ns>[.<provider>]`, `node-<n>`, …).
  public mutating func ip(
    name: String, podName: String, namespace: String, subnet: String, address: String,
    node: String, podType: String = "", mac: String? = nil, reserved: Bool = false, age: Int = 3600
  ) -> JSONValue {
    let labels = [
      "ovn.kubernetes.io/subnet": subnet, subnet: "", "ovn.kubernetes.io/node-name": node,
      "ovn.kubernetes.io/ip_reserved": reserved ? "true" : "false",
    ]
    let macAddress = mac ?? rng.mac()
    return [
      "apiVersion": "kubeovn.io/v1", "kind": "IP",
      "metadata": metadata(name: name, labels: labels, finalizers: [Self.finalizer], age: age),
      "spec": [
        "podName": .string(podName), "namespace": .string(namespace), "subnet": .string(subnet),
        "attachSubnets": [], "nodeName": .string(node), "ipAddress": .string(address),
        "v4IpAddress": .string(address), "v6IpAddress": "", "attachIps": [],
        "macAddress": .string(macAddress), "attachMacs": [], "containerID": "",
        "podType": .string(podType),
      ],
    ]
  }

  public mutating func natGateway(name: String, vpc: String, subnet: String, lanIp: String) -> JSONValue {
    [
      "apiVersion": "kubeovn.io/v1", "kind": "VpcNatGateway",
      "metadata": metadata(
        name: name,
        labels: ["ovn.kubernetes.io/subnet": subnet, "ovn.kubernetes.io/vpc": vpc], age: 7200),
      "spec": [
        "vpc": .string(vpc), "subnet": .string(subnet), "lanIp": .string(lanIp),
        "externalSubnets": [.string(Self.externalSubnet)], "selector": ["kubernetes.io/os: linux"],
        "tolerations": [], "affinity": [:], "qosPolicy": "", "bgpSpeaker": ["enabled": false],
        "routes": [], "noDefaultEIP": false,
      ],
      "status": [
        "qosPolicy": "", "externalSubnets": [.string(Self.externalSubnet)],
        "selector": ["kubernetes.io/os: linux"], "tolerations": [], "affinity": [:],
      ],
    ]
  }

  public mutating func iptablesEIP(name: String, address: String, natGw: String, nat: String) -> JSONValue {
    [
      "apiVersion": "kubeovn.io/v1", "kind": "IptablesEIP",
      "metadata": metadata(
        name: name,
        labels: [
          "ovn.kubernetes.io/subnet": Self.externalSubnet, "ovn.kubernetes.io/vpc-nat-gw-name": natGw,
          "ovn.kubernetes.io/eip_v4_ip": address,
        ], finalizers: [Self.finalizer], age: 3000, generation: 2),
      "spec": [
        "v4ip": .string(address), "v6ip": "", "macAddress": .string(rng.mac()), "natGwDp": .string(natGw),
        "qosPolicy": "", "externalSubnet": .string(Self.externalSubnet),
      ],
      "status": ["ready": true, "ip": .string(address), "nat": .string(nat), "redo": "", "qosPolicy": ""],
    ]
  }

  /// An IptablesFIPRule, IptablesSnatRule or IptablesDnatRule bound to `eip`.
  public mutating func natRule(
    _ kind: ResourceKind, name: String, eip: String, eipAddress: String, natGw: String, target: String
  ) -> JSONValue {
    var spec: JSONValue = ["eip": .string(eip)]
    var status: JSONValue = [
      "ready": true, "v4ip": .string(eipAddress), "v6ip": "", "natGwDp": .string(natGw), "redo": "",
    ]
    switch kind {
    case .iptablesSnatRules:
      spec["internalCIDR"] = .string(target)
      status["internalCIDR"] = .string(target)
    case .iptablesDnatRules:
      spec["externalPort"] = "8080"
      spec["protocol"] = "tcp"
      spec["internalIp"] = .string(target)
      spec["internalPort"] = "80"
      status["protocol"] = "tcp"
      status["internalIp"] = .string(target)
      status["internalPort"] = "80"
      status["externalPort"] = "8080"
    default:
      spec["internalIp"] = .string(target)
      status["internalIp"] = .string(target)
    }
    return [
      "apiVersion": "kubeovn.io/v1", "kind": .string(kind.kind),
      "metadata": metadata(
        name: name, labels: ["ovn.kubernetes.io/eip_v4_ip": eipAddress], finalizers: [Self.finalizer],
        age: 2900),
      "spec": spec, "status": status,
    ]
  }

  public mutating func vip(name: String, namespace: String, subnet: String, address: String) -> JSONValue {
    let mac = rng.mac()
    return [
      "apiVersion": "kubeovn.io/v1", "kind": "Vip",
      "metadata": metadata(
        name: name,
        labels: ["ovn.kubernetes.io/subnet": subnet, "ovn.kubernetes.io/ip_reserved": ""],
        finalizers: [Self.finalizer], age: 5000),
      "spec": [
        "namespace": .string(namespace), "subnet": .string(subnet), "type": "", "v4ip": .string(address),
        "macAddress": "", "v6ip": "",
      ],
      "status": ["type": "", "v4ip": .string(address), "v6ip": "", "mac": .string(mac)],
    ]
  }

  public mutating func ovnEip(name: String, subnet: String, address: String) -> JSONValue {
    let mac = rng.mac()
    return [
      "apiVersion": "kubeovn.io/v1", "kind": "OvnEip",
      "metadata": metadata(
        name: name,
        labels: [
          "ovn.kubernetes.io/subnet": subnet, "ovn.kubernetes.io/ovn_eip_type": "nat",
          "ovn.kubernetes.io/eip_v4_ip": address, "ovn.kubernetes.io/eip_v6_ip": "",
        ], finalizers: [Self.finalizer], age: 5000),
      "spec": [
        "externalSubnet": .string(subnet), "type": "nat", "v4Ip": .string(address), "v6Ip": "",
        "macAddress": .string(mac),
      ],
      "status": [
        "type": "nat", "nat": "", "ready": true, "v4Ip": .string(address), "v6Ip": "",
        "macAddress": .string(mac),
      ],
    ]
  }
}
