/// Per-subnet history over the session: distinct usage and orphan count per refresh.
public struct TrendHistory: Sendable, Hashable {
  /// Samples kept per subnet (the widest sparkline drawn).
  public var capacity: Int
  public private(set) var usage: [String: [Int]] = [:]
  public private(set) var orphans: [String: [Int]] = [:]

  public init(capacity: Int = 60) { self.capacity = capacity }

  /// Appends one sample per subnet; subnets that disappeared keep their history.
  public mutating func record(subnet: String, distinct: Int, orphanCount: Int) {
    append(distinct, to: &usage[subnet, default: []])
    append(orphanCount, to: &orphans[subnet, default: []])
  }

  private func append(_ value: Int, to series: inout [Int]) {
    series.append(value)
    if series.count > capacity { series.removeFirst(series.count - capacity) }
  }
}
