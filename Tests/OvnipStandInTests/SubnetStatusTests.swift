import Foundation
import OvnipModel
@testable import OvnipScenario
import Testing

/// Subnet status is counted the controller's way.
@Suite struct SubnetStatusTests {
  static func subnet(_ s: Scenario, _ name: String) -> JSONValue {
    s.items(.subnets).first { $0.name == name }!
  }

  /// Number of addresses in a range string like `10.0.0.2-10.0.0.4,10.0.0.9`.
  static func rangeCount(_ text: String) -> Int {
    text.split(separator: ",").reduce(0) { sum, part in
      let ends = part.split(separator: "-").map { IPv4CIDR.parse(String($0))! }
      return sum + Int(ends.last! - ends.first!) + 1
    }
  }

  @Test func externalSubnetOverflowsInLeaks() throws {
    let s = try ScenarioGenerator.make("leaks")
    let ext = Self.subnet(s, "ovn-vpc-external-network")
    // 192.168.0.0/27: 30 usable − 10 excluded = 20; 21 holders counted (one address twice).
    #expect(ext.value(at: ["spec", "cidrBlock"]) == "192.168.0.0/27")
    #expect(ext.value(at: ["status", "v4usingIPs"]) == 21)
    #expect(ext.value(at: ["status", "v4availableIPs"]) == 0)
    #expect(ext.value(at: ["status", "v4usingIPrange"]) == "192.168.0.11-192.168.0.30")
    #expect(ext.value(at: ["status", "v4availableIPrange"]) == "")
  }

  @Test func healthyCountsAgreeWithRanges() throws {
    let s = try ScenarioGenerator.make("healthy")
    for subnet in s.items(.subnets) {
      let using = subnet.value(at: ["status", "v4usingIPs"])?.intValue ?? -1
      let range = subnet.value(at: ["status", "v4usingIPrange"])?.stringValue ?? ""
      #expect(using == Self.rangeCount(range), "\(subnet.name)")
      let available = subnet.value(at: ["status", "v4availableIPs"])?.intValue ?? -1
      let availableRange = subnet.value(at: ["status", "v4availableIPrange"])?.stringValue ?? ""
      #expect(available == Self.rangeCount(availableRange), "\(subnet.name)")
    }
    let ext = Self.subnet(s, "ovn-vpc-external-network")
    // 192.168.0.0/24, .1..10 excluded: gw1's external NIC + 3 EIPs.
    #expect(ext.value(at: ["status", "v4usingIPs"]) == 4)
    #expect(ext.value(at: ["status", "v4availableIPs"]) == 240)
    #expect(ext.value(at: ["status", "v4availableIPrange"]) == "192.168.0.15-192.168.0.254")
    let net1 = Self.subnet(s, "net1")
    #expect(net1.value(at: ["status", "u2oInterconnectionIP"])?.stringValue?.hasPrefix("10.0.1.") == true)
  }

  @Test func excludeRangesExpandClampAndMerge() {
    let cidr = IPv4CIDR("10.0.0.0/24")!
    let r = SubnetStatus.expand(["10.0.0.1", "10.0.0.5..10.0.0.9", "10.0.0.8..10.0.1.20", "10.9.9.9"], in: cidr)
    #expect(r.map { IPv4CIDR.format($0.0) + "-" + IPv4CIDR.format($0.1) } == ["10.0.0.1-10.0.0.1", "10.0.0.5-10.0.0.254"])
  }

  @Test func rangeStringsUseSingleHyphens() {
    let a = ["10.0.0.2", "10.0.0.3", "10.0.0.5"].map { IPv4CIDR.parse($0)! }
    #expect(SubnetStatus.format(SubnetStatus.ranges(a)) == "10.0.0.2-10.0.0.3,10.0.0.5")
  }
}
