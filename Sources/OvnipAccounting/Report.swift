import Foundation
import OvnipModel

/// The accounting engine's answer for one snapshot: what the report, the dashboard and
/// the cleanup all read. JSON field names are the `-o json` contract (schemaVersion 1):
/// add freely, never rename.
public struct Report: Sendable {
  public var schemaVersion = 1
  public var generatedAt: Date
  /// `file:DIR` or `kubectl:CONTEXT`.
  public var source: String
  public var subnets: [SubnetUsage]
  public var overlaps: [Overlap]
  public var orphans: [Orphan]
  public var exempt: [Exemption]
  /// IP CRs judged owned (count only; the dashboard shows holders from `holdings`).
  public var ownedCount: Int
  public var danglingEIPs: [DanglingEIP]
  /// Resource-level errors and malformed objects, one line each.
  public var errors: [ReportError]
  /// Every address held in each subnet, by subnet name (not part of the JSON report).
  public var holdings: [String: [Holding]]

  public init(
    generatedAt: Date, source: String, subnets: [SubnetUsage] = [], overlaps: [Overlap] = [],
    orphans: [Orphan] = [], exempt: [Exemption] = [], ownedCount: Int = 0,
    danglingEIPs: [DanglingEIP] = [], errors: [ReportError] = [],
    holdings: [String: [Holding]] = [:]
  ) {
    self.generatedAt = generatedAt
    self.source = source
    self.subnets = subnets
    self.overlaps = overlaps
    self.orphans = orphans
    self.exempt = exempt
    self.ownedCount = ownedCount
    self.danglingEIPs = danglingEIPs
    self.errors = errors
    self.holdings = holdings
  }

  /// True when anything is wrong: a subnet flag, an overlap, an orphan or a dangling EIP.
  /// (`--once` exits 1 then.)
  public var hasAnomalies: Bool {
    !orphans.isEmpty || !overlaps.isEmpty || !danglingEIPs.isEmpty
      || subnets.contains { !$0.flags.isEmpty }
  }
}

/// Usage of one subnet, per address family.
public struct SubnetUsage: Sendable, Hashable {
  public var name: String
  public var cidrBlock: String
  public var provider: String
  public var vpc: String
  public var `protocol`: String
  public var v4: FamilyUsage?
  public var v6: FamilyUsage?
  public var flags: [SubnetFlag]
  /// The subnet has a deletionTimestamp.
  public var terminating: Bool
  /// Orphan IP CRs naming this subnet.
  public var orphanCount: Int

  public init(
    name: String, cidrBlock: String, provider: String, vpc: String, protocol: String,
    v4: FamilyUsage?, v6: FamilyUsage?, flags: [SubnetFlag], terminating: Bool,
    orphanCount: Int
  ) {
    self.name = name
    self.cidrBlock = cidrBlock
    self.provider = provider
    self.vpc = vpc
    self.protocol = `protocol`
    self.v4 = v4
    self.v6 = v6
    self.flags = flags
    self.terminating = terminating
    self.orphanCount = orphanCount
  }
}

/// The figures of one address family of a subnet.
public struct FamilyUsage: Sendable, Hashable {
  /// Usable addresses minus excluded ones (the controller's formula). Exact up to 2^128.
  public var capacity: UInt128
  /// `status.v4usingIPs` / `v6usingIPs` as reported; nil when absent.
  public var reportedUsing: BigCount?
  public var reportedAvailable: BigCount?
  /// Addresses in `status.v4usingIPrange`; nil when the field is absent (v1.11).
  public var reportedUsingRangeCount: UInt128?
  /// What the controller's formula gives from the objects as they are now.
  public var controllerUsing: Int
  /// Distinct addresses actually held in the subnet by any holder: the true usage.
  public var distinctUsing: Int
  /// Addresses held by more than one holder.
  public var doubleCounted: Int

  public init(
    capacity: UInt128, reportedUsing: BigCount?, reportedAvailable: BigCount?,
    reportedUsingRangeCount: UInt128?, controllerUsing: Int, distinctUsing: Int,
    doubleCounted: Int
  ) {
    self.capacity = capacity
    self.reportedUsing = reportedUsing
    self.reportedAvailable = reportedAvailable
    self.reportedUsingRangeCount = reportedUsingRangeCount
    self.controllerUsing = controllerUsing
    self.distinctUsing = distinctUsing
    self.doubleCounted = doubleCounted
  }
}

/// A subnet anomaly.
public enum SubnetFlag: String, Sendable, Hashable, Codable, CaseIterable {
  case usingExceedsCapacity = "using-exceeds-capacity"
  case rangeCountMismatch = "range-count-mismatch"
  case reportedDrift = "reported-drift"
  case doubleCounted = "double-counted"
  case addressesOutsideCIDR = "addresses-outside-cidr"
  case terminatingWithHolders = "terminating-with-holders"
}

/// The kinds of object that hold addresses.
public enum HolderKind: String, Sendable, Hashable, Codable, CaseIterable {
  case ip = "IP"
  case iptablesEIP = "IptablesEIP"
  case ovnEip = "OvnEip"
  case vip = "Vip"
}

/// One holder of an address.
public struct Holder: Sendable, Hashable, Codable {
  public var kind: HolderKind
  public var name: String
  public init(kind: HolderKind, name: String) {
    self.kind = kind
    self.name = name
  }
}

/// One address held in a subnet, and by whom.
public struct Holding: Sendable, Hashable {
  public var address: String
  public var holder: Holder
  public init(address: String, holder: Holder) {
    self.address = address
    self.holder = holder
  }
}

/// An address in a subnet with two or more holders.
public struct Overlap: Sendable, Hashable {
  public var subnet: String
  public var address: String
  public var holders: [Holder]
  public init(subnet: String, address: String, holders: [Holder]) {
    self.subnet = subnet
    self.address = address
    self.holders = holders
  }
}

/// Why an IP CR is judged leaked.
public enum OrphanReason: String, Sendable, Hashable, Codable, CaseIterable {
  case subnetMissing = "subnet-missing"
  case natGatewayMissing = "nat-gateway-missing"
  case podMissing = "pod-missing"
  case statefulsetMissing = "statefulset-missing"
  case statefulsetScaledDown = "statefulset-scaled-down"
  case vmMissing = "vm-missing"
  case nodeMissing = "node-missing"
  case nicDetached = "nic-detached"
}

/// Why an IP CR without a visible owner is nevertheless not a leak.
public enum ExemptReason: String, Sendable, Hashable, Codable, CaseIterable {
  case reserved
  case statefulsetMember = "statefulset-member"
  case vmPresent = "vm-present"
  case podTerminating = "pod-terminating"
  case specialIP = "special-ip"
  case ownerUnknown = "owner-unknown"
}

/// The owner kinds an orphan's reasons name.
public enum OwnerKind: String, Sendable, Hashable, Codable, CaseIterable {
  case subnet = "Subnet"
  case pod = "Pod"
  case statefulSet = "StatefulSet"
  case virtualMachine = "VirtualMachine"
  case node = "Node"
  case vpcNatGateway = "VpcNatGateway"

  public var resource: ResourceKind {
    switch self {
    case .subnet: .subnets
    case .pod: .pods
    case .statefulSet: .statefulSets
    case .virtualMachine: .virtualMachines
    case .node: .nodes
    case .vpcNatGateway: .vpcNatGateways
    }
  }
}

/// What a fresh GET of an owner must show for the orphan verdict to still hold.
public enum OwnerExpectation: String, Sendable, Hashable, Codable {
  /// The owner must not exist (404).
  case absent
  /// The StatefulSet may exist but its `start + replicas` must stay ≤ the ordinal.
  case statefulSetBelowOrdinal = "statefulset-below-ordinal"
  /// The pod may exist but must not list the IP CR's provider among its attachments.
  case podWithoutProvider = "pod-without-provider"
}

/// One owner lookup to repeat live right before a delete.
public struct OwnerCheck: Sendable, Hashable, Codable {
  public var kind: OwnerKind
  public var namespace: String
  public var name: String
  public var expectation: OwnerExpectation
  /// The ordinal (statefulSetBelowOrdinal) or provider (podWithoutProvider); `""` otherwise.
  public var detail: String
  public init(
    kind: OwnerKind, namespace: String = "", name: String,
    expectation: OwnerExpectation = .absent, detail: String = ""
  ) {
    self.kind = kind
    self.namespace = namespace
    self.name = name
    self.expectation = expectation
    self.detail = detail
  }
}

/// A leaked IP CR with the evidence why.
public struct Orphan: Sendable, Hashable {
  public var name: String
  public var uid: String
  public var resourceVersion: String
  public var subnet: String
  public var addresses: [String]
  /// All reasons that apply; the first is the primary.
  public var reasons: [OrphanReason]
  /// One sentence, e.g. "Subnet net4 not found; VpcNatGateway gw4 not found; Pod kube-system/vpc-nat-gw-gw4-0 not found".
  public var evidence: String
  public var createdAt: String
  /// The owners to re-verify live before deleting.
  public var checks: [OwnerCheck]

  public init(
    name: String, uid: String, resourceVersion: String, subnet: String, addresses: [String],
    reasons: [OrphanReason], evidence: String, createdAt: String, checks: [OwnerCheck]
  ) {
    self.name = name
    self.uid = uid
    self.resourceVersion = resourceVersion
    self.subnet = subnet
    self.addresses = addresses
    self.reasons = reasons
    self.evidence = evidence
    self.createdAt = createdAt
    self.checks = checks
  }

  public var reason: OrphanReason { reasons[0] }
}

/// An IP CR that looks leaked but is not.
public struct Exemption: Sendable, Hashable {
  public var name: String
  public var subnet: String
  public var addresses: [String]
  public var reason: ExemptReason
  public var evidence: String
  public init(
    name: String, subnet: String, addresses: [String], reason: ExemptReason, evidence: String
  ) {
    self.name = name
    self.subnet = subnet
    self.addresses = addresses
    self.reason = reason
    self.evidence = evidence
  }
}

/// An IptablesEIP whose `natGwDp` gateway is missing: an anomaly, never a cleanup candidate.
public struct DanglingEIP: Sendable, Hashable {
  public var name: String
  public var natGwDp: String
  public var address: String
  /// FIP/SNAT/DNAT rules that reference it, as `Kind/name`.
  public var referencedBy: [String]
  public init(name: String, natGwDp: String, address: String, referencedBy: [String]) {
    self.name = name
    self.natGwDp = natGwDp
    self.address = address
    self.referencedBy = referencedBy
  }
}

/// A resource or object that could not be read.
public struct ReportError: Sendable, Hashable, Codable {
  public var resource: String
  public var message: String
  public init(resource: String, message: String) {
    self.resource = resource
    self.message = message
  }
}
