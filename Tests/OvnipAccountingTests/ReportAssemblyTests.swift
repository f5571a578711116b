import Foundation
import OvnipModel
import Testing

@testable import OvnipAccounting

struct ReportAssemblyTests {
  typealias F = Fixture

  static func world() -> World {
    World([
      .subnets: [F.subnet("ext", cidr: "192.168.0.0/24"), F.subnet("ovn-default", cidr: "10.16.0.0/16")],
      .ips: [
        F.ip("vpc-nat-gw-gw2-0", ns: "kube-system", subnet: "ext", v4: "192.168.0.12", provider: "ext.kube-system", podType: "StatefulSet"),
        F.ip("web-10", ns: "apps", subnet: "ovn-default", v4: "10.16.0.10"),
        F.ip("web-9", ns: "apps", subnet: "ovn-default", v4: "10.16.0.9"),
      ],
      .pods: [F.pod("web-10", ns: "apps"), F.pod("web-9", ns: "apps")],
      .iptablesEIPs: [F.eip("eip-z", v4: "192.168.0.12", gw: "gw1", subnet: "ext"), F.eip("eip-old", v4: "192.168.0.20", gw: "gw2", subnet: "ext")],
      .iptablesFIPRules: [F.rule("fip-old", eip: "eip-old")],
      .iptablesSnatRules: [F.rule("snat-old", eip: "eip-old")],
      .vpcNatGateways: [F.natGateway("gw1")],
    ])
  }

  @Test func overlapListsEveryHolderIPFirst() {
    let report = Self.world().report()
    #expect(report.overlaps == [
      Overlap(subnet: "ext", address: "192.168.0.12", holders: [
        Holder(kind: .ip, name: "vpc-nat-gw-gw2-0.kube-system.ext.kube-system"), Holder(kind: .iptablesEIP, name: "eip-z"),
      ])
    ])
  }

  @Test func danglingEIPListsItsRuleReferences() {
    let report = Self.world().report()
    #expect(report.danglingEIPs == [
      DanglingEIP(name: "eip-old", natGwDp: "gw2", address: "192.168.0.20", referencedBy: ["IptablesFIPRule/fip-old", "IptablesSnatRule/snat-old"])
    ])
    #expect(report.orphans.map(\.name) == ["vpc-nat-gw-gw2-0.kube-system.ext.kube-system"])
  }

  @Test func noDanglingVerdictWithoutTheGatewayList() {
    var world = Self.world()
    world.unknown = [.vpcNatGateways: "Forbidden"]
    #expect(world.report().danglingEIPs.isEmpty)
  }

  @Test func holdingsAreSortedNumerically() {
    let holdings = Self.world().report().holdings["ovn-default"] ?? []
    #expect(holdings.map(\.address) == ["10.16.0.9", "10.16.0.10"])
  }

  @Test func subnetFilterKeepsOnlyItsObjects() {
    let report = Self.world().report(subnets: ["ovn-default"])
    #expect(report.subnets.map(\.name) == ["ovn-default"])
    #expect(report.overlaps.isEmpty && report.orphans.isEmpty && report.danglingEIPs.isEmpty)
    #expect(report.holdings.keys.sorted() == ["ovn-default"])
    #expect(!report.hasAnomalies)
  }

  @Test func unknownFilterNameIsAnError() {
    let report = Self.world().report(subnets: ["nope"])
    #expect(report.errors.contains(ReportError(resource: "subnets", message: "--subnet nope: no such subnet")))
  }

  @Test func malformedObjectAndBadAddressBecomeErrorLines() {
    var bad = F.ip("odd", ns: "apps", subnet: "ovn-default", v4: "10.16.0.300")
    bad["metadata"] = F.meta("odd.apps")
    var broken = F.ip("broken", ns: "apps", subnet: "ovn-default", v4: "10.16.0.4")
    broken["spec"] = ["subnet": 7]
    let report = Self.world().with(.ips, [bad, broken]).with(.pods, [F.pod("odd", ns: "apps")]).report()
    #expect(report.errors.contains { $0.resource == "ips" && $0.message.hasPrefix("broken.apps: skipped") })
    #expect(report.errors.contains { $0.message.contains("\"10.16.0.300\" is not an IP address") })
  }

  @Test func jsonUsesDecimalStringsAndNullFamilies() throws {
    let data = Self.world().report().jsonData()
    let tree = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let subnets = try #require(tree["subnets"] as? [[String: Any]])
    let ext = try #require(subnets.first { $0["name"] as? String == "ext" })
    #expect(ext["v6"] is NSNull)
    let v4 = try #require(ext["v4"] as? [String: Any])
    #expect(v4["capacity"] as? String == "253")
    #expect(v4["reportedUsing"] is NSNull)
    #expect(tree["schemaVersion"] as? Int == 1)
    #expect(tree["generatedAt"] as? String == "2025-06-15T15:06:40Z")
    let orphan = try #require((tree["orphans"] as? [[String: Any]])?.first)
    #expect(orphan["kind"] as? String == "IP" && orphan["reason"] as? String == "nat-gateway-missing")
  }

  @Test func tableReplacesControlCharacters() {
    var world = Self.world()
    world.objects[.pods] = []
    world = world.with(.ips, [F.ip("evil\u{1B}[2J", ns: "apps", subnet: "ovn-default", v4: "10.16.0.66")])
    let text = world.report().tableText()
    #expect(!text.contains("\u{1B}"))
    #expect(text.contains("evil?[2J.apps"))
  }
}
