import Foundation

/// Subnet status the way kube-ovn-controller computes it (kube-ovn-domain.md §4, v1.15+ rules):
/// `v4usingIPs` counts IP CRs carrying the `<subnet>: ""` label, plus unbound Vips, IptablesEIPs
/// and OvnEips labelled with the subnet, without de-duplicating addresses (#4747); the range
/// strings come from the IPAM view (unique addresses), minus `excludeIps`.
public enum SubnetStatus {
  /// Returns `subnets` with `status.v4*` filled in.
  public static func fill(
    subnets: [JSONValue], ips: [JSONValue], eips: [JSONValue], ovnEips: [JSONValue], vips: [JSONValue]
  ) -> [JSONValue] {
    var crCount: [String: Int] = [:]
    var counted: [String: [UInt32]] = [:]
    var addresses: [String: Set<UInt32>] = [:]
    var u2o: [String: String] = [:]
    var mcast: [String: String] = [:]
    func label(_ o: JSONValue, _ key: String) -> String? {
      o.value(at: ["metadata", "labels", key])?.stringValue
    }
    for ip in ips {
      let subnet = ip.value(at: ["spec", "subnet"])?.stringValue ?? ""
      let a = ip.value(at: ["spec", "v4IpAddress"])?.stringValue ?? ""
      if label(ip, subnet) == "" {
        crCount[subnet, default: 0] += 1
        if let v = IPv4CIDR.parse(a) { counted[subnet, default: []].append(v) }
      }
      if let v = IPv4CIDR.parse(a) { addresses[subnet, default: []].insert(v) }
      if ip.name.hasPrefix("u2o-interconnection.") { u2o[subnet] = a }
      if ip.name.hasPrefix("mcast-querier.") { mcast[subnet] = a }
    }
    var extra: [String: Int] = [:]
    for (list, path, isVip) in [
      (eips, ["status", "ip"], false), (ovnEips, ["status", "v4Ip"], false), (vips, ["status", "v4ip"], true),
    ] {
      for o in list {
        guard let s = label(o, "ovn.kubernetes.io/subnet") else { continue }
        if isVip, label(o, "ovn.kubernetes.io/ip_reserved") != "" { continue }
        extra[s, default: 0] += 1
        if let v = IPv4CIDR.parse(o.value(at: path)?.stringValue ?? "") {
          addresses[s, default: []].insert(v)
        }
      }
    }
    return subnets.map { subnet in
      var s = subnet
      let name = s.name
      guard let cidr = IPv4CIDR(s.value(at: ["spec", "cidrBlock"])?.stringValue ?? "") else { return s }
      let gateway = s.value(at: ["spec", "gateway"])?.stringValue ?? ""
      let excludes = (s.value(at: ["spec", "excludeIps"])?.arrayValue ?? []).compactMap(\.stringValue)
      let excluded = expand(excludes, in: cidr)
      let nonGatewayExcluded = expand(excludes.filter { $0 != gateway }, in: cidr)
      let first = cidr.base &+ (cidr.prefix >= 31 ? 0 : 1)
      let last = cidr.base &+ UInt32(cidr.size - 1) &- (cidr.prefix >= 31 ? 0 : 1)
      // Static IP CRs inside a non-gateway exclude range are not counted.
      let inExclude = (counted[name] ?? []).filter { contains(nonGatewayExcluded, $0) }.count
      let using = (crCount[name] ?? 0) - inExclude + (extra[name] ?? 0)
      let excludedCount = excluded.reduce(0) { $0 + Int($1.1 - $1.0 + 1) }
      let available = max(0, Int(cidr.usableCount) - excludedCount - using)
      let used = (addresses[name] ?? []).filter { $0 >= first && $0 <= last && !contains(excluded, $0) }
        .sorted()
      let free = complement(of: used, excluded: excluded, first: first, last: last)
      s.set(["status", "v4availableIPrange"], .string(format(free)))
      s.set(["status", "v4availableIPs"], .int(available))
      s.set(["status", "v4usingIPrange"], .string(format(ranges(used))))
      s.set(["status", "v4usingIPs"], .int(using))
      if let a = u2o[name] { s.set(["status", "u2oInterconnectionIP"], .string(a)) }
      if let a = mcast[name] { s.set(["status", "mcastQuerierIP"], .string(a)) }
      return s
    }
  }

  /// `excludeIps` entries (`a` or `a..b`) as sorted, merged, clamped [lo, hi] ranges.
  static func expand(_ entries: [String], in cidr: IPv4CIDR) -> [(UInt32, UInt32)] {
    let first = cidr.base &+ (cidr.prefix >= 31 ? 0 : 1)
    let last = cidr.base &+ UInt32(cidr.size - 1) &- (cidr.prefix >= 31 ? 0 : 1)
    var out: [(UInt32, UInt32)] = []
    for e in entries {
      let parts = e.components(separatedBy: "..")
      guard let lo = IPv4CIDR.parse(parts[0]), let hi = IPv4CIDR.parse(parts.last!) else { continue }
      let a = max(lo, first), b = min(hi, last)
      if a <= b { out.append((a, b)) }
    }
    out.sort { $0.0 < $1.0 }
    var merged: [(UInt32, UInt32)] = []
    for r in out {
      if let l = merged.last, r.0 <= l.1 &+ 1 {
        merged[merged.count - 1].1 = max(l.1, r.1)
      } else {
        merged.append(r)
      }
    }
    return merged
  }

  static func contains(_ ranges: [(UInt32, UInt32)], _ a: UInt32) -> Bool {
    ranges.contains { a >= $0.0 && a <= $0.1 }
  }

  /// Sorted unique addresses → merged ranges.
  static func ranges(_ sorted: [UInt32]) -> [(UInt32, UInt32)] {
    var out: [(UInt32, UInt32)] = []
    for a in sorted {
      if let l = out.last, a == l.1 &+ 1 { out[out.count - 1].1 = a } else { out.append((a, a)) }
    }
    return out
  }

  /// [first, last] minus `used` minus `excluded`, as ranges.
  static func complement(of used: [UInt32], excluded: [(UInt32, UInt32)], first: UInt32, last: UInt32)
    -> [(UInt32, UInt32)]
  {
    var taken = ranges(used) + excluded
    taken.sort { $0.0 < $1.0 }
    var out: [(UInt32, UInt32)] = []
    var cursor = UInt64(first)
    for (lo, hi) in taken {
      if UInt64(lo) > cursor { out.append((UInt32(cursor), lo - 1)) }
      cursor = max(cursor, UInt64(hi) + 1)
    }
    if cursor <= UInt64(last) { out.append((UInt32(cursor), last)) }
    return out
  }

  /// `a.b.c.d-a.b.c.e,a.b.c.f` (single hyphen, comma-separated).
  static func format(_ ranges: [(UInt32, UInt32)]) -> String {
    ranges.map { $0.0 == $0.1 ? IPv4CIDR.format($0.0) : "\(IPv4CIDR.format($0.0))-\(IPv4CIDR.format($0.1))" }
      .joined(separator: ",")
  }
}
