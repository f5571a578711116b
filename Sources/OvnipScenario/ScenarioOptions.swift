import Foundation

/// Inputs of the scenario generator.
public struct ScenarioOptions: Sendable, Hashable {
  public var seed: UInt64
  /// Bulk IP CRs for `big` (in addition to the `leaks` set). IP CRs beyond `pods` leak (`pod-missing`).
  public var ips: Int
  /// Bulk pods for `big`. Pods beyond `ips` are Pending without an address.
  public var pods: Int
  /// The time the objects' ages are counted back from.
  public var now: Date
  /// Seconds between churn ticks.
  public var churnInterval: Double

  public init(
    seed: UInt64 = 42, ips: Int = 1000, pods: Int = 1000,
    now: Date = Date(timeIntervalSince1970: 1_764_000_000), churnInterval: Double = 3
  ) {
    self.seed = seed
    self.ips = ips
    self.pods = pods
    self.now = now
    self.churnInterval = churnInterval
  }
}

/// A problem with the generator's inputs.
public struct ScenarioError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
