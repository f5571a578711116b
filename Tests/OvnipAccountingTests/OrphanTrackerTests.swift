import Foundation
import OvnipAccounting
import Testing

@Suite struct OrphanTrackerTests {
  let t0 = Date(timeIntervalSince1970: 1_795_000_000)

  func orphan(_ name: String, uid: String = "u1", rv: String = "10") -> Orphan {
    Orphan(
      name: name, uid: uid, resourceVersion: rv, subnet: "net1", addresses: ["10.0.1.5"],
      reasons: [.podMissing], evidence: "Pod default/\(name) not found",
      createdAt: "2025-06-20T13:35:03Z",
      checks: [OwnerCheck(kind: .pod, namespace: "default", name: name)])
  }

  /// Each step: seconds after t0, the orphans of that refresh, the expected stage of "a" (nil = not tracked).
  struct Step {
    var at: TimeInterval
    var orphans: [Orphan]
    var stage: OrphanStage?
    var refreshes: Int? = nil
  }

  func replay(grace: TimeInterval, _ steps: [Step], sourceLocation: SourceLocation = #_sourceLocation) {
    var tracker = OrphanTracker(grace: grace)
    for (i, step) in steps.enumerated() {
      let statuses = tracker.update(orphans: step.orphans, now: t0.addingTimeInterval(step.at))
      #expect(statuses["a"]?.stage == step.stage, "step \(i) at \(step.at)s", sourceLocation: sourceLocation)
      if let refreshes = step.refreshes {
        #expect(statuses["a"]?.refreshesSeen == refreshes, "step \(i)", sourceLocation: sourceLocation)
      }
    }
  }

  @Test func candidateUntilGraceAndTwoRefreshes() {
    replay(grace: 120, [
      Step(at: 0, orphans: [orphan("a")], stage: .candidate, refreshes: 1),
      Step(at: 60, orphans: [orphan("a")], stage: .candidate, refreshes: 2),
      Step(at: 119, orphans: [orphan("a")], stage: .candidate),
      Step(at: 120, orphans: [orphan("a")], stage: .confirmed, refreshes: 4),
      Step(at: 500, orphans: [orphan("a")], stage: .confirmed),
    ])
  }

  @Test func oneObservationNeverConfirmsEvenAfterTheGrace() {
    // A long gap between two refreshes: the first refresh after the gap is the second observation.
    replay(grace: 120, [
      Step(at: 0, orphans: [orphan("a")], stage: .candidate),
      Step(at: 3600, orphans: [orphan("a")], stage: .confirmed, refreshes: 2),
    ])
  }

  @Test func zeroGraceConfirmsOnTheSecondRefresh() {
    replay(grace: 0, [
      Step(at: 0, orphans: [orphan("a")], stage: .candidate),
      Step(at: 0, orphans: [orphan("a")], stage: .confirmed),
    ])
  }

  @Test func aRefreshThatDoesNotListItResetsIt() {
    replay(grace: 60, [
      Step(at: 0, orphans: [orphan("a")], stage: .candidate),
      Step(at: 30, orphans: [orphan("a")], stage: .candidate),
      Step(at: 61, orphans: [orphan("b")], stage: nil),  // owned, exempt or gone now
      Step(at: 62, orphans: [orphan("a")], stage: .candidate, refreshes: 1),
      Step(at: 100, orphans: [orphan("a")], stage: .candidate),
      Step(at: 122, orphans: [orphan("a")], stage: .confirmed),
    ])
  }

  @Test func aRecreatedObjectStartsOver() {
    replay(grace: 10, [
      Step(at: 0, orphans: [orphan("a", uid: "old")], stage: .candidate),
      Step(at: 20, orphans: [orphan("a", uid: "old")], stage: .confirmed),
      Step(at: 21, orphans: [orphan("a", uid: "new")], stage: .candidate, refreshes: 1),
    ])
  }

  @Test func aResourceVersionChangeKeepsTheAge() {
    replay(grace: 10, [
      Step(at: 0, orphans: [orphan("a", rv: "1")], stage: .candidate),
      Step(at: 20, orphans: [orphan("a", rv: "2")], stage: .confirmed),
    ])
  }

  @Test func confirmedFiltersAndAgeIsNeverNegative() {
    var tracker = OrphanTracker(grace: 5)
    tracker.update(orphans: [orphan("a"), orphan("b")], now: t0)
    tracker.update(orphans: [orphan("a"), orphan("b"), orphan("c")], now: t0.addingTimeInterval(5))
    #expect(tracker.confirmed([orphan("a"), orphan("c"), orphan("b", uid: "other")]).map(\.name) == ["a"])
    let status = tracker.status(of: orphan("a"))
    #expect(status?.age(now: t0.addingTimeInterval(7)) == 7)
    #expect(status?.age(now: t0.addingTimeInterval(-7)) == 0)
    tracker.reset()
    #expect(tracker.status(of: orphan("a")) == nil)
  }

  @Test func negativeGraceIsZero() {
    #expect(OrphanTracker(grace: -5).grace == 0)
  }
}
