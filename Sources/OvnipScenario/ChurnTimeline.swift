import Foundation
import OvnipModel

/// One change to the cluster, applied by the stand-in (which emits the watch events).
public enum ScenarioMutation: Sendable, Hashable {
  /// Create, or replace if it exists (matched by namespace/name).
  case upsert(ResourceKind, JSONValue)
  /// Delete by namespace ("" for cluster-scoped) and name; absent objects are ignored.
  case delete(ResourceKind, namespace: String, name: String)
}

/// A pure timeline: the mutations to apply at each tick (tick 0, 1, 2, …).
public struct ChurnTimeline: Sendable {
  /// Seconds between ticks when the stand-in applies it on a timer.
  public var tickInterval: Double
  /// The mutations of one tick. Pure: the same tick always gives the same mutations.
  public var step: @Sendable (_ tick: Int) -> [ScenarioMutation]

  public init(tickInterval: Double, step: @escaping @Sendable (_ tick: Int) -> [ScenarioMutation]) {
    self.tickInterval = tickInterval
    self.step = step
  }
}
