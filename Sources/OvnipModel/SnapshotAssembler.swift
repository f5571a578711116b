import Foundation

/// Builds a `ClusterSnapshot` from per-resource outcomes. Pure; shared by the `--from DIR`
/// loader and the live collector.
///
/// For each `ResourceKind`, feed exactly one outcome:
/// - one or more `addPage` calls (the pages of a paged list are appended), or
/// - `markNotServed` (the API does not serve the type: CRD not installed), or
/// - `markUnknown` (forbidden, failed, not collected).
///
/// A kind that received nothing is `.unknown("not collected")`. `markUnknown` wins over
/// pages already added: a partial list must never look complete (a missing pod would look
/// like a leak). When `addPage` throws, nothing is recorded for that page; the caller
/// should then `markUnknown(kind, reason: error.description)`.
///
/// ```swift
/// var assembler = SnapshotAssembler()
/// try assembler.addPage(.ips, pageBytes)
/// assembler.markNotServed(.virtualMachines)
/// let snapshot = assembler.build()
/// ```
public struct SnapshotAssembler: Sendable {
  private enum Outcome: Sendable {
    case pages
    case notServed
    case unknown(String)
  }

  private var outcomes: [ResourceKind: Outcome] = [:]
  private var snapshot = ClusterSnapshot()
  private var lists = Lists()

  private struct Lists: Sendable {
    var subnets: [Subnet] = []
    var ips: [IPCR] = []
    var iptablesEIPs: [IptablesEIP] = []
    var fipRules: [IptablesNatRule] = []
    var snatRules: [IptablesNatRule] = []
    var dnatRules: [IptablesNatRule] = []
    var ovnEips: [OvnEip] = []
    var vips: [Vip] = []
    var natGateways: [VpcNatGateway] = []
    var pods: [Pod] = []
    var nodes: [Node] = []
    var configMaps: [ConfigMap] = []
    var statefulSets: [StatefulSet] = []
    var virtualMachines: [VirtualMachine] = []
  }

  public init() {}

  /// Decodes one List page of `kind` (as `kubectl get --raw` prints it) and appends its
  /// items. Malformed objects are skipped and recorded as `DecodeIssue`s.
  /// - Throws: `ModelError.malformedList` when the page as a whole is not a List
  ///   (truncated JSON, a `Status`, ...).
  public mutating func addPage(_ kind: ResourceKind, _ data: Data) throws(ModelError) {
    let resource = kind.plural
    var issues: [DecodeIssue] = []
    switch kind {
    case .subnets: append(&lists.subnets, try KubeList<Subnet>.decode(data, resource: resource), &issues)
    case .ips: append(&lists.ips, try KubeList<IPCR>.decode(data, resource: resource), &issues)
    case .iptablesEIPs:
      append(&lists.iptablesEIPs, try KubeList<IptablesEIP>.decode(data, resource: resource), &issues)
    case .iptablesFIPRules:
      append(&lists.fipRules, try Self.rules(data, kind), &issues)
    case .iptablesSnatRules:
      append(&lists.snatRules, try Self.rules(data, kind), &issues)
    case .iptablesDnatRules:
      append(&lists.dnatRules, try Self.rules(data, kind), &issues)
    case .ovnEips: append(&lists.ovnEips, try KubeList<OvnEip>.decode(data, resource: resource), &issues)
    case .vips: append(&lists.vips, try KubeList<Vip>.decode(data, resource: resource), &issues)
    case .vpcNatGateways:
      append(&lists.natGateways, try KubeList<VpcNatGateway>.decode(data, resource: resource), &issues)
    case .pods: append(&lists.pods, try KubeList<Pod>.decode(data, resource: resource), &issues)
    case .nodes: append(&lists.nodes, try KubeList<Node>.decode(data, resource: resource), &issues)
    case .configMaps:
      append(&lists.configMaps, try KubeList<ConfigMap>.decode(data, resource: resource), &issues)
    case .statefulSets:
      append(&lists.statefulSets, try KubeList<StatefulSet>.decode(data, resource: resource), &issues)
    case .virtualMachines:
      append(&lists.virtualMachines, try KubeList<VirtualMachine>.decode(data, resource: resource), &issues)
    }
    snapshot.decodeIssues += issues
    if case .unknown = outcomes[kind] { return }
    outcomes[kind] = .pages
  }

  /// The API does not serve `kind` (its CRD is not installed).
  public mutating func markNotServed(_ kind: ResourceKind) {
    if case .unknown = outcomes[kind] { return }
    outcomes[kind] = .notServed
  }

  /// `kind` could not be read; `reason` is one line (also recorded in `errors`).
  public mutating func markUnknown(_ kind: ResourceKind, reason: String) {
    outcomes[kind] = .unknown(reason)
  }

  /// The snapshot; kinds without an outcome are `.unknown("not collected")`.
  public func build() -> ClusterSnapshot {
    var out = snapshot
    out.subnets = collected(.subnets, lists.subnets)
    out.ips = collected(.ips, lists.ips)
    out.iptablesEIPs = collected(.iptablesEIPs, lists.iptablesEIPs)
    out.fipRules = collected(.iptablesFIPRules, lists.fipRules)
    out.snatRules = collected(.iptablesSnatRules, lists.snatRules)
    out.dnatRules = collected(.iptablesDnatRules, lists.dnatRules)
    out.ovnEips = collected(.ovnEips, lists.ovnEips)
    out.vips = collected(.vips, lists.vips)
    out.natGateways = collected(.vpcNatGateways, lists.natGateways)
    out.pods = collected(.pods, lists.pods)
    out.nodes = collected(.nodes, lists.nodes)
    out.configMaps = collected(.configMaps, lists.configMaps)
    out.statefulSets = collected(.statefulSets, lists.statefulSets)
    out.virtualMachines = collected(.virtualMachines, lists.virtualMachines)
    for kind in ResourceKind.collectionOrder {
      if case .unknown(let reason) = outcomes[kind] {
        out.errors.append(ResourceError(resource: kind.plural, message: reason))
      }
    }
    return out
  }

  private func collected<T: Sendable>(_ kind: ResourceKind, _ items: [T]) -> Collected<[T]> {
    switch outcomes[kind] {
    case .pages: .present(items)
    case .notServed: .notServed
    case .unknown(let reason): .unknown(reason: reason)
    case nil: .unknown(reason: "not collected")
    }
  }

  private func append<T>(_ target: inout [T], _ list: KubeList<T>, _ issues: inout [DecodeIssue]) {
    target += list.items
    issues += list.issues
  }

  /// NAT rule items carry no reliable `kind` in a List; set it from the resource.
  private static func rules(_ data: Data, _ kind: ResourceKind) throws(ModelError) -> KubeList<IptablesNatRule> {
    var list = try KubeList<IptablesNatRule>.decode(data, resource: kind.plural)
    for index in list.items.indices { list.items[index].kind = kind.kind }
    return list
  }
}
