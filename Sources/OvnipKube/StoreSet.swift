import Foundation
import OvnipModel

/// A `KindStore` of any model type, so stores of different kinds sit in one table.
protocol KindStoring: Sendable {
  var kind: ResourceKind { get }
  var availability: Availability { get }
  var resourceVersion: String { get }
  var count: Int { get }
  mutating func ingestPage(_ data: Data) throws(ModelError) -> (
    continueToken: String, resourceVersion: String
  )
  mutating func commitList(resourceVersion: String)
  mutating func discardList()
  mutating func markUnavailable(_ availability: Availability)
  mutating func apply(line: [UInt8], decoder: JSONDecoder) -> WatchOutcome
  mutating func install(into snapshot: inout ClusterSnapshot)
}

extension KindStore: KindStoring {}

/// One store per resource kind: the state the collector fills and the poller's watches keep
/// current. `snapshot()` assembles the accounting engine's input from it.
struct StoreSet: Sendable {
  private var stores: [ResourceKind: any KindStoring]

  init() {
    var stores: [ResourceKind: any KindStoring] = [:]
    for kind in ResourceKind.allCases { stores[kind] = Self.makeStore(kind) }
    self.stores = stores
  }

  subscript(kind: ResourceKind) -> any KindStoring {
    get { stores[kind]! }
    set { stores[kind] = newValue }
  }

  /// The snapshot of every kind, in collection order.
  mutating func snapshot() -> ClusterSnapshot {
    var snapshot = ClusterSnapshot()
    for kind in ResourceKind.collectionOrder { stores[kind]!.install(into: &snapshot) }
    return snapshot
  }

  static func makeStore(_ kind: ResourceKind) -> any KindStoring {
    switch kind {
    case .subnets: KindStore<Subnet>(kind: kind, keyPath: \.subnets)
    case .ips: KindStore<IPCR>(kind: kind, keyPath: \.ips)
    case .iptablesEIPs: KindStore<IptablesEIP>(kind: kind, keyPath: \.iptablesEIPs)
    case .iptablesFIPRules: KindStore<IptablesNatRule>(kind: kind, keyPath: \.fipRules)
    case .iptablesSnatRules: KindStore<IptablesNatRule>(kind: kind, keyPath: \.snatRules)
    case .iptablesDnatRules: KindStore<IptablesNatRule>(kind: kind, keyPath: \.dnatRules)
    case .ovnEips: KindStore<OvnEip>(kind: kind, keyPath: \.ovnEips)
    case .vips: KindStore<Vip>(kind: kind, keyPath: \.vips)
    case .vpcNatGateways: KindStore<VpcNatGateway>(kind: kind, keyPath: \.natGateways)
    case .pods: KindStore<Pod>(kind: kind, keyPath: \.pods)
    case .nodes: KindStore<Node>(kind: kind, keyPath: \.nodes)
    case .configMaps: KindStore<ConfigMap>(kind: kind, keyPath: \.configMaps)
    case .statefulSets: KindStore<StatefulSet>(kind: kind, keyPath: \.statefulSets)
    case .virtualMachines: KindStore<VirtualMachine>(kind: kind, keyPath: \.virtualMachines)
    }
  }
}
