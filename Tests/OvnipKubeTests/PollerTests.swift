import Foundation
import OvnipModel
import Testing

@testable import OvnipKube

/// The poller against the in-memory fake, with its waits sped up 20×.
@Suite struct PollerTests {
  static let ipsWatch = "/apis/kubeovn.io/v1/ips?watch=1"

  func makeFake(ips: [String] = [Fixtures.ip("a")]) -> FakeKube {
    let fake = FakeKube()
    fake.serveDiscovery()
    fake.serveEmptyLists()
    fake.answer("/apis/kubeovn.io/v1/ips?limit=5000", .success(Fixtures.list("IP", items: ips, rv: "1000")))
    return fake
  }

  func makePoller(_ fake: FakeKube, options: PollerOptions = PollerOptions(refresh: .milliseconds(500)))
    -> Poller
  {
    Poller(client: fake.client, context: "fake", options: options,
      sleep: { try await Task.sleep(for: $0 / 20) })
  }

  func watchOpen(_ fake: FakeKube, rv: String) async -> Bool {
    await EventRecorder.wait { fake.openWatches.contains { $0.hasPrefix(Self.ipsWatch) && $0.hasSuffix("resourceVersion=\(rv)") } }
  }

  @Test func firstListThenWatchEventsReachTheSnapshot() async throws {
    let fake = makeFake()
    let poller = makePoller(fake)
    let recorder = EventRecorder(poller.events)
    await poller.start()
    #expect(await recorder.waitForIPs(["a"]))
    #expect(recorder.all.contains { if case .progress(0, _, "ips") = $0 { true } else { false } })
    #expect(await watchOpen(fake, rv: "1000"))
    #expect(fake.openWatches.contains("/apis/kubeovn.io/v1/ips?watch=1&allowWatchBookmarks=true&resourceVersion=1000"))
    fake.emit(Self.ipsWatch, Fixtures.event("ADDED", Fixtures.ip("b", rv: "1001")))
    #expect(await recorder.waitForIPs(["a", "b"]))
    fake.emit(Self.ipsWatch, Fixtures.event("MODIFIED", Fixtures.ip("a", address: "10.16.0.77", rv: "1002")))
    fake.emit(Self.ipsWatch, Fixtures.event("DELETED", Fixtures.ip("b", rv: "1003")))
    #expect(await recorder.waitForIPs(["a"]))
    #expect(recorder.snapshots.last?.0.ips.value?.first?.spec.ipAddress == "10.16.0.77")
    #expect(await EventRecorder.wait { recorder.snapshots.last?.1 == true })  // watching
    await poller.stop()
  }

  @Test func expiredWatchRelistsAndResumesFromTheNewVersion() async throws {
    let fake = makeFake()
    let poller = makePoller(fake)
    let recorder = EventRecorder(poller.events)
    await poller.start()
    #expect(await watchOpen(fake, rv: "1000"))
    fake.answer("/apis/kubeovn.io/v1/ips?limit=5000",
      .success(Fixtures.list("IP", items: [Fixtures.ip("x"), Fixtures.ip("y")], rv: "9000")))
    fake.emit(Self.ipsWatch, Fixtures.expiredEvent())
    #expect(await recorder.waitForIPs(["x", "y"]))
    #expect(await watchOpen(fake, rv: "9000"))
    await poller.stop()
  }

  @Test func idleClusterCostsNoRelists() async throws {
    let fake = makeFake()
    let poller = makePoller(fake)
    let recorder = EventRecorder(poller.events)
    await poller.start()
    #expect(await recorder.waitForIPs(["a"]))
    #expect(await EventRecorder.wait { fake.openWatches.count == ResourceKind.allCases.count })
    let before = fake.calls.filter { $0.hasPrefix("GET") }.count
    let snapshotsBefore = recorder.snapshots.count
    try await Task.sleep(for: .milliseconds(300))  // ≈ 12 refresh periods at 20× speed
    #expect(fake.calls.filter { $0.hasPrefix("GET") }.count == before)
    #expect(recorder.snapshots.count <= snapshotsBefore + 1)  // at most the "now watching" one
    await poller.stop()
  }

  @Test func failingWatchFallsBackToPeriodicRelists() async throws {
    let fake = makeFake()
    let poller = makePoller(fake, options: PollerOptions(refresh: .milliseconds(500), watchFailuresBeforeFallback: 2))
    let recorder = EventRecorder(poller.events)
    await poller.start()
    #expect(await watchOpen(fake, rv: "1000"))
    let broken = KubeError(.forbidden, "Error from server (Forbidden): ips is forbidden: cannot watch")
    for _ in 0..<2 {
      #expect(await EventRecorder.wait { fake.openWatches.contains { $0.hasPrefix(Self.ipsWatch) } })
      fake.endWatches(Self.ipsWatch, error: broken)
    }
    #expect(await EventRecorder.wait { await poller.currentState().kinds[.ips] == .polling })
    let lists = { fake.calls.filter { $0 == "GET /apis/kubeovn.io/v1/ips?limit=5000" }.count }
    let start = lists()
    #expect(await EventRecorder.wait { lists() >= start + 2 })
    #expect(recorder.failures.contains(broken))
    await poller.stop()
  }

  @Test func serverDownKeepsTheLastSnapshotStaleThenRecovers() async throws {
    let fake = makeFake()
    let poller = makePoller(fake)
    let recorder = EventRecorder(poller.events)
    await poller.start()
    #expect(await recorder.waitForIPs(["a"]))
    #expect(await EventRecorder.wait { fake.openWatches.count == ResourceKind.allCases.count })
    let down = KubeError(.unreachable, "The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?")
    let saved = fake.state.withLock { $0.answers }
    fake.state.withLock { s in for key in s.answers.keys { s.answers[key] = [.failure(down)] } }
    fake.endWatches("/", error: down)
    #expect(await EventRecorder.wait { await poller.currentState().isStale })
    let state = await poller.currentState()
    #expect(state.snapshot?.ips.value?.map(\.metadata.name) == ["a"])
    #expect(state.lastError == down)
    #expect(state.watching == false)
    #expect(recorder.failures.contains(down))
    // The server comes back.
    let snapshotsBefore = recorder.snapshots.count
    fake.state.withLock { $0.answers = saved }
    fake.endWatches("/", error: down)
    #expect(await EventRecorder.wait(20) { await !poller.currentState().isStale })
    #expect(await EventRecorder.wait { recorder.snapshots.count > snapshotsBefore })
    await poller.stop()
  }

  @Test func truncatedRelistKeepsThePreviousSnapshot() async throws {
    let fake = makeFake()
    let poller = makePoller(fake)
    let recorder = EventRecorder(poller.events)
    await poller.start()
    #expect(await recorder.waitForIPs(["a"]))
    fake.answer("/apis/kubeovn.io/v1/ips?limit=5000", .success(Array(#"{"kind":"IPList","items":[{"meta"#.utf8)))
    await poller.refreshNow()
    #expect(await EventRecorder.wait { recorder.failures.contains { $0.kind == .malformed } })
    #expect(await poller.currentState().snapshot?.ips.value?.map(\.metadata.name) == ["a"])
    await poller.stop()
  }

  @Test func forbiddenPodsStayUnknownWithoutMakingTheSnapshotStale() async throws {
    let fake = makeFake()
    fake.answer("/api/v1/pods?limit=5000", .failure(KubeError(.forbidden, "Error from server (Forbidden): pods is forbidden")))
    let poller = makePoller(fake)
    let recorder = EventRecorder(poller.events)
    await poller.start()
    #expect(await recorder.waitForIPs(["a"]))
    #expect(recorder.snapshots.last?.0.pods.isKnown == false)
    #expect(await EventRecorder.wait { recorder.snapshots.last?.1 == true })
    #expect(await poller.currentState().isStale == false)
    await poller.stop()
  }

  @Test func stopEndsEveryWatchAndTheStream() async throws {
    let fake = makeFake()
    let poller = makePoller(fake)
    let recorder = EventRecorder(poller.events)
    await poller.start()
    #expect(await EventRecorder.wait { fake.openWatches.count == ResourceKind.allCases.count })
    await poller.stop()
    #expect(fake.openWatches.isEmpty)
    await recorder.reader.value  // the stream finished
  }

  @Test func crdsAbsentIsReportedAndRetried() async throws {
    let fake = FakeKube()
    fake.answer("/apis/kubeovn.io/v1", .failure(KubeError(.notFound, "Error from server (NotFound): the server could not find the requested resource")))
    let poller = makePoller(fake)
    let recorder = EventRecorder(poller.events)
    await poller.start()
    #expect(await EventRecorder.wait { recorder.failures.count >= 2 })
    #expect(recorder.failures.first?.message == "Kube-OVN CRDs not found in context fake: is Kube-OVN installed?")
    #expect(recorder.snapshots.isEmpty)
    await poller.stop()
  }

  @Test func refreshFloorAndBackoff() {
    #expect(PollerOptions(refreshSeconds: 0.1).refresh == .milliseconds(500))
    #expect(PollerOptions(refreshSeconds: 2).refresh == .seconds(2))
    let options = PollerOptions(refresh: .seconds(2), maxBackoff: .seconds(30))
    #expect((1...6).map { options.backoff(afterFailures: $0) }
      == [.seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30)])
  }
}
