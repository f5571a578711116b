import Foundation
import OvnipModel
import OvnipScenario
import OvnipStandIn
import OvnipTestSupport
import Testing

@testable import OvnipKube

/// The collector and the poller driving the real kubectl against the API stand-in.
/// Serialized: each poller runs one kubectl per watched kind, and on 2 shared cores parallel
/// sessions only slow each other down.
@Suite(.serialized, .enabled(if: StandInHarness.kubectlAvailable, "needs kubectl on PATH"))
struct LivePollerIntegrationTests {
  static func client(_ h: StandInHarness) throws -> KubectlClient {
    try KubectlClient.live(
      KubectlOptions(
        context: h.contextName, kubeconfig: h.kubeconfigPath, cacheDir: h.cacheDir, timeout: .seconds(20),
        environment: ["HOME": h.homeDir]))
  }

  static func poller(_ h: StandInHarness) throws -> Poller {
    Poller(client: try client(h), context: h.contextName, options: PollerOptions(refresh: .milliseconds(500)))
  }

  /// IP CR names in the scenario, sorted like the snapshot.
  static func scenarioIPs(_ h: StandInHarness) -> [String] {
    h.server.keys(.ips).sorted()
  }

  static func ipNames(_ snapshot: ClusterSnapshot?) -> [String] {
    snapshot?.ips.value?.map(\.metadata.name) ?? []
  }

  @Test func pagingFollowsContinueTokens() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let collector = Collector(client: try Self.client(h), pageLimit: 4)
    let discovery = try await Discovery.run(client: collector.client, context: h.contextName)
    h.server.clearRequestLog()
    let snapshot = try await collector.snapshot(discovery: discovery)
    #expect(Self.ipNames(snapshot) == Set(Self.scenarioIPs(h)).sorted())
    #expect(snapshot.ips.value?.count == h.server.scenario.items(.ips).count)
    let ipPages = h.server.requests.filter { $0.path == "/apis/kubeovn.io/v1/ips" }
    #expect(ipPages.count == (h.server.scenario.items(.ips).count + 3) / 4)
    #expect(ipPages.dropFirst().allSatisfy { $0.parameters["continue"]?.isEmpty == false })
    #expect(ipPages.allSatisfy { $0.parameters["limit"] == "4" })
    #expect(snapshot.errors.isEmpty)
    await h.stop()
  }

  @Test func watchAddModifyDeleteReachTheSnapshot() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let poller = try Self.poller(h)
    let recorder = EventRecorder(poller.events)
    await poller.start()
    let served = h.server.scenario.served.count
    #expect(await EventRecorder.wait(60) { h.server.activeWatchCount == served })
    #expect(await EventRecorder.wait { recorder.snapshots.last?.1 == true })

    var ip = try #require(h.server.scenario.items(.ips).first)
    ip.set(["metadata", "name"], "added-by-test")
    ip.set(["spec", "ipAddress"], "10.16.0.250")
    _ = h.server.upsert(.ips, ip)
    #expect(await EventRecorder.wait { Self.ipNames(recorder.snapshots.last?.0).contains("added-by-test") })

    ip.set(["spec", "ipAddress"], "10.16.0.251")
    _ = h.server.upsert(.ips, ip)
    #expect(await EventRecorder.wait {
      recorder.snapshots.last?.0.ips.value?.first { $0.metadata.name == "added-by-test" }?.spec.ipAddress
        == "10.16.0.251"
    })

    #expect(h.server.delete(.ips, name: "added-by-test"))
    #expect(await EventRecorder.wait { !Self.ipNames(recorder.snapshots.last?.0).contains("added-by-test") })
    // Followed by watches, not re-lists: one list of ips in the whole session.
    #expect(h.server.requests.filter { $0.path == "/apis/kubeovn.io/v1/ips" && $0.parameters["watch"] == nil }.count == 1)
    await poller.stop()
    #expect(await EventRecorder.wait { h.server.activeWatchCount == 0 })
    await h.stop()
  }

  @Test(arguments: [false, true])
  func expiredResourceVersionRelists(asHTTPStatus: Bool) async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    h.server.setKnobs { $0.expiredWatchAsHTTPStatus = asHTTPStatus }
    let poller = try Self.poller(h)
    let recorder = EventRecorder(poller.events)
    await poller.start()
    let served = h.server.scenario.served.count
    #expect(await EventRecorder.wait(60) { h.server.activeWatchCount == served })
    let lists = { h.server.requests.filter { $0.path == "/apis/kubeovn.io/v1/ips" && $0.parameters["watch"] == nil }.count }
    #expect(lists() == 1)
    // Changes the watch will never see, then every resourceVersion becomes too old.
    var ip = try #require(h.server.scenario.items(.ips).first)
    ip.set(["metadata", "name"], "while-expired")
    h.server.expireResourceVersions()
    await h.server.stop()
    _ = h.server.upsert(.ips, ip)
    h.server.expireResourceVersions()
    try await h.server.start()
    #expect(await EventRecorder.wait(60) { Self.ipNames(recorder.snapshots.last?.0).contains("while-expired") })
    #expect(lists() >= 2)
    #expect(await EventRecorder.wait(60) { await !poller.currentState().isStale })
    await poller.stop()
    await h.stop()
  }

  @Test func serverStoppedKeepsTheSnapshotStaleAndRecovers() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let poller = try Self.poller(h)
    let recorder = EventRecorder(poller.events)
    await poller.start()
    #expect(await EventRecorder.wait(60) { recorder.snapshots.last?.1 == true })
    let before = Self.ipNames(recorder.snapshots.last?.0)
    await h.server.stop()
    #expect(await EventRecorder.wait(60) { await poller.currentState().isStale })
    let state = await poller.currentState()
    #expect(Self.ipNames(state.snapshot) == before)
    #expect(state.lastError?.kind == .unreachable)
    #expect(state.watching == false)
    #expect(state.age(now: Date().addingTimeInterval(5)) ?? 0 >= 5)
    try await h.server.start()
    #expect(await EventRecorder.wait(60) { await !poller.currentState().isStale })
    #expect(await EventRecorder.wait(60) { recorder.snapshots.last?.1 == true })
    await poller.stop()
    await h.stop()
  }

  @Test func truncatedListShowsTheErrorAndKeepsThePreviousSnapshot() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let poller = try Self.poller(h)
    let recorder = EventRecorder(poller.events)
    await poller.start()
    #expect(await EventRecorder.wait(60) { !Self.ipNames(recorder.snapshots.last?.0).isEmpty })
    let before = Self.ipNames(recorder.snapshots.last?.0)
    h.server.setKnobs { $0.truncated = ["ips"] }
    await poller.refreshNow()
    #expect(await EventRecorder.wait(60) { recorder.failures.contains { $0.kind == .malformed } })
    let error = try #require(recorder.failures.first { $0.kind == .malformed })
    #expect(error.message.hasPrefix("ips: malformed list JSON"))
    #expect(Self.ipNames(await poller.currentState().snapshot) == before)
    await poller.stop()
    await h.stop()
  }

  @Test func forbiddenPodsAreUnknownInTheSnapshot() async throws {
    let h = try await StandInHarness.start(scenario: "leaks", knobs: { var k = StandInKnobs(); k.forbidden = ["pods"]; return k }())
    let collector = Collector(client: try Self.client(h))
    let discovery = try await Discovery.run(client: collector.client, context: h.contextName)
    let snapshot = try await collector.snapshot(discovery: discovery)
    #expect(!snapshot.pods.isKnown)
    #expect(snapshot.errors.map(\.resource) == ["pods"])
    #expect(snapshot.errors.first?.message.contains("Forbidden") == true)
    #expect(snapshot.ips.value?.isEmpty == false)
    await h.stop()
  }

  @Test func kubeOVNAbsentIsTheClearError() async throws {
    let h = try await StandInHarness.start(scenario: "no-kubeovn")
    await #expect(throws: KubeError(.notServed, "Kube-OVN CRDs not found in context standin: is Kube-OVN installed?")) {
      _ = try await Discovery.run(client: try Self.client(h), context: h.contextName)
    }
    await h.stop()
  }
}
