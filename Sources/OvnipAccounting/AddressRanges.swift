/// Sets of addresses as sorted, merged closed ranges: `excludeIps` and the status range strings.
public struct AddressRanges: Sendable, Hashable {
  /// Sorted, non-overlapping, non-adjacent ranges.
  public private(set) var ranges: [ClosedRange<UInt128>]

  /// Merges `ranges` (any order, overlaps allowed).
  public init(_ ranges: [ClosedRange<UInt128>]) {
    let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
    var merged: [ClosedRange<UInt128>] = []
    for r in sorted {
      if let last = merged.last,
        last.upperBound == .max || r.lowerBound <= last.upperBound + 1
      {
        merged[merged.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
      } else {
        merged.append(r)
      }
    }
    self.ranges = merged
  }

  /// Number of addresses. Saturates at `UInt128.max` (only reachable for a whole v6 space).
  public var count: UInt128 {
    var total: UInt128 = 0
    for r in ranges {
      let (size, overflow) = (r.upperBound - r.lowerBound).addingReportingOverflow(1)
      if overflow { return .max }
      let (sum, o2) = total.addingReportingOverflow(size)
      if o2 { return .max }
      total = sum
    }
    return total
  }

  /// Binary search: true when `value` lies in one of the ranges.
  public func contains(_ value: UInt128) -> Bool {
    var lo = 0
    var hi = ranges.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if ranges[mid].upperBound < value {
        lo = mid + 1
      } else if ranges[mid].lowerBound > value {
        hi = mid
      } else {
        return true
      }
    }
    return false
  }

  /// Kube-OVN's `ExpandExcludeIPs` for one family: `excludeIps` entries (`a` or `a..b`) of
  /// `cidr`'s family, ranges clamped to the usable range, single addresses kept only when
  /// usable. Entries of the other family are skipped; malformed entries are returned in
  /// `invalid` (the controller ignores them too).
  public static func excluded(_ entries: [String], in cidr: CIDR) -> (ranges: AddressRanges, invalid: [String]) {
    let usable = cidr.usable
    var out: [ClosedRange<UInt128>] = []
    var invalid: [String] = []
    for entry in entries {
      guard let (low, high) = parseExclude(entry) else {
        invalid.append(entry)
        continue
      }
      guard low.family == cidr.family else { continue }
      let lo = max(low.value, usable.lowerBound)
      let hi = min(high.value, usable.upperBound)
      if lo <= hi { out.append(lo...hi) }
    }
    return (AddressRanges(out), invalid)
  }

  /// `a` or `a..b` (two dots). Nil when malformed or reversed or mixed families.
  static func parseExclude(_ entry: String) -> (IPAddress, IPAddress)? {
    if let dots = entry.range(of: "..") {
      guard let a = IPAddress(entry[..<dots.lowerBound]), let b = IPAddress(entry[dots.upperBound...]),
        a.family == b.family, a.value <= b.value
      else { return nil }
      return (a, b)
    }
    guard let a = IPAddress(entry) else { return nil }
    return (a, a)
  }

  /// Parses a status range string (`10.16.0.2-10.16.0.3,10.16.0.5`, single hyphen). `""` is
  /// the empty set. Nil when any element is malformed.
  public static func parseStatus(_ text: String) -> AddressRanges? {
    var out: [ClosedRange<UInt128>] = []
    for element in text.split(separator: ",") {
      let item = element.trimmingCharacters(in: .whitespaces)
      if item.isEmpty { continue }
      // IPv6 has no '-', so the first hyphen splits start and end.
      if let dash = item.firstIndex(of: "-") {
        guard let a = IPAddress(item[..<dash]), let b = IPAddress(item[item.index(after: dash)...]),
          a.family == b.family, a.value <= b.value
        else { return nil }
        out.append(a.value...b.value)
      } else {
        guard let a = IPAddress(item) else { return nil }
        out.append(a.value...a.value)
      }
    }
    return AddressRanges(out)
  }
}
