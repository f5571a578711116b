import Foundation
import OvnipAccounting
import OvnipCleanup
import OvnipKube
import Testing

@Suite struct HeadlessCleanupTests {
  let now = Date(timeIntervalSince1970: 1_795_000_000)

  /// A `--once -o json` report (schema 1) listing `orphans`, made `age` seconds ago.
  func reportJSON(
    _ orphans: [Orphan], source: String = "kubectl:kind-ovn", server: String? = nil,
    age: TimeInterval = 600
  ) -> Data {
    let f = ISO8601DateFormatter()
    let items = orphans.map {
      """
      {"kind":"IP","name":"\($0.name)","uid":"\($0.uid)","resourceVersion":"\($0.resourceVersion)","subnet":"\($0.subnet)","addresses":["\($0.addresses[0])"],"reason":"pod-missing","reasons":["pod-missing"],"evidence":"\($0.evidence)","createdAt":"\($0.createdAt)"}
      """
    }.joined(separator: ",")
    let serverField = server.map { ",\"server\":\"\($0)\"" } ?? ""
    return Data("""
      {"schemaVersion":1,"generatedAt":"\(f.string(from: now.addingTimeInterval(-age)))","source":"\(source)"\(serverField),"subnets":[],"overlaps":[],"orphans":[\(items)],"exempt":[],"danglingEIPs":[],"errors":[]}
      """.utf8)
  }

  func headless(_ cluster: FakeCluster, fresh: Report, grace: TimeInterval = 0, readOnly: Bool = false) -> HeadlessCleanup {
    let now = self.now
    let engine = CleanupEngine(client: cluster.client, journalDirectory: Fixture.journalDirectory(), now: { now })
    return HeadlessCleanup(
      engine: engine,
      freshReport: { .init(report: fresh, identity: Fixture.identity, at: now) },
      grace: grace, readOnly: readOnly, refreshInterval: 2)
  }

  struct Run {
    var status: Int32
    var out: [String]
    var err: [String]
  }

  func run(_ h: HeadlessCleanup, _ report: Data, dryRun: Bool = false, yes: Bool = true, answer: Bool = false) async -> Run {
    let out = Recorder<String>()
    let err = Recorder<String>()
    let status = await h.run(
      report: report, dryRun: dryRun, assumeYes: yes, confirm: { _ in answer },
      output: { out.append($0) }, error: { err.append($0) })
    return Run(status: status, out: out.values, err: err.values)
  }

  @Test func againstAChangedClusterOnlyStillOrphansWithTheSameIdentityAreDeleted() async throws {
    let cluster = FakeCluster()
    let a = Fixture.orphan("a.default", uid: "u-a")
    let b = Fixture.orphan("b.default", uid: "u-b")
    let c = Fixture.orphan("c.default", uid: "u-c")
    let d = Fixture.orphan("d.default", uid: "u-d")
    // Now: a unchanged, b recreated, c owned again (exempt), d gone.
    await cluster.put(Fixture.ipPath("a.default"), Fixture.ip("a.default", uid: "u-a"))
    await cluster.put(Fixture.ipPath("b.default"), Fixture.ip("b.default", uid: "u-b2"))
    await cluster.put(Fixture.ipPath("c.default"), Fixture.ip("c.default", uid: "u-c"))
    var b2 = b
    b2.uid = "u-b2"
    let fresh = Report(
      generatedAt: now, source: "kubectl:kind-ovn", orphans: [a, b2],
      exempt: [Exemption(name: "c.default", subnet: "net1", addresses: [], reason: .podTerminating, evidence: "Pod default/c is terminating")])
    let result = await run(headless(cluster, fresh: fresh), reportJSON([a, b, c, d]))
    #expect(result.status == 0)
    #expect(await cluster.deletes() == [Fixture.ipPath("a.default")])
    #expect(result.out.contains("changed b.default: uid is u-b2 now, report has u-b: recreated under the same name"))
    #expect(result.out.contains("owner-present c.default: not an orphan now (pod-terminating): Pod default/c is terminating"))
    #expect(result.out.contains("already-gone d.default: not in a fresh snapshot"))
    #expect(result.out.contains("deleted a.default: subnet net1, 10.0.1.20"))
    #expect(result.out.contains("deleted 1, skipped 3 (changed 1, owner-present 1, already-gone 1), failed 0"))
  }

  @Test(arguments: [
    ("kubectl:prod", nil as String?, "the report is from context prod; kubectl now uses kind-ovn"),
    ("kubectl:kind-ovn", "https://10.9.9.9:6443", "the report is from API server https://10.9.9.9:6443; context kind-ovn now points at https://127.0.0.1:6443"),
    ("file:examples/nat-gateway-leak", nil, "the report was made from file:examples/nat-gateway-leak, not from a cluster; make it with ovnip-top --once -o json against the cluster"),
  ])
  func aReportFromElsewhereIsRefused(source: String, server: String?, message: String) async throws {
    let cluster = FakeCluster()
    let a = Fixture.orphan("a.default", uid: "u-a")
    await cluster.put(Fixture.ipPath("a.default"), Fixture.ip("a.default", uid: "u-a"))
    let result = await run(
      headless(cluster, fresh: Report(generatedAt: now, source: "kubectl:kind-ovn", orphans: [a])),
      reportJSON([a], source: source, server: server))
    #expect(result.status == 2)
    #expect(result.err == ["ovnip-top cleanup: \(message)"])
    #expect(await cluster.count("DELETE") == 0)
  }

  @Test func aReportYoungerThanTheGracePeriodIsRefused() async throws {
    let cluster = FakeCluster()
    let a = Fixture.orphan("a.default", uid: "u-a")
    let result = await run(
      headless(cluster, fresh: Report(generatedAt: now, source: "kubectl:kind-ovn", orphans: [a]), grace: 120),
      reportJSON([a], age: 30))
    #expect(result.status == 2)
    #expect(result.err.first?.contains("the report is 30s old; its orphans must stay orphans for --grace 2m first") == true)
    #expect(await cluster.count("DELETE") == 0)
  }

  @Test func aReportWithoutATimeIsRefusedUnlessGraceIsZero() async throws {
    let cluster = FakeCluster()
    let a = Fixture.orphan("a.default", uid: "u-a")
    await cluster.put(Fixture.ipPath("a.default"), Fixture.ip("a.default", uid: "u-a"))
    let text = String(decoding: reportJSON([a]), as: UTF8.self)
      .replacingOccurrences(of: #""generatedAt":"#, with: #""generatedAtX":"#)
    let fresh = Report(generatedAt: now, source: "kubectl:kind-ovn", orphans: [a])
    let refused = await run(headless(cluster, fresh: fresh, grace: 120), Data(text.utf8))
    #expect(refused.status == 2 && refused.err.first?.contains("no valid generatedAt") == true)
    let allowed = await run(headless(cluster, fresh: fresh, grace: 0), Data(text.utf8))
    #expect(allowed.status == 0)
    #expect(await cluster.deletes() == [Fixture.ipPath("a.default")])
  }

  @Test func aSlowAnswerTakesAnotherLookBeforeDeleting() async throws {
    let cluster = FakeCluster()
    let a = Fixture.orphan("a.default", uid: "u-a")
    let b = Fixture.orphan("b.default", uid: "u-b")
    for o in [a, b] { await cluster.put(Fixture.ipPath(o.name), Fixture.ip(o.name, uid: o.uid)) }
    let clock = Recorder<Date>()
    clock.append(now)
    let looks = Recorder<Int>()
    let engine = CleanupEngine(
      client: cluster.client, journalDirectory: Fixture.journalDirectory(), now: { clock.values.last! })
    let h = HeadlessCleanup(
      engine: engine,
      freshReport: {
        looks.append(1)
        // By the second look, b is owned again.
        let orphans = looks.values.count == 1 ? [a, b] : [a]
        return .init(report: Report(generatedAt: clock.values.last!, source: "kubectl:kind-ovn", orphans: orphans), identity: Fixture.identity, at: clock.values.last!)
      },
      grace: 0, readOnly: false, refreshInterval: 2)
    let out = Recorder<String>()
    let status = await h.run(
      report: reportJSON([a, b]), dryRun: false, assumeYes: false,
      confirm: { _ in
        clock.append(clock.values.last!.addingTimeInterval(30))  // the operator took 30 s
        return true
      },
      output: { out.append($0) }, error: { out.append($0) })
    #expect(status == 0)
    #expect(looks.values.count == 2)
    #expect(await cluster.deletes() == [Fixture.ipPath("a.default")])
    #expect(out.values.contains("already-gone b.default: not in a fresh snapshot"))
  }

  @Test func declinedConfirmationDeletesNothing() async throws {
    let cluster = FakeCluster()
    let a = Fixture.orphan("a.default", uid: "u-a")
    await cluster.put(Fixture.ipPath("a.default"), Fixture.ip("a.default", uid: "u-a"))
    let h = headless(cluster, fresh: Report(generatedAt: now, source: "kubectl:kind-ovn", orphans: [a]))
    let declined = await run(h, reportJSON([a]), yes: false, answer: false)
    #expect(declined.status == 1 && declined.out.last == "aborted; nothing deleted")
    #expect(await cluster.count("DELETE") == 0)
    let accepted = await run(h, reportJSON([a]), yes: false, answer: true)
    #expect(accepted.status == 0)
    #expect(await cluster.count("DELETE") == 1)
  }

  @Test func readOnlyAndDryRun() async throws {
    let cluster = FakeCluster()
    let a = Fixture.orphan("a.default", uid: "u-a")
    await cluster.put(Fixture.ipPath("a.default"), Fixture.ip("a.default", uid: "u-a"))
    let fresh = Report(generatedAt: now, source: "kubectl:kind-ovn", orphans: [a])
    let readOnly = await run(headless(cluster, fresh: fresh, readOnly: true), reportJSON([a]))
    #expect(readOnly.status == 2 && readOnly.err == ["ovnip-top cleanup: read-only mode (--readonly): deletion is disabled"])
    let dry = await run(headless(cluster, fresh: fresh), reportJSON([a]), dryRun: true, yes: false)
    #expect(dry.status == 0)
    #expect(dry.out.contains("skipped a.default: dry run: would delete (subnet net1, 10.0.1.20)"))
    #expect(await cluster.count("DELETE") == 0)
  }

  @Test func aFailedItemGivesExitStatusOne() async throws {
    let cluster = FakeCluster()
    let a = Fixture.orphan("a.default", uid: "u-a")
    await cluster.put(Fixture.ipPath("a.default"), Fixture.ip("a.default", uid: "u-a"))
    await cluster.set(failure: KubeError(.serverError, "Internal error occurred: etcdserver: request timed out"), for: "DELETE \(Fixture.ipPath("a.default"))")
    let result = await run(headless(cluster, fresh: Report(generatedAt: now, source: "kubectl:kind-ovn", orphans: [a])), reportJSON([a]))
    #expect(result.status == 1)
    #expect(result.out.contains("failed a.default: DELETE: Internal error occurred: etcdserver: request timed out"))
  }

  @Test(arguments: [
    ("not json", "the report is not an ovnip-top JSON report (made with --once -o json)"),
    (#"{"schemaVersion":2,"source":"kubectl:x","orphans":[]}"#, "unsupported report schemaVersion 2; expected 1"),
    (#"{"schemaVersion":1,"orphans":[]}"#, "the report has no source or no orphans list"),
  ])
  func badReportsAreOneLineErrors(text: String, message: String) {
    #expect(throws: CleanupRefusal.invalidRequest(message)) { try ReportFile.parse(Data(text.utf8)) }
  }
}
