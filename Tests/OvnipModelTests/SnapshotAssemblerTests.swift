import Foundation
import Testing

@testable import OvnipModel

struct SnapshotAssemblerTests {
  static func podPage(_ names: [String]) -> Data {
    let items = names.map {
      #"{"metadata":{"name":"\#($0)","namespace":"apps","uid":"u-\#($0)","resourceVersion":"1"},"spec":{"nodeName":"worker-1"},"status":{"phase":"Running"}}"#
    }
    return Data(#"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"77"},"items":[\#(items.joined(separator: ","))]}"#.utf8)
  }

  @Test func pagesOfOneKindAreAppended() throws {
    var assembler = SnapshotAssembler()
    try assembler.addPage(.pods, Self.podPage(["a", "b"]))
    try assembler.addPage(.pods, Self.podPage(["c"]))
    #expect(assembler.build().pods.value?.map(\.metadata.name) == ["a", "b", "c"])
  }

  @Test func untouchedKindsAreNotCollected() {
    let snapshot = SnapshotAssembler().build()
    #expect(snapshot.ips == .unknown(reason: "not collected"))
    #expect(snapshot.errors.isEmpty)
  }

  @Test func notServedAndUnknown() {
    var assembler = SnapshotAssembler()
    assembler.markNotServed(.virtualMachines)
    assembler.markUnknown(.pods, reason: "forbidden: pods is forbidden")
    let snapshot = assembler.build()
    #expect(snapshot.virtualMachines.isKnown)
    #expect(snapshot.virtualMachines.value == nil)
    #expect(snapshot.pods.isKnown == false)
    #expect(snapshot.errors == [ResourceError(resource: "pods", message: "forbidden: pods is forbidden")])
  }

  @Test func unknownWinsOverPagesAlreadyAdded() throws {
    var assembler = SnapshotAssembler()
    try assembler.addPage(.pods, Self.podPage(["a"]))
    assembler.markUnknown(.pods, reason: "page 2 failed")
    try assembler.addPage(.pods, Self.podPage(["b"]))
    #expect(assembler.build().pods.isKnown == false)
  }

  @Test func malformedPageThrowsAndRecordsNothing() throws {
    var assembler = SnapshotAssembler()
    #expect(throws: ModelError.self) { try assembler.addPage(.pods, Data("{\"kind\":\"PodList\",\"items\":[".utf8)) }
    #expect(assembler.build().pods.isKnown == false)
  }

  @Test func natRulesGetTheirKindFromTheResource() throws {
    var assembler = SnapshotAssembler()
    let page = Data(#"{"kind":"IptablesFIPRuleList","apiVersion":"kubeovn.io/v1","metadata":{"resourceVersion":"3"},"items":[{"metadata":{"name":"fip-old","uid":"f1","resourceVersion":"2"},"spec":{"eip":"eip-old","internalIp":"10.0.1.20"},"status":{"natGwDp":"gw2"}}]}"#.utf8)
    try assembler.addPage(.iptablesFIPRules, page)
    let rule = try #require(assembler.build().fipRules.value?.first)
    #expect(rule.kind == "IptablesFIPRule")
    #expect(rule.eip == "eip-old")
  }

  @Test func decodeIssuesAreCollected() throws {
    var assembler = SnapshotAssembler()
    let page = Data(#"{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"x","namespace":"apps"},"spec":{"hostNetwork":"yes"}}]}"#.utf8)
    try assembler.addPage(.pods, page)
    let snapshot = assembler.build()
    #expect(snapshot.decodeIssues.map(\.object) == ["x"])
    #expect(snapshot.pods.value?.isEmpty == true)
  }
}
