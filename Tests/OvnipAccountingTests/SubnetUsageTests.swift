import Foundation
import OvnipModel
import Testing

@testable import OvnipAccounting

struct SubnetUsageTests {
  typealias F = Fixture

  static func usage(_ world: World, _ name: String) throws -> SubnetUsage {
    try #require(world.report().subnets.first { $0.name == name })
  }

  @Test func dualStackWithA64IsExact() throws {
    let world = World([
      .subnets: [F.subnet("ovn-default", cidr: "10.16.0.0/16,fd00:10:16::/64",
                          status: ["v4usingIPs": 1, "v6usingIPs": 1, "v6availableIPs": 18446744073709551612 as UInt64,
                                   "v4usingIPrange": "10.16.0.2", "v6usingIPrange": "fd00:10:16::2"])],
      .ips: [F.ip("web-0", ns: "apps", subnet: "ovn-default", v4: "10.16.0.2", v6: "fd00:10:16::2")],
      .pods: [F.pod("web-0", ns: "apps")],
    ])
    let u = try Self.usage(world, "ovn-default")
    #expect(u.protocol == "Dual")
    #expect(u.v4?.capacity == 65533)
    #expect(u.v6?.capacity == 18_446_744_073_709_551_613)
    #expect(u.v6?.reportedAvailable?.digits == "18446744073709551612")
    // One dual-stack CR counts once in the shared formula, and once per family as held.
    #expect(u.v4?.controllerUsing == 1 && u.v6?.controllerUsing == 1)
    #expect(u.v4?.distinctUsing == 1 && u.v6?.distinctUsing == 1)
    #expect(u.v4?.reportedUsingRangeCount == 1 && u.v6?.reportedUsingRangeCount == 1)
    #expect(u.flags.isEmpty)
  }

  @Test func slash8Capacity() throws {
    let u = try Self.usage(World([.subnets: [F.subnet("big", cidr: "10.0.0.0/8")]]), "big")
    #expect(u.v4?.capacity == 16_777_213)  // 2^24 − 2 − gateway
    #expect(u.v6 == nil)
  }

  @Test func excludesOverlappingTheGatewayCountOnce() throws {
    let world = World([.subnets: [F.subnet("ext", cidr: "192.168.0.0/24", gateway: "192.168.0.1",
                                           excludeIps: ["192.168.0.1", "192.168.0.1..192.168.0.10", "192.168.0.0..192.168.0.2"])]])
    #expect(try Self.usage(world, "ext").v4?.capacity == 244)
  }

  @Test func v111StatusWithoutRangeStrings() throws {
    let world = World([.subnets: [F.subnet("old", cidr: "10.17.0.0/24", status: ["v4usingIPs": 0, "v4availableIPs": 253])]])
    let u = try Self.usage(world, "old")
    #expect(u.v4?.reportedUsingRangeCount == nil)
    #expect(u.v4?.reportedAvailable?.digits == "253")
    #expect(u.flags.isEmpty)
  }

  struct FlagCase: Sendable, CustomTestStringConvertible {
    var flag: SubnetFlag?
    var world: @Sendable () -> World
    var testDescription: String { flag?.rawValue ?? "no flag" }
  }

  static let flagCases: [FlagCase] = [
    FlagCase(flag: nil) {
      World([.subnets: [F.subnet("s", cidr: "10.16.0.0/24", status: ["v4usingIPs": 1, "v4usingIPrange": "10.16.0.2"])],
             .ips: [F.ip("a", ns: "apps", subnet: "s", v4: "10.16.0.2")], .pods: [F.pod("a", ns: "apps")]])
    },
    FlagCase(flag: .usingExceedsCapacity) {
      // /29: 6 usable − gateway = 5; the controller counted 9 (#4747).
      World([.subnets: [F.subnet("s", cidr: "10.16.0.0/29", status: ["v4usingIPs": 9])]])
    },
    FlagCase(flag: .rangeCountMismatch) {
      World([.subnets: [F.subnet("s", cidr: "10.16.0.0/24", status: ["v4usingIPs": 0, "v4usingIPrange": "10.16.0.2-10.16.0.3"])]])
    },
    FlagCase(flag: .reportedDrift) {
      World([.subnets: [F.subnet("s", cidr: "10.16.0.0/24", status: ["v4usingIPs": 5])]])
    },
    FlagCase(flag: .doubleCounted) {
      World([.subnets: [F.subnet("s", cidr: "192.168.0.0/24")],
             .ips: [F.ip("a", ns: "apps", subnet: "s", v4: "192.168.0.12")], .pods: [F.pod("a", ns: "apps")],
             .iptablesEIPs: [F.eip("e1", v4: "192.168.0.12", gw: "gw1", subnet: "s")], .vpcNatGateways: [F.natGateway("gw1")]])
    },
    FlagCase(flag: .addressesOutsideCIDR) {
      World([.subnets: [F.subnet("s", cidr: "10.16.0.0/24")],
             .ips: [F.ip("a", ns: "apps", subnet: "s", v4: "10.99.0.1")], .pods: [F.pod("a", ns: "apps")]])
    },
    FlagCase(flag: .terminatingWithHolders) {
      World([.subnets: [F.subnet("s", cidr: "10.16.0.0/24", deleting: true)],
             .ips: [F.ip("a", ns: "apps", subnet: "s", v4: "10.16.0.2")], .pods: [F.pod("a", ns: "apps")]])
    },
  ]

  @Test(arguments: flagCases)
  func flag(_ c: FlagCase) throws {
    let u = try Self.usage(c.world(), "s")
    // Only the flag under test (reported-drift and range-count-mismatch need a status, which
    // the cases give only when they test it).
    let relevant = u.flags.filter { $0 != .reportedDrift || c.flag == .reportedDrift || c.flag == nil }
    #expect(relevant == (c.flag.map { [$0] } ?? []), "\(u.flags)")
  }

  @Test func controllerFormulaCountsLikeKubeOVN() throws {
    let world = World([
      .subnets: [F.subnet("s", cidr: "10.16.0.0/24", gateway: "10.16.0.1", excludeIps: ["10.16.0.1", "10.16.0.100..10.16.0.110"])],
      .ips: [
        F.ip("a", ns: "apps", subnet: "s", v4: "10.16.0.2"),
        F.ip("b", ns: "apps", subnet: "s", v4: "10.16.0.105"),  // static IP in a non-gateway exclude: subtracted
        F.ip("c", ns: "apps", subnet: "s", v4: "10.16.0.3", subnetLabel: false),  // no `<subnet>: ""` label: not counted
      ],
      .pods: [F.pod("a", ns: "apps"), F.pod("b", ns: "apps"), F.pod("c", ns: "apps")],
      .vips: [F.vip("free", v4: "10.16.0.50", subnet: "s"), F.vip("bound", v4: "10.16.0.51", subnet: "s", boundTo: "a.apps")],
      .iptablesEIPs: [F.eip("e1", v4: "10.16.0.60", gw: "gw1", subnet: "s"), F.eip("e2", v4: "10.16.0.61", gw: "gw1", subnet: "s", labelled: false)],
      .ovnEips: [F.ovnEip("o1", v4: "10.16.0.70", subnet: "s")],
      .vpcNatGateways: [F.natGateway("gw1")],
    ])
    let u = try Self.usage(world, "s")
    #expect(u.v4?.controllerUsing == 1 + 1 + 1 + 1)  // a, free vip, e1, o1
    #expect(u.v4?.distinctUsing == 8)  // every holder's address, labelled or not
    #expect(u.v4?.capacity == 242)  // 253 − 11 excluded
  }

  @Test func formulaIncompleteWhenAListIsUnknown() throws {
    var world = World([.subnets: [F.subnet("s", cidr: "10.16.0.0/24", status: ["v4usingIPs": 5])]])
    world.unknown = [.iptablesEIPs: "Forbidden"]
    #expect(try Self.usage(world, "s").flags.contains(.reportedDrift) == false)
  }
}
