import Foundation
import OvnipModel

/// A generated cluster: every object per resource, which resources the API serves, what a
/// correct accounting must find, and (for `churn`) a timeline of live mutations.
public struct Scenario: Sendable {
  /// Scenario name, e.g. `leaks`.
  public var name: String
  public var seed: UInt64
  /// Objects per resource, each a complete API object (apiVersion, kind, metadata, spec, status).
  public var objects: [ResourceKind: [JSONValue]]
  /// Resources the API serves. `no-kubeovn` leaves out every kubeovn.io kind; kubevirt.io is
  /// served only when the scenario has VMs.
  public var served: Set<ResourceKind>
  /// What a correct accounting finds in `objects`.
  public var expected: ExpectedFindings
  /// Live mutations for the `churn` scenario; `nil` when the cluster stays still.
  public var churn: ChurnTimeline?

  public init(
    name: String, seed: UInt64, objects: [ResourceKind: [JSONValue]], served: Set<ResourceKind>,
    expected: ExpectedFindings = ExpectedFindings(), churn: ChurnTimeline? = nil
  ) {
    self.name = name
    self.seed = seed
    self.objects = objects
    self.served = served
    self.expected = expected
    self.churn = churn
  }

  /// Objects of one resource (empty if none).
  public func items(_ kind: ResourceKind) -> [JSONValue] { objects[kind] ?? [] }

  /// Total number of objects.
  public var objectCount: Int { objects.values.reduce(0) { $0 + $1.count } }

  /// Every resource of the kubeovn.io group.
  public static let kubeOVNKinds: Set<ResourceKind> = Set(
    ResourceKind.allCases.filter { $0.group == "kubeovn.io" })
}

/// The findings a correct accounting must report for a scenario.
public struct ExpectedFindings: Sendable, Hashable, Codable {
  /// Leaked IP CR name → primary reason (raw value of `OrphanReason`, e.g. `nat-gateway-missing`).
  public var orphans: [String: String]
  /// Addresses held twice in one subnet.
  public var overlaps: [ExpectedOverlap]
  /// IP CRs that look leaked but are not: name → exemption reason (raw value of `ExemptReason`).
  public var exempt: [String: String]
  /// Look-alikes a correct accounting judges owned (pending pod, node IPs): neither orphan nor exempt.
  public var owned: [String]
  /// Named failure modes and look-alikes planted in the scenario (for test messages and the demo).
  public var plantedModes: [String]
  /// Subnets whose `v4usingIPs` exceeds their capacity (counted the controller's way).
  public var overflowingSubnets: [String]

  public init(
    orphans: [String: String] = [:], overlaps: [ExpectedOverlap] = [], exempt: [String: String] = [:],
    owned: [String] = [], plantedModes: [String] = [], overflowingSubnets: [String] = []
  ) {
    self.orphans = orphans
    self.overlaps = overlaps
    self.exempt = exempt
    self.owned = owned
    self.plantedModes = plantedModes
    self.overflowingSubnets = overflowingSubnets
  }
}

/// One address held by two holders in the same subnet.
public struct ExpectedOverlap: Sendable, Hashable, Codable, Comparable {
  public var subnet: String
  public var address: String
  public init(subnet: String, address: String) {
    self.subnet = subnet
    self.address = address
  }
  public static func < (a: Self, b: Self) -> Bool { (a.subnet, a.address) < (b.subnet, b.address) }
}
