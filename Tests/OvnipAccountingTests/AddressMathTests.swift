import Testing

@testable import OvnipAccounting

struct AddressMathTests {
  @Test(arguments: [
    ("10.16.0.5", "10.16.0.5"), ("0.0.0.0", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
    (" 192.168.0.1 ", "192.168.0.1"), ("fd00:10:16::1", "fd00:10:16::1"), ("FD00:0:0:0:0:0:0:1", "fd00::1"),
    ("::", "::"), ("::1", "::1"), ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"), ("::ffff:1.2.3.4", "::ffff:102:304"),
    ("fd00:10:16::ffff:ffff:ffff:fffe", "fd00:10:16:0:ffff:ffff:ffff:fffe"),  // RFC 5952: one zero group stays
    ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
  ])
  func parsesAndPrintsCanonically(_ text: String, _ canonical: String) throws {
    let address = try #require(IPAddress(text))
    #expect(address.description == canonical)
  }

  @Test(arguments: [
    "", "10.16.0", "10.16.0.256", "10.16.0.05", "10.16.0.5.1", "1.2.3.4/24", "fd00::1::2", "1:2:3:4:5:6:7:8:9",
    "fd00::g", "12345::1", "10.16.0.-1", "abc", "fe80::1%eth0",
  ])
  func rejectsMalformed(_ text: String) {
    #expect(IPAddress(text) == nil)
  }

  struct CapacityCase: Sendable, CustomTestStringConvertible {
    var cidr: String
    var capacity: UInt128
    var testDescription: String { cidr }
  }

  @Test(arguments: [
    CapacityCase(cidr: "10.0.0.0/8", capacity: 16_777_214),
    CapacityCase(cidr: "10.16.0.0/16", capacity: 65534),
    CapacityCase(cidr: "192.168.0.0/24", capacity: 254),
    CapacityCase(cidr: "192.168.0.0/30", capacity: 2),
    CapacityCase(cidr: "192.168.0.0/31", capacity: 2),
    CapacityCase(cidr: "192.168.0.7/32", capacity: 1),
    CapacityCase(cidr: "0.0.0.0/0", capacity: 4_294_967_294),
    CapacityCase(cidr: "fd00:10:16::/64", capacity: 18_446_744_073_709_551_614),
    CapacityCase(cidr: "fd00::/120", capacity: 254),
    CapacityCase(cidr: "fd00::/127", capacity: 2),
    CapacityCase(cidr: "fd00::1/128", capacity: 1),
    CapacityCase(cidr: "fd00::/8", capacity: (UInt128(1) << 120) - 2),
    CapacityCase(cidr: "::/0", capacity: UInt128.max - 1),
  ])
  func kubeOVNAddressCount(_ c: CapacityCase) throws {
    #expect(try #require(CIDR(c.cidr)).addressCount == c.capacity)
  }

  @Test func cidrContainsAndClearsHostBits() throws {
    let cidr = try #require(CIDR("10.16.3.7/16"))
    #expect(cidr.description == "10.16.0.0/16")
    #expect(cidr.contains(IPAddress("10.16.255.255")!))
    #expect(!cidr.contains(IPAddress("10.17.0.0")!))
    #expect(!cidr.contains(IPAddress("::a10:0")!))  // other family
    let v6 = try #require(CIDR("fd00:10:16::/64"))
    #expect(v6.contains(IPAddress("fd00:10:16::ffff:ffff:ffff:ffff")!))
    #expect(!v6.contains(IPAddress("fd00:10:17::")!))
    #expect(CIDR("10.16.0.0/33") == nil && CIDR("10.16.0.0") == nil && CIDR("fd00::/129") == nil)
  }

  struct ExcludeCase: Sendable, CustomTestStringConvertible {
    var label: String
    var cidr: String
    var entries: [String]
    var count: UInt128
    var invalid: [String] = []
    var testDescription: String { label }
  }

  @Test(arguments: [
    ExcludeCase(label: "gateway only", cidr: "10.16.0.0/16", entries: ["10.16.0.1"], count: 1),
    ExcludeCase(label: "range with two dots", cidr: "192.168.0.0/24", entries: ["192.168.0.1..192.168.0.10"], count: 10),
    ExcludeCase(label: "range overlapping the gateway entry", cidr: "192.168.0.0/24",
                entries: ["192.168.0.1", "192.168.0.1..192.168.0.10", "192.168.0.5"], count: 10),
    ExcludeCase(label: "range clamped to the usable range", cidr: "192.168.0.0/24",
                entries: ["192.168.0.0..192.168.0.3", "192.168.0.250..192.168.1.20"], count: 3 + 5),
    ExcludeCase(label: "network, broadcast and outside singles ignored", cidr: "192.168.0.0/24",
                entries: ["192.168.0.0", "192.168.0.255", "10.0.0.1"], count: 0),
    ExcludeCase(label: "other family skipped", cidr: "10.16.0.0/16", entries: ["fd00::1", "10.16.0.1"], count: 1),
    ExcludeCase(label: "v6 range", cidr: "fd00:10:16::/64", entries: ["fd00:10:16::1..fd00:10:16::ff"], count: 255),
    ExcludeCase(label: "malformed entries reported", cidr: "10.16.0.0/16", entries: ["10.16.0.9-10.16.0.12", "10.16.0.20..10.16.0.10", "x"],
                count: 0, invalid: ["10.16.0.9-10.16.0.12", "10.16.0.20..10.16.0.10", "x"]),
    ExcludeCase(label: "/31 keeps both addresses", cidr: "10.0.0.0/31", entries: ["10.0.0.0"], count: 1),
  ])
  func expandExcludeIPs(_ c: ExcludeCase) throws {
    let result = AddressRanges.excluded(c.entries, in: try #require(CIDR(c.cidr)))
    #expect(result.ranges.count == c.count)
    #expect(result.invalid == c.invalid)
  }

  @Test(arguments: [
    ("", UInt128(0)), ("10.16.0.2-10.16.0.3,10.16.0.5", 3), ("192.168.0.11-192.168.0.96", 86),
    ("fd00:10:16::2-fd00:10:16::4", 3), ("10.16.0.5,10.16.0.5", 1),
    ("fd00:10:16::5-fd00:10:16::ffff:ffff:ffff:fffe", 18_446_744_073_709_551_610),
  ])
  func statusRangeStringsAreCounted(_ text: String, _ count: UInt128) throws {
    #expect(try #require(AddressRanges.parseStatus(text)).count == count)
  }

  @Test(arguments: ["10.16.0.9..10.16.0.12", "10.16.0.9-", "10.16.0.3-10.16.0.2", "ten"])
  func malformedStatusRangeIsNil(_ text: String) {
    #expect(AddressRanges.parseStatus(text) == nil)
  }

  @Test func rangesContainUsesMergedRanges() throws {
    let ranges = AddressRanges([5...9, 1...3, 4...4, 20...30])
    #expect(ranges.ranges == [1...9, 20...30])
    #expect(ranges.contains(4) && ranges.contains(25) && !ranges.contains(10) && !ranges.contains(31))
  }
}
