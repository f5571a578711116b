import Foundation
import OvnipCleanup
import OvnipKube
import Testing

@Suite struct RestoreEngineTests {
  let now = Date(timeIntervalSince1970: 1_795_000_000)
  let names = ["a.default", "b.default", "c.default"]

  /// Three IP CRs in subnet net1, deleted through the engine; returns the journal path.
  func deleteThree(_ cluster: FakeCluster) async throws -> String {
    await cluster.put("/apis/kubeovn.io/v1/subnets/net1", Fixture.subnet("net1"))
    for (i, name) in names.enumerated() {
      await cluster.put(Fixture.ipPath(name), Fixture.ip(name, uid: "u-\(i)", v4: "10.0.1.\(20 + i)"))
    }
    let now = self.now
    let summary = await CleanupEngine(client: cluster.client, journalDirectory: Fixture.journalDirectory(), now: { now })
      .run(names.enumerated().map { Fixture.orphan($1, uid: "u-\($0)", v4: "10.0.1.\(20 + $0)") }, context: Fixture.context(now: now))
    #expect(summary.deleted == 3)
    return try #require(summary.journalPath)
  }

  func spec(_ cluster: FakeCluster, _ name: String) async throws -> [String: String] {
    let data = try #require(await cluster.objects[Fixture.ipPath(name)])
    let top = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return (top["spec"] as? [String: Any] ?? [:]).compactMapValues { $0 as? String }
  }

  @Test func roundTripPutsBackWhatWasDeleted() async throws {
    let cluster = FakeCluster()
    await cluster.put(Fixture.ipPath("keep.default"), Fixture.ip("keep.default", uid: "u-k", v4: "10.0.1.50"))
    let journal = try await deleteThree(cluster)
    let original = FakeCluster()
    for (i, name) in names.enumerated() {
      await original.put(Fixture.ipPath(name), Fixture.ip(name, uid: "u-\(i)", v4: "10.0.1.\(20 + i)"))
    }
    #expect(await cluster.objects[Fixture.ipPath("a.default")] == nil)

    let results = try await RestoreEngine(client: cluster.client).run(journal: journal)
    #expect(results.map(\.outcome) == [.restored, .restored, .restored])
    #expect(results[0].line == "restored a.default: subnet net1, 10.0.1.20")
    for name in names {
      let expected = try await spec(original, name)
      #expect(expected["v4IpAddress"] != nil)
      #expect(try await spec(cluster, name) == expected)
    }
    // The POST bodies carry no server-set fields.
    for post in await cluster.requests.filter({ $0.method == "POST" }) {
      #expect(post.path == "/apis/kubeovn.io/v1/ips")
      for field in ["uid", "resourceVersion", "creationTimestamp", "generation", "managedFields"] {
        #expect(!post.body.contains("\"\(field)\""))
      }
      #expect(post.body.contains("\"finalizers\":[\"kubeovn.io/kube-ovn-controller\"]"))
      #expect(post.body.contains("\"ovn.kubernetes.io/subnet\":\"net1\""))
    }
  }

  @Test func refusesAnAddressThatIsHeldAgain() async throws {
    let cluster = FakeCluster()
    let journal = try await deleteThree(cluster)
    // a's address went to a new pod's IP CR, b's to an EIP on the same subnet.
    await cluster.put(Fixture.ipPath("new.default"), Fixture.ip("new.default", uid: "u-new", v4: "10.0.1.20"))
    await cluster.put("/apis/kubeovn.io/v1/iptables-eips/eip9", Fixture.eip("eip9", v4: "10.0.1.21", subnet: "net1"))
    let results = try await RestoreEngine(client: cluster.client).run(journal: journal)
    #expect(results.map(\.line) == [
      "refused a.default: address 10.0.1.20 is held by IP new.default now",
      "refused b.default: address 10.0.1.21 is held by IptablesEIP eip9 now",
      "restored c.default: subnet net1, 10.0.1.22",
    ])
    #expect(await cluster.count("POST") == 1)
  }

  @Test func anAddressInAnotherSubnetDoesNotBlock() async throws {
    let cluster = FakeCluster()
    let journal = try await deleteThree(cluster)
    await cluster.put("/apis/kubeovn.io/v1/iptables-eips/eip9", Fixture.eip("eip9", v4: "10.0.1.20", subnet: "ext"))
    let results = try await RestoreEngine(client: cluster.client).run(journal: journal, names: ["a.default"])
    #expect(results.map(\.outcome) == [.restored])
  }

  @Test func refusesWhenTheSubnetIsGoneOrTheNameTaken() async throws {
    let cluster = FakeCluster()
    let journal = try await deleteThree(cluster)
    await cluster.put(Fixture.ipPath("b.default"), Fixture.ip("b.default", uid: "u-other", v4: "10.0.1.99"))
    await cluster.remove("/apis/kubeovn.io/v1/subnets/net1")
    let results = try await RestoreEngine(client: cluster.client).run(journal: journal, names: ["a.default", "b.default", "zzz"])
    #expect(results.map(\.line) == [
      "refused zzz: not deleted by this action (see the journal)",
      "refused a.default: subnet net1 not found",
      "refused b.default: an IP CR named b.default exists now (uid u-other)",
    ])
    #expect(await cluster.count("POST") == 0)
  }

  @Test func dryRunCreatesNothing() async throws {
    let cluster = FakeCluster()
    let journal = try await deleteThree(cluster)
    let results = try await RestoreEngine(client: cluster.client).run(journal: journal, dryRun: true)
    #expect(results.map(\.outcome) == [.wouldRestore, .wouldRestore, .wouldRestore])
    #expect(await cluster.count("POST") == 0)
  }

  @Test func aJournalFromAnotherClusterIsRefused() async throws {
    let cluster = FakeCluster()
    let journal = try await deleteThree(cluster)
    await cluster.set(identity: .init(context: "prod", server: "https://prod:6443"))
    await #expect(throws: JournalError.self) { try await RestoreEngine(client: cluster.client).run(journal: journal) }
    #expect(await cluster.count("POST") == 0)
  }

  @Test func onlyDeletedOrUncertainItemsAreCandidates() throws {
    func rec(_ type: JournalRecord.Kind, _ name: String, _ outcome: String? = nil) -> JournalRecord {
      var r = JournalRecord(type: type, time: "t", actionId: "x", context: "c", server: "s", name: name)
      r.outcome = outcome
      if type == .delete { r.object = Data("{}".utf8) }
      return r
    }
    let records = [
      rec(.delete, "deleted"), rec(.outcome, "deleted", "deleted"),
      rec(.delete, "conflict"), rec(.outcome, "conflict", "changed"),
      rec(.delete, "killed"),  // no outcome: the DELETE may have landed
      rec(.delete, "failed"), rec(.outcome, "failed", "failed"),
      rec(.outcome, "skipped", "owner-present"),
    ]
    #expect(RestoreEngine.deletedItems(records).map(\.name) == ["deleted", "killed", "failed"])
  }

  @Test func createBodyStripsServerSetFields() throws {
    let object = Data(Fixture.ip("a", uid: "u", v4: "10.0.1.2").utf8)
    var top = try #require(try JSONSerialization.jsonObject(with: object) as? [String: Any])
    var meta = try #require(top["metadata"] as? [String: Any])
    meta["deletionTimestamp"] = "2026-01-01T00:00:00Z"
    top["metadata"] = meta
    top["status"] = ["x": 1]
    let body = try RestoreEngine.createBody(from: try JSONSerialization.data(withJSONObject: top))
    let back = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
    let backMeta = try #require(back["metadata"] as? [String: Any])
    #expect(Set(backMeta.keys) == ["name", "labels", "finalizers"])
    #expect(back["status"] == nil)
    #expect(back["kind"] as? String == "IP" && back["apiVersion"] as? String == "kubeovn.io/v1")
  }
}
