import Foundation

/// Every resource ovnip-top reads, with its API path and file name.
///
/// The same table drives the kubectl collector, the `--from DIR` loader (one file per
/// plural, e.g. `iptables-eips.json`), `collect --to DIR`, and the API stand-in.
public enum ResourceKind: String, CaseIterable, Sendable, Hashable, Codable {
  case subnets
  case ips
  case iptablesEIPs = "iptables-eips"
  case iptablesFIPRules = "iptables-fip-rules"
  case iptablesSnatRules = "iptables-snat-rules"
  case iptablesDnatRules = "iptables-dnat-rules"
  case ovnEips = "ovn-eips"
  case vips
  case vpcNatGateways = "vpc-nat-gateways"
  case pods
  case nodes
  case configMaps = "configmaps"
  case statefulSets = "statefulsets"
  case virtualMachines = "virtualmachines"

  /// The plural resource name, also the `--from DIR` file stem.
  public var plural: String { rawValue }
  public var fileName: String { rawValue + ".json" }

  /// API group; `""` for the core group.
  public var group: String {
    switch self {
    case .pods, .nodes, .configMaps: ""
    case .statefulSets: "apps"
    case .virtualMachines: "kubevirt.io"
    default: "kubeovn.io"
    }
  }
  public var version: String { "v1" }
  /// `group/version`, or `v1` for core.
  public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
  /// `/api/v1` or `/apis/<group>/<version>`.
  public var apiPrefix: String { group.isEmpty ? "/api/v1" : "/apis/\(group)/\(version)" }
  /// Cluster-wide list path, e.g. `/apis/kubeovn.io/v1/ips`.
  public var listPath: String { "\(apiPrefix)/\(plural)" }

  public var namespaced: Bool {
    switch self {
    case .pods, .configMaps, .statefulSets, .virtualMachines: true
    default: false
    }
  }

  /// Path of one object.
  public func objectPath(name: String, namespace: String = "") -> String {
    namespaced && !namespace.isEmpty
      ? "\(apiPrefix)/namespaces/\(namespace)/\(plural)/\(name)" : "\(apiPrefix)/\(plural)/\(name)"
  }

  public var kind: String {
    switch self {
    case .subnets: "Subnet"
    case .ips: "IP"
    case .iptablesEIPs: "IptablesEIP"
    case .iptablesFIPRules: "IptablesFIPRule"
    case .iptablesSnatRules: "IptablesSnatRule"
    case .iptablesDnatRules: "IptablesDnatRule"
    case .ovnEips: "OvnEip"
    case .vips: "Vip"
    case .vpcNatGateways: "VpcNatGateway"
    case .pods: "Pod"
    case .nodes: "Node"
    case .configMaps: "ConfigMap"
    case .statefulSets: "StatefulSet"
    case .virtualMachines: "VirtualMachine"
    }
  }

  /// Objects that hold addresses. They are listed before their owners so that an owner
  /// created after our view of a holder is never judged missing (whereabouts#207).
  public var isAddressHolder: Bool {
    switch self {
    case .ips, .iptablesEIPs, .ovnEips, .vips: true
    default: false
    }
  }

  /// A kind that may legitimately be absent from a cluster (CRD not installed).
  public var isOptional: Bool {
    switch self {
    case .ovnEips, .vips, .virtualMachines, .iptablesFIPRules, .iptablesSnatRules,
      .iptablesDnatRules, .vpcNatGateways, .iptablesEIPs:
      true
    default: false
    }
  }

  /// Collection order: holders, then NAT rules, then owners.
  public static let collectionOrder: [ResourceKind] = [
    .ips, .iptablesEIPs, .ovnEips, .vips,
    .iptablesFIPRules, .iptablesSnatRules, .iptablesDnatRules,
    .pods, .statefulSets, .virtualMachines, .nodes, .vpcNatGateways, .configMaps, .subnets,
  ]
}
