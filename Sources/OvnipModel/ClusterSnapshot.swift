import Foundation

/// What we know about one resource list.
public enum Collected<Value: Sendable>: Sendable {
  /// Read successfully.
  case present(Value)
  /// The API does not serve this resource type (CRD not installed). Not an error:
  /// e.g. without KubeVirt, `VirtualMachine` IP CRs have no VM and are `vm-missing`.
  case notServed
  /// Could not be read: forbidden, not collected, failed. Owners in it are unknown,
  /// and unknown means in use.
  case unknown(reason: String)

  public var value: Value? {
    if case .present(let v) = self { return v }
    return nil
  }
  public var isKnown: Bool {
    switch self {
    case .present, .notServed: true
    case .unknown: false
    }
  }
}

extension Collected: Equatable where Value: Equatable {}

/// One consistent-as-we-can-get view of the cluster: the accounting engine's input.
public struct ClusterSnapshot: Sendable {
  public var subnets: Collected<[Subnet]> = .unknown(reason: "not collected")
  public var ips: Collected<[IPCR]> = .unknown(reason: "not collected")
  public var iptablesEIPs: Collected<[IptablesEIP]> = .unknown(reason: "not collected")
  public var fipRules: Collected<[IptablesNatRule]> = .unknown(reason: "not collected")
  public var snatRules: Collected<[IptablesNatRule]> = .unknown(reason: "not collected")
  public var dnatRules: Collected<[IptablesNatRule]> = .unknown(reason: "not collected")
  public var ovnEips: Collected<[OvnEip]> = .unknown(reason: "not collected")
  public var vips: Collected<[Vip]> = .unknown(reason: "not collected")
  public var natGateways: Collected<[VpcNatGateway]> = .unknown(reason: "not collected")
  public var pods: Collected<[Pod]> = .unknown(reason: "not collected")
  public var nodes: Collected<[Node]> = .unknown(reason: "not collected")
  public var configMaps: Collected<[ConfigMap]> = .unknown(reason: "not collected")
  public var statefulSets: Collected<[StatefulSet]> = .unknown(reason: "not collected")
  public var virtualMachines: Collected<[VirtualMachine]> = .unknown(reason: "not collected")
  /// Objects skipped because they were malformed.
  public var decodeIssues: [DecodeIssue] = []
  /// List-level errors (a resource that could not be read), one line each.
  public var errors: [ResourceError] = []

  public init() {}
}

/// A resource that could not be read, with a one-line message.
public struct ResourceError: Sendable, Hashable, Codable {
  public var resource: String
  public var message: String
  public init(resource: String, message: String) {
    self.resource = resource
    self.message = message
  }
}
