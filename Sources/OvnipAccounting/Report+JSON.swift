import Foundation
import OvnipModel

extension Report {
  /// The `-o json` document (schemaVersion 1; issue 2 §8): pretty, keys sorted, ending in a
  /// newline. Every count is a decimal string because v6 capacities exceed 64 bits.
  /// Fields beyond the schema: subnets `vpc`/`terminating`/`orphanCount`, orphans `checks`,
  /// exempt `subnet`/`addresses`, top-level `ownedCount`.
  public func jsonData() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding plain structs of strings cannot fail.
    var data = (try? encoder.encode(ReportJSON(self))) ?? Data("{}".utf8)
    data.append(0x0A)
    return data
  }

  /// `generatedAt` as RFC 3339 in UTC, e.g. `2026-11-28T04:33:34Z`.
  public var generatedAtText: String {
    generatedAt.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
  }
}

/// The wire shape of `Report`; one struct per JSON object.
private struct ReportJSON: Encodable {
  var schemaVersion: Int
  var generatedAt: String
  var source: String
  var subnets: [SubnetJSON]
  var overlaps: [OverlapJSON]
  var orphans: [OrphanJSON]
  var exempt: [ExemptJSON]
  var danglingEIPs: [DanglingJSON]
  var errors: [ReportError]
  var ownedCount: String

  init(_ r: Report) {
    schemaVersion = r.schemaVersion
    generatedAt = r.generatedAtText
    source = r.source
    subnets = r.subnets.map(SubnetJSON.init)
    overlaps = r.overlaps.map { OverlapJSON(subnet: $0.subnet, address: $0.address, holders: $0.holders) }
    orphans = r.orphans.map(OrphanJSON.init)
    exempt = r.exempt.map {
      ExemptJSON(name: $0.name, subnet: $0.subnet, addresses: $0.addresses, reason: $0.reason.rawValue, evidence: $0.evidence)
    }
    danglingEIPs = r.danglingEIPs.map {
      DanglingJSON(name: $0.name, natGwDp: $0.natGwDp, address: $0.address, referencedBy: $0.referencedBy)
    }
    errors = r.errors
    ownedCount = String(r.ownedCount)
  }
}

private struct SubnetJSON: Encodable {
  var name, cidrBlock, provider, vpc, `protocol`: String
  var v4: FamilyJSON?
  var v6: FamilyJSON?
  var flags: [String]
  var terminating: Bool
  var orphanCount: String

  init(_ s: SubnetUsage) {
    name = s.name
    cidrBlock = s.cidrBlock
    provider = s.provider
    vpc = s.vpc
    self.protocol = s.protocol
    v4 = s.v4.map(FamilyJSON.init)
    v6 = s.v6.map(FamilyJSON.init)
    flags = s.flags.map(\.rawValue)
    terminating = s.terminating
    orphanCount = String(s.orphanCount)
  }

  enum CodingKeys: String, CodingKey {
    case name, cidrBlock, provider, vpc, `protocol`, v4, v6, flags, terminating, orphanCount
  }
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(name, forKey: .name)
    try c.encode(cidrBlock, forKey: .cidrBlock)
    try c.encode(provider, forKey: .provider)
    try c.encode(vpc, forKey: .vpc)
    try c.encode(self.protocol, forKey: .protocol)
    try c.encode(v4, forKey: .v4)  // null when the family is absent
    try c.encode(v6, forKey: .v6)
    try c.encode(flags, forKey: .flags)
    try c.encode(terminating, forKey: .terminating)
    try c.encode(orphanCount, forKey: .orphanCount)
  }
}

private struct FamilyJSON: Encodable {
  var capacity: String
  var reportedUsing: String?
  var reportedAvailable: String?
  var reportedUsingRangeCount: String?
  var controllerUsing: String
  var distinctUsing: String
  var doubleCounted: String

  init(_ f: FamilyUsage) {
    capacity = String(f.capacity)
    reportedUsing = f.reportedUsing?.digits
    reportedAvailable = f.reportedAvailable?.digits
    reportedUsingRangeCount = f.reportedUsingRangeCount.map { String($0) }
    controllerUsing = String(f.controllerUsing)
    distinctUsing = String(f.distinctUsing)
    doubleCounted = String(f.doubleCounted)
  }

  enum CodingKeys: String, CodingKey {
    case capacity, reportedUsing, reportedAvailable, reportedUsingRangeCount, controllerUsing,
      distinctUsing, doubleCounted
  }
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(capacity, forKey: .capacity)
    try c.encode(reportedUsing, forKey: .reportedUsing)  // null when absent from status
    try c.encode(reportedAvailable, forKey: .reportedAvailable)
    try c.encode(reportedUsingRangeCount, forKey: .reportedUsingRangeCount)
    try c.encode(controllerUsing, forKey: .controllerUsing)
    try c.encode(distinctUsing, forKey: .distinctUsing)
    try c.encode(doubleCounted, forKey: .doubleCounted)
  }
}

private struct OverlapJSON: Encodable {
  var subnet, address: String
  var holders: [Holder]
}

private struct OrphanJSON: Encodable {
  var kind = "IP"
  var name, uid, resourceVersion, subnet: String
  var addresses: [String]
  var reason: String
  var reasons: [String]
  var evidence, createdAt: String
  var checks: [OwnerCheck]
  init(_ o: Orphan) {
    name = o.name
    uid = o.uid
    resourceVersion = o.resourceVersion
    subnet = o.subnet
    addresses = o.addresses
    reason = o.reason.rawValue
    reasons = o.reasons.map(\.rawValue)
    evidence = o.evidence
    createdAt = o.createdAt
    checks = o.checks
  }
}

private struct ExemptJSON: Encodable {
  var kind = "IP"
  var name, subnet: String
  var addresses: [String]
  var reason, evidence: String
}

private struct DanglingJSON: Encodable {
  var name, natGwDp, address: String
  var referencedBy: [String]
}
