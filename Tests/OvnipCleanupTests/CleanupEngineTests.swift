import Foundation
import OvnipAccounting
import OvnipCleanup
import OvnipKube
import Testing

@Suite struct CleanupEngineTests {
  let now = Date(timeIntervalSince1970: 1_795_000_000)

  func engine(_ cluster: FakeCluster, dir: URL = Fixture.journalDirectory(), batch: Int = 500) -> CleanupEngine {
    let now = self.now
    return CleanupEngine(client: cluster.client, journalDirectory: dir, batchLimit: batch, now: { now })
  }

  func journal(_ summary: CleanupSummary) throws -> [JournalRecord] {
    let path = try #require(summary.journalPath)
    return try Journal.read(path).records
  }

  @Test func deletesAnOrphanWithPreconditionsAfterJournalingIt() async throws {
    let cluster = FakeCluster()
    await cluster.put(Fixture.ipPath("web-1.default"), Fixture.ip("web-1.default", uid: "u-1"))
    let dir = Fixture.journalDirectory()
    // At the moment the DELETE arrives, the journal must already hold the object.
    let sawJournalLine = Recorder<Bool>()
    await cluster.set(onRequest: { request, _ in
      guard request.method == "DELETE" else { return }
      let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
      let text = files.compactMap { try? String(contentsOfFile: dir.path + "/" + $0, encoding: .utf8) }.joined()
      sawJournalLine.append(text.contains("\"type\":\"delete\"") && text.contains("\"uid\":\"u-1\""))
    })
    let summary = await engine(cluster, dir: dir).run(
      [Fixture.orphan("web-1.default", uid: "u-1")], context: Fixture.context(now: now))

    #expect(summary.refusal == nil)
    #expect(summary.results.map(\.outcome) == [.deleted])
    #expect(sawJournalLine.values == [true])
    let requests = await cluster.requests.filter { $0.method != "CANI" && $0.method != "IDENTITY" }
    #expect(requests.map { "\($0.method) \($0.path)" } == [
      "GET /apis/kubeovn.io/v1/ips/web-1.default",
      "GET /api/v1/namespaces/default/pods/web-1",
      "DELETE /apis/kubeovn.io/v1/ips/web-1.default",
    ])
    #expect(requests.last?.body == #"{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"u-1","resourceVersion":"183511"}}"#)
    #expect(summary.line == "deleted 1, skipped 0 (changed 0, owner-present 0, already-gone 0), failed 0")

    let records = try journal(summary)
    #expect(records.map(\.type) == [.start, .delete, .outcome, .summary])
    let delete = records[1]
    #expect(delete.name == "web-1.default")
    #expect(delete.context == "kind-ovn" && delete.server == "https://127.0.0.1:6443")
    #expect(delete.reasons == ["pod-missing"])
    #expect(delete.evidence == "Pod default/web-1 not found")
    #expect(Set(records.map(\.actionId)) == [summary.actionID])
    let object = try #require(delete.object)
    let parsed = try #require(try JSONSerialization.jsonObject(with: object) as? [String: Any])
    #expect((parsed["spec"] as? [String: Any])?["v4IpAddress"] as? String == "10.0.1.20")
    #expect(records[2].outcome == "deleted")
    #expect(records[3].summary == summary.line)
  }

  @Test func recreatedUnderTheSameNameIsNotDeleted() async throws {
    let cluster = FakeCluster()
    await cluster.put(Fixture.ipPath("web-1.default"), Fixture.ip("web-1.default", uid: "u-NEW", rv: "200"))
    let summary = await engine(cluster).run(
      [Fixture.orphan("web-1.default", uid: "u-OLD")], context: Fixture.context(now: now))
    #expect(summary.results.map(\.outcome) == [.changed])
    #expect(summary.results[0].detail.contains("recreated"))
    #expect(await cluster.count("DELETE") == 0)
    #expect(try journal(summary).map(\.type) == [.start, .outcome, .summary])
  }

  @Test func modifiedSinceConfirmationIsNotDeleted() async throws {
    let cluster = FakeCluster()
    await cluster.put(Fixture.ipPath("a.default"), Fixture.ip("a.default", uid: "u-a", rv: "999"))
    let summary = await engine(cluster).run(
      [Fixture.orphan("a.default", uid: "u-a", rv: "998")], context: Fixture.context(now: now))
    #expect(summary.results.map(\.outcome) == [.changed])
    #expect(await cluster.count("DELETE") == 0)
  }

  @Test func anOwnerThatAppearedSavesTheIPCR() async throws {
    let cluster = FakeCluster()
    await cluster.put(Fixture.ipPath("web-1.default"), Fixture.ip("web-1.default", uid: "u-1"))
    await cluster.put("/api/v1/namespaces/default/pods/web-1", Fixture.pod("web-1"))
    let summary = await engine(cluster).run(
      [Fixture.orphan("web-1.default", uid: "u-1")], context: Fixture.context(now: now))
    #expect(summary.results.map(\.outcome) == [.ownerPresent])
    #expect(summary.results[0].detail.contains("default/web-1"))
    #expect(await cluster.count("DELETE") == 0)
  }

  @Test(arguments: [
    KubeError(.forbidden, "pods \"web-1\" is forbidden"),
    KubeError(.serverError, "Internal error occurred"),
    KubeError(.timeout, "kubectl timed out after 60s"),
  ])
  func aFailedOwnerLookupMeansInUse(_ failure: KubeError) async throws {
    let cluster = FakeCluster()
    await cluster.put(Fixture.ipPath("web-1.default"), Fixture.ip("web-1.default", uid: "u-1"))
    await cluster.set(failure: failure, for: "GET /api/v1/namespaces/default/pods/web-1")
    let summary = await engine(cluster).run(
      [Fixture.orphan("web-1.default", uid: "u-1")], context: Fixture.context(now: now))
    #expect(summary.results.map(\.outcome) == [.ownerUnknown])
    #expect(await cluster.count("DELETE") == 0)
  }

  @Test func anOrphanWithoutOwnerChecksIsNotDeleted() async throws {
    let cluster = FakeCluster()
    await cluster.put(Fixture.ipPath("x"), Fixture.ip("x", uid: "u-x"))
    var orphan = Fixture.orphan("x", uid: "u-x")
    orphan.checks = []
    let summary = await engine(cluster).run([orphan], context: Fixture.context(now: now))
    #expect(summary.results.map(\.outcome) == [.ownerUnknown])
    #expect(await cluster.count("DELETE") == 0)
  }

  @Test func notFoundBeforeOrAtTheDeleteIsAlreadyGone() async throws {
    let cluster = FakeCluster()
    // b disappears between our GET and our DELETE.
    await cluster.put(Fixture.ipPath("b.default"), Fixture.ip("b.default", uid: "u-b"))
    await cluster.set(onRequest: { request, cluster in
      if request.method == "GET", request.path.hasSuffix("/pods/b") {
        await cluster.remove(Fixture.ipPath("b.default"))
      }
    })
    let summary = await engine(cluster).run(
      [Fixture.orphan("a.default", uid: "u-a"), Fixture.orphan("b.default", uid: "u-b")],
      context: Fixture.context(now: now))
    #expect(summary.results.map(\.outcome) == [.alreadyGone, .alreadyGone])
    #expect(summary.results[1].detail.contains("DELETE"))
    #expect(await cluster.deletes() == [Fixture.ipPath("b.default")])
    #expect(!summary.hasFailures)
  }

  @Test func aConflictAtTheDeleteIsChanged() async throws {
    let cluster = FakeCluster()
    await cluster.put(Fixture.ipPath("a.default"), Fixture.ip("a.default", uid: "u-a"))
    await cluster.set(onRequest: { request, cluster in
      if request.method == "GET", request.path.hasSuffix("/pods/a") {
        await cluster.put(Fixture.ipPath("a.default"), Fixture.ip("a.default", uid: "u-a", rv: "183600"))
      }
    })
    let summary = await engine(cluster).run(
      [Fixture.orphan("a.default", uid: "u-a")], context: Fixture.context(now: now))
    #expect(summary.results.map(\.outcome) == [.changed])
    #expect(summary.results[0].detail.contains("409"))
    #expect(await cluster.objects[Fixture.ipPath("a.default")] != nil)
  }

  @Test func aForbiddenDeleteIsShownAndTheBatchGoesOn() async throws {
    let cluster = FakeCluster()
    for name in ["a", "b"] {
      await cluster.put(Fixture.ipPath("\(name).default"), Fixture.ip("\(name).default", uid: "u-\(name)"))
    }
    await cluster.set(
      failure: KubeError(.forbidden, "ips.kubeovn.io \"a.default\" is forbidden: User \"dev\" cannot delete resource"),
      for: "DELETE \(Fixture.ipPath("a.default"))")
    let summary = await engine(cluster).run(
      [Fixture.orphan("a.default", uid: "u-a"), Fixture.orphan("b.default", uid: "u-b")],
      context: Fixture.context(now: now))
    #expect(summary.results.map(\.outcome) == [.forbidden, .deleted])
    #expect(summary.results[0].line.hasPrefix("forbidden a.default: DELETE: forbidden (403)"))
    #expect(summary.failed == 1 && summary.hasFailures)
    #expect(summary.line == "deleted 1, skipped 0 (changed 0, owner-present 0, already-gone 0), failed 1 (forbidden 1)")
  }

  @Test func aDroppedConnectionLeavesAJournalForEveryItemAndARerunFinishes() async throws {
    let cluster = FakeCluster()
    let names = ["a.default", "b.default", "c.default"]
    for name in names {
      await cluster.put(Fixture.ipPath(name), Fixture.ip(name, uid: "u-\(name)"))
    }
    let orphans = names.map { Fixture.orphan($0, uid: "u-\($0)") }
    // preflight (1 identity + 3 can-i) + a: GET, GET pod, DELETE; then b's GET fails.
    await cluster.set(dropAfter: 4 + 3)
    let dir = Fixture.journalDirectory()
    let first = await engine(cluster, dir: dir).run(orphans, context: Fixture.context(now: now))
    #expect(first.results.map(\.outcome) == [.deleted, .failed, .skipped])
    #expect(first.stoppedEarly?.hasPrefix("unreachable") == true)
    let records = try journal(first)
    let explained = Set(records.filter { $0.type == .outcome }.compactMap(\.name))
    #expect(explained == Set(names))
    #expect(records.last?.type == .summary)

    await cluster.set(dropAfter: nil)
    let rerun = await engine(cluster, dir: dir).run(orphans, context: Fixture.context(now: now))
    #expect(rerun.results.map(\.outcome) == [.alreadyGone, .deleted, .deleted])
    #expect(await cluster.objects.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).count == 2)
  }

  @Test func stopFlagEndsTheBatchAfterTheCurrentItem() async throws {
    let cluster = FakeCluster()
    for name in ["a", "b", "c"] {
      await cluster.put(Fixture.ipPath(name), Fixture.ip(name, uid: "u-\(name)"))
    }
    let progress = Recorder<String>()
    let summary = await engine(cluster).run(
      ["a", "b", "c"].map { Fixture.orphan($0, uid: "u-\($0)") }, context: Fixture.context(now: now),
      progress: { done, total, result in progress.append("\(done)/\(total) \(result.outcome.rawValue)") },
      shouldStop: { progress.values.count >= 1 })
    #expect(summary.results.map(\.outcome) == [.deleted, .skipped, .skipped])
    #expect(summary.stoppedEarly == "stopped by the user")
    #expect(progress.values == ["1/3 deleted", "2/3 skipped", "3/3 skipped"])
    #expect(await cluster.deletes() == [Fixture.ipPath("a")])
  }

  @Test func batchesAreBounded() async throws {
    let cluster = FakeCluster()
    for name in ["a", "b", "c"] {
      await cluster.put(Fixture.ipPath(name), Fixture.ip(name, uid: "u-\(name)"))
    }
    let summary = await engine(cluster, batch: 2).run(
      ["a", "b", "c"].map { Fixture.orphan($0, uid: "u-\($0)") }, context: Fixture.context(now: now))
    #expect(summary.results.map(\.outcome) == [.deleted, .deleted, .skipped])
    #expect(summary.results[2].detail.contains("batch limit of 2"))
    #expect(await cluster.count("DELETE") == 2)
  }

  @Test func aDryRunDeletesNothingAndWritesNoJournal() async throws {
    let cluster = FakeCluster()
    await cluster.put(Fixture.ipPath("a"), Fixture.ip("a", uid: "u-a"))
    let dir = Fixture.journalDirectory()
    let summary = await engine(cluster, dir: dir).run(
      [Fixture.orphan("a", uid: "u-a")], context: Fixture.context(now: now), dryRun: true)
    #expect(summary.results.map(\.outcome) == [.skipped])
    #expect(summary.results[0].detail.hasPrefix("dry run: would delete"))
    #expect(summary.journalPath == nil)
    #expect(!FileManager.default.fileExists(atPath: dir.path))
    #expect(await cluster.count("DELETE") == 0)
  }
}
