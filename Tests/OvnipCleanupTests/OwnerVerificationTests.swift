import Foundation
import OvnipAccounting
import OvnipCleanup
import OvnipKube
import Testing

/// Step (b) for owner kinds beyond a plain pod, through the engine and the fake API.
@Suite struct OwnerVerificationTests {
  let now = Date(timeIntervalSince1970: 1_795_000_000)

  func statefulSet(replicas: Int) -> String {
    """
    {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"prod","uid":"sts-1","resourceVersion":"9","creationTimestamp":"2026-01-01T00:00:00Z"},"spec":{"replicas":\(replicas),"serviceName":"db"},"status":{"replicas":\(replicas)}}
    """
  }

  func scaledDownOrphan() -> Orphan {
    Orphan(
      name: "db-3.prod", uid: "u-db3", resourceVersion: "183511", subnet: "net1", addresses: ["10.0.1.20"],
      reasons: [.statefulsetScaledDown], evidence: "StatefulSet prod/db has 3 replicas; ordinal 3 is out of range; Pod prod/db-3 not found",
      createdAt: "2025-06-20T13:35:03Z",
      checks: [
        OwnerCheck(kind: .statefulSet, namespace: "prod", name: "db", expectation: .statefulSetBelowOrdinal, detail: "3"),
        OwnerCheck(kind: .pod, namespace: "prod", name: "db-3"),
      ])
  }

  func run(_ cluster: FakeCluster, _ orphan: Orphan) async -> CleanupSummary {
    let now = self.now
    return await CleanupEngine(client: cluster.client, journalDirectory: Fixture.journalDirectory(), now: { now })
      .run([orphan], context: Fixture.context(now: now))
  }

  @Test(arguments: [(3, DeleteOutcome.deleted), (4, .ownerPresent)])
  func aStatefulSetScaledBackUpSavesTheOrdinal(replicas: Int, outcome: DeleteOutcome) async throws {
    let cluster = FakeCluster()
    await cluster.put(Fixture.ipPath("db-3.prod"), Fixture.ip("db-3.prod", uid: "u-db3", namespace: "prod", podType: "StatefulSet"))
    await cluster.put("/apis/apps/v1/namespaces/prod/statefulsets/db", statefulSet(replicas: replicas))
    let summary = await run(cluster, scaledDownOrphan())
    #expect(summary.results.map(\.outcome) == [outcome])
    #expect(await cluster.count("DELETE") == (outcome == .deleted ? 1 : 0))
  }

  @Test func anUnservedVirtualMachineKindMeansTheVMIsMissing() async throws {
    let cluster = FakeCluster()
    await cluster.put(Fixture.ipPath("vm1.default"), Fixture.ip("vm1.default", uid: "u-vm", podType: "VirtualMachine"))
    await cluster.set(
      failure: KubeError(.notServed, "the server could not find the requested resource"),
      for: "GET /apis/kubevirt.io/v1/namespaces/default/virtualmachines/vm1")
    let orphan = Orphan(
      name: "vm1.default", uid: "u-vm", resourceVersion: "183511", subnet: "net1", addresses: ["10.0.1.20"],
      reasons: [.vmMissing], evidence: "VirtualMachine default/vm1 not found (KubeVirt not installed)",
      createdAt: "", checks: [OwnerCheck(kind: .virtualMachine, namespace: "default", name: "vm1")])
    let summary = await run(cluster, orphan)
    #expect(summary.results.map(\.outcome) == [.deleted])
  }

  @Test func namesThatWouldChangeTheAPIPathAreNeverUsed() async throws {
    let cluster = FakeCluster()
    await cluster.put(Fixture.ipPath("a.default"), Fixture.ip("a.default", uid: "u-a"))
    var orphan = Fixture.orphan("a.default", uid: "u-a")
    orphan.checks = [OwnerCheck(kind: .pod, namespace: "default", name: "../../secrets/x")]
    let badOwner = await run(cluster, orphan)
    #expect(badOwner.results.map(\.outcome) == [.ownerUnknown])
    let badName = await run(cluster, Fixture.orphan("a.default/../x", uid: "u-a"))
    #expect(badName.results.map(\.outcome) == [.failed])
    #expect(await cluster.count("DELETE") == 0)
    #expect(await !cluster.requests.contains { $0.path.contains("..") })
    #expect(CleanupText.isPathSegment("vpc-nat-gw-gw1-0.kube-system.ovn-vpc-external-network.kube-system"))
    #expect(!CleanupText.isPathSegment("a b") && !CleanupText.isPathSegment("..") && !CleanupText.isPathSegment("a?b"))
  }

  @Test func hostileNamesPrintOnOneLine() {
    let result = ItemResult(name: "evil\u{1b}[2J\nname", outcome: .changed, detail: "uid \u{07}x")
    #expect(result.line == "changed evil?[2J?name: uid ?x")
  }
}
