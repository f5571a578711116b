import Foundation

/// The IPv6 half of a dual-stack Subnet's status (kube-ovn-domain.md §4): the same
/// `usingIPs` as v4, availability from the v6 CIDR computed in float64 as ≤ v1.15 does
/// (so a /64 prints as `18446744073709552000`), ranges from the IPAM view.
enum V6Status {
  static func fill(_ s: inout JSONValue, net: IPv6Net, excludes: [String], using: Int, addresses: Set<UInt64>) {
    let first = net.low &+ 1
    let last = net.lastLow &- 1
    // Exclude entries as [lo, hi] on the low 64 bits, clamped and merged.
    var excluded: [(UInt64, UInt64)] = []
    for e in excludes {
      let parts = e.components(separatedBy: "..")
      guard let (_, lo) = IPv6Net.parse(parts[0]), let (_, hi) = IPv6Net.parse(parts.last!) else { continue }
      let a = max(lo, first), b = min(hi, last)
      if a <= b { excluded.append((a, b)) }
    }
    excluded.sort { $0.0 < $1.0 }
    let excludedCount = excluded.reduce(0.0) { $0 + Double($1.1 - $1.0) + 1 }
    let capacity = net.hostBits >= 64 ? pow(2.0, Double(net.hostBits)) - 2 : Double((UInt64(1) << UInt64(net.hostBits)) - 2)
    let available = max(0, capacity - excludedCount - Double(using))
    let used = addresses.filter { a in a >= first && a <= last && !excluded.contains { a >= $0.0 && a <= $0.1 } }.sorted()
    var usedRanges: [(UInt64, UInt64)] = []
    for a in used {
      if let l = usedRanges.last, a == l.1 &+ 1 { usedRanges[usedRanges.count - 1].1 = a } else { usedRanges.append((a, a)) }
    }
    var taken = usedRanges + excluded
    taken.sort { $0.0 < $1.0 }
    var free: [(UInt64, UInt64)] = []
    var cursor = first
    var done = false
    for (lo, hi) in taken where !done {
      if lo > cursor { free.append((cursor, lo - 1)) }
      if hi >= last { done = true } else { cursor = max(cursor, hi + 1) }
    }
    if !done && cursor <= last { free.append((cursor, last)) }
    func text(_ r: [(UInt64, UInt64)]) -> String {
      r.map {
        $0.0 == $0.1
          ? IPv6Net.format(net.high, $0.0) : "\(IPv6Net.format(net.high, $0.0))-\(IPv6Net.format(net.high, $0.1))"
      }.joined(separator: ",")
    }
    s.set(["status", "v6availableIPrange"], .string(text(free)))
    s.set(["status", "v6availableIPs"], available < 9e15 ? .int(Int(available)) : .double(available))
    s.set(["status", "v6usingIPrange"], .string(text(usedRanges)))
    s.set(["status", "v6usingIPs"], .int(using))
  }
}
