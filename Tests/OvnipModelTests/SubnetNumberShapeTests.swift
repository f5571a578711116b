import Foundation
import Testing

@testable import OvnipModel

/// Subnet status counters as each Kube-OVN version prints them (domain §2.3).
struct SubnetNumberShapeTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var label: String
    /// The raw JSON text of `status.v6availableIPs`, or nil to leave the field out.
    var raw: String?
    var expected: String?
    var testDescription: String { label }
  }

  static let cases: [Case] = [
    Case(label: "v1.11-v1.15 float64, integral", raw: "253", expected: "253"),
    Case(label: "float with a fraction part", raw: "253.0", expected: "253"),
    Case(label: "Go shortest round-trip of a /64", raw: "18446744073709552000", expected: "18446744073709552000"),
    Case(label: "exponent form", raw: "1.8446744073709552e+19", expected: "18446744073709552000"),
    Case(label: "exponent form >= 1e21", raw: "1.2089258196146292e+24", expected: "1208925819614629200000000"),
    Case(label: "v1.16 BigInt, 39 digits (/0 v6)", raw: "340282366920938463463374607431768211454",
         expected: "340282366920938463463374607431768211454"),
    // 2^128 - 1: the largest count any address family can have; exact (Decimal's
    // 128-bit mantissa is the limit for unquoted numbers).
    Case(label: "v1.16 BigInt, 2^128 - 1", raw: "340282366920938463463374607431768211455",
         expected: "340282366920938463463374607431768211455"),
    Case(label: "quoted BigInt past 128 bits", raw: "\"1340282366920938463463374607431768211455\"",
         expected: "1340282366920938463463374607431768211455"),
    Case(label: "quoted number", raw: "\"253\"", expected: "253"),
    Case(label: "zero", raw: "0", expected: "0"),
    Case(label: "absent field", raw: nil, expected: nil),
    Case(label: "null field", raw: "null", expected: nil),
  ]

  static func subnetList(status: String) -> Data {
    Data(
      """
      {"kind":"SubnetList","apiVersion":"kubeovn.io/v1","metadata":{"resourceVersion":"9001"},"items":[{"apiVersion":"kubeovn.io/v1","kind":"Subnet","metadata":{"name":"ovn-default","uid":"3f0d","resourceVersion":"812","creationTimestamp":"2025-06-20T13:30:00Z"},"spec":{"cidrBlock":"10.16.0.0/16,fd00:10:16::/64","gateway":"10.16.0.1,fd00:10:16::1","excludeIps":["10.16.0.1","fd00:10:16::1"],"protocol":"Dual","provider":"ovn","vpc":"ovn-cluster"},"status":\(status)}]}
      """.utf8)
  }

  @Test(arguments: cases)
  func counterShape(_ c: Case) throws {
    let field = c.raw.map { ",\"v6availableIPs\":\($0)" } ?? ""
    let data = Self.subnetList(status: "{\"v4usingIPs\":3\(field)}")
    let list = try KubeList<Subnet>.decode(data, resource: "subnets")
    #expect(list.issues.isEmpty, "\(list.issues)")
    let subnet = try #require(list.items.first)
    #expect(subnet.status.v6availableIPs?.digits == c.expected)
    #expect(subnet.status.v4usingIPs?.digits == "3")
  }

  @Test func v111SubnetHasNoRangeStrings() throws {
    let data = Self.subnetList(status: #"{"v4availableIPs":65530,"v4usingIPs":3,"v6availableIPs":0,"v6usingIPs":0}"#)
    let subnet = try #require(try KubeList<Subnet>.decode(data, resource: "subnets").items.first)
    #expect(subnet.status.v4usingIPrange == nil)
    #expect(subnet.status.v4availableIPrange == nil)
  }

  @Test func emptyRangeStringIsEmptyNotAbsent() throws {
    let data = Self.subnetList(status: #"{"v4usingIPs":0,"v4usingIPrange":""}"#)
    let subnet = try #require(try KubeList<Subnet>.decode(data, resource: "subnets").items.first)
    #expect(subnet.status.v4usingIPrange == "")
  }

  @Test func nullStatusDecodesAsEmpty() throws {
    let subnet = try #require(try KubeList<Subnet>.decode(Self.subnetList(status: "null"), resource: "subnets").items.first)
    #expect(subnet.status.v4usingIPs == nil)
    #expect(subnet.spec.cidrBlock == "10.16.0.0/16,fd00:10:16::/64")
  }

  @Test(arguments: ["-3", "\"lots\"", "true"])
  func nonNumericCounterMakesTheObjectMalformed(_ raw: String) throws {
    let list = try KubeList<Subnet>.decode(Self.subnetList(status: "{\"v4usingIPs\":\(raw)}"), resource: "subnets")
    #expect(list.items.isEmpty)
    #expect(list.issues.map(\.object) == ["ovn-default"])
  }
}
