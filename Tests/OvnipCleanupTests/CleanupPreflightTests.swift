import Foundation
import OvnipAccounting
import OvnipCleanup
import OvnipKube
import Testing

@Suite struct CleanupPreflightTests {
  let now = Date(timeIntervalSince1970: 1_795_000_000)

  func run(
    _ cluster: FakeCluster, context: CleanupContext, dir: URL = Fixture.journalDirectory()
  ) async -> CleanupSummary {
    await cluster.put(Fixture.ipPath("a"), Fixture.ip("a", uid: "u-a"))
    let now = self.now
    return await CleanupEngine(client: cluster.client, journalDirectory: dir, now: { now })
      .run([Fixture.orphan("a", uid: "u-a")], context: context)
  }

  @Test func readOnlySendsNoRequestAtAll() async throws {
    let cluster = FakeCluster()
    let summary = await run(cluster, context: Fixture.context(now: now, readOnly: true))
    #expect(summary.refusal == .readOnly)
    #expect(summary.results.isEmpty && summary.hasFailures)
    #expect(await cluster.requests.isEmpty)
  }

  @Test func withoutDeletePermissionNothingIsTouched() async throws {
    let cluster = FakeCluster()
    await cluster.set(permission: false, "delete ips.kubeovn.io")
    let summary = await run(cluster, context: Fixture.context(now: now))
    #expect(summary.refusal == .noDeletePermission)
    #expect(summary.line.hasPrefix("refused: no permission to delete ips.kubeovn.io"))
    #expect(await cluster.requests.allSatisfy { $0.method == "CANI" || $0.method == "IDENTITY" })
  }

  @Test func withoutGetOnAnOwnerKindNothingIsTouched() async throws {
    let cluster = FakeCluster()
    await cluster.set(permission: false, "get pods")
    let summary = await run(cluster, context: Fixture.context(now: now))
    #expect(summary.refusal == .noGetPermission(resource: "pods"))
    #expect(await cluster.count("GET") == 0)
    #expect(await cluster.count("DELETE") == 0)
  }

  @Test func aFailingPermissionCheckRefuses() async throws {
    let cluster = FakeCluster()
    await cluster.set(failure: KubeError(.unreachable, "connection refused"), for: "CANI delete ips.kubeovn.io")
    let summary = await run(cluster, context: Fixture.context(now: now))
    #expect(summary.refusal == .permissionCheckFailed("connection refused"))
    #expect(await cluster.count("DELETE") == 0)
  }

  @Test(arguments: [(7.0, true), (6.0, false), (0.5, false)])
  func aSnapshotOlderThanThreeRefreshIntervalsIsRefused(age: Double, refused: Bool) async throws {
    let cluster = FakeCluster()
    let summary = await run(cluster, context: Fixture.context(now: now, age: age))  // interval 2 s
    if refused {
      #expect(summary.refusal == .staleSnapshot(age: age, limit: 6))
      #expect(summary.line.contains("7s old (limit 6s"))
      #expect(await cluster.requests.isEmpty)
    } else {
      #expect(summary.refusal == nil)
      #expect(summary.deleted == 1)
    }
  }

  @Test func aChangedContextOrServerIsRefused() async throws {
    let cluster = FakeCluster()
    let other = ClusterIdentity(context: "kind-ovn", server: "https://10.0.0.9:6443")
    await cluster.set(identity: other)
    let summary = await run(cluster, context: Fixture.context(now: now))
    #expect(summary.refusal == .clusterChanged(snapshot: Fixture.identity, now: other))
    #expect(await cluster.count("DELETE") == 0)
  }

  @Test func anUnwritableJournalRefusesBeforeAnyDelete() async throws {
    let cluster = FakeCluster()
    let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("not-a-dir-\(UUID())")
    try Data("x".utf8).write(to: file)
    let summary = await run(cluster, context: Fixture.context(now: now), dir: file.appendingPathComponent("journal"))
    guard case .journalUnavailable = summary.refusal else {
      Issue.record("expected journalUnavailable, got \(String(describing: summary.refusal))")
      return
    }
    #expect(await cluster.count("DELETE") == 0)
  }

  @Test func canIResourceNames() {
    #expect(CleanupPreflight.canIResource(.ips) == "ips.kubeovn.io")
    #expect(CleanupPreflight.canIResource(.pods) == "pods")
    #expect(CleanupPreflight.canIResource(.statefulSets) == "statefulsets.apps")
    #expect(CleanupPreflight.canIResource(.virtualMachines) == "virtualmachines.kubevirt.io")
    #expect(CleanupPreflight.canIResource(.vpcNatGateways) == "vpc-nat-gateways.kubeovn.io")
  }
}
