import Foundation
import OvnipAccounting
import OvnipCleanup
import OvnipKube
import OvnipModel
import OvnipScenario
import OvnipStandIn
import OvnipTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The cleanup protocol with the real kubectl against the API stand-in, checked in the
/// stand-in's request log.
@Suite(.serialized, .enabled(if: StandInHarness.kubectlAvailable, "kubectl is not installed"))
struct StandInCleanupTests {
  /// A running stand-in with the `leaks` scenario, a live client, its identity and a report.
  struct Live {
    var harness: StandInHarness
    var client: KubectlClient
    var identity: ClusterIdentity
    var journal: URL

    static func start(knobs: StandInKnobs = StandInKnobs()) async throws -> Live {
      let harness = try await StandInHarness.start(scenario: "leaks", knobs: knobs)
      // Four more pod-missing leaks: the web pods go away, their IP CRs stay.
      for suffix in ["x7k2p", "b9qzl", "m4dtr", "p2w8n"] {
        harness.server.delete(.pods, namespace: "default", name: "web-6d4cf56db6-\(suffix)")
      }
      let options = KubectlOptions(
        kubeconfig: harness.kubeconfigPath, cacheDir: harness.cacheDir, environment: harness.environment)
      let client = try KubectlClient.live(options)
      let identity = try await client.identity()
      return Live(
        harness: harness, client: client, identity: identity,
        journal: harness.directory.appendingPathComponent("journal"))
    }

    var server: StandInServer { harness.server }

    func report() async throws -> Report {
      let discovery = try await Discovery.run(client: client, context: identity.context)
      let snapshot = try await Collector(client: client).snapshot(discovery: discovery)
      return Accountant().report(snapshot, now: Date(), source: "kubectl:\(identity.context)", subnets: [])
    }

    func engine(_ client: KubectlClient? = nil) -> CleanupEngine {
      CleanupEngine(client: client ?? self.client, journalDirectory: journal)
    }

    func context(age: TimeInterval = 0, readOnly: Bool = false) -> CleanupContext {
      CleanupContext(
        identity: identity, snapshotAt: Date().addingTimeInterval(-age), refreshInterval: 20,
        readOnly: readOnly, mode: "test")
    }

    /// DELETE requests the stand-in received, by IP CR name.
    var deletedNames: [String] {
      server.requests.filter { $0.method == "DELETE" }.map { String($0.path.split(separator: "/").last ?? "") }
    }

    func stop() async { await harness.stop() }
  }

  /// A pod-missing orphan of the report, with its pod check.
  func podMissing(_ report: Report, index: Int = 0) throws -> Orphan {
    let all = report.orphans.filter { $0.reason == .podMissing && $0.checks.contains { $0.kind == .pod } }
    try #require(all.count > index, "the leaks scenario has pod-missing orphans")
    return all[index]
  }

  @Test func recreatedUnderTheSameNameIsNotDeleted() async throws {
    let live = try await Live.start()
    defer { Task { await live.stop() } }
    let orphan = try podMissing(try await live.report())
    // Deleted and recreated under the same name after confirmation: new uid.
    var object = try #require(live.server.object(.ips, name: orphan.name))
    live.server.delete(.ips, name: orphan.name)
    object.set(["metadata", "uid"], .string("recreated-0000-uid"))
    live.server.upsert(.ips, object)
    live.server.clearRequestLog()

    let summary = await live.engine().run([orphan], context: live.context())
    #expect(summary.results.map(\.outcome) == [.changed])
    #expect(live.deletedNames.isEmpty)
    #expect(live.server.object(.ips, name: orphan.name) != nil)
  }

  @Test func anOwnerPodThatAppearsSavesItsIPCR() async throws {
    let live = try await Live.start()
    defer { Task { await live.stop() } }
    let orphan = try podMissing(try await live.report())
    let pod = try #require(orphan.checks.first { $0.kind == .pod })
    live.server.upsert(
      .pods,
      try JSONValue.parse(Array("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\(pod.name)","namespace":"\(pod.namespace)"},"spec":{"nodeName":"worker-1"},"status":{"phase":"Running"}}
        """.utf8)))
    live.server.clearRequestLog()
    let summary = await live.engine().run([orphan], context: live.context())
    #expect(summary.results.map(\.outcome) == [.ownerPresent])
    #expect(live.deletedNames.isEmpty)
    // The fresh GETs happened: the IP CR, then the pod.
    let gets = live.server.requests.filter { $0.method == "GET" }.map(\.path)
    #expect(gets.contains("/apis/kubeovn.io/v1/ips/\(orphan.name)"))
    #expect(gets.contains("/api/v1/namespaces/\(pod.namespace)/pods/\(pod.name)"))
  }

  @Test func deletesWithPreconditionsAndANotFoundIsAlreadyGone() async throws {
    let live = try await Live.start()
    defer { Task { await live.stop() } }
    let report = try await live.report()
    let gone = try podMissing(report, index: 0)
    let kept = try podMissing(report, index: 1)
    live.server.delete(.ips, name: gone.name)
    live.server.clearRequestLog()
    let summary = await live.engine().run([gone, kept], context: live.context())
    #expect(summary.results.map(\.outcome) == [.alreadyGone, .deleted])
    #expect(live.deletedNames == [kept.name])
    let delete = try #require(live.server.requests.first { $0.method == "DELETE" })
    #expect(delete.body.contains("\"preconditions\":{\"uid\":\"\(kept.uid)\",\"resourceVersion\":\"\(kept.resourceVersion)\"}"))
    #expect(live.server.object(.ips, name: kept.name) == nil)
  }

  @Test func aForbiddenDeleteIsShownAndNothingElseBreaks() async throws {
    let live = try await Live.start()
    defer { Task { await live.stop() } }
    let report = try await live.report()
    let first = try podMissing(report, index: 0)
    let second = try podMissing(report, index: 1)
    // RBAC says yes, but the DELETE is refused (e.g. an admission policy): a per-item 403.
    live.server.setKnobs { $0.forbiddenVerbs = [.init(verb: "delete", resource: "ips")] }
    var client = live.client
    client.canI = { _, _ in true }
    let summary = await live.engine(client).run([first, second], context: live.context())
    #expect(summary.results.map(\.outcome) == [.forbidden, .forbidden])
    #expect(summary.results[0].detail.contains("403"))
    #expect(summary.line.hasSuffix("failed 2 (forbidden 2)"))
    live.server.setKnobs { $0.forbiddenVerbs = [] }
    let again = await live.engine(client).run([first], context: live.context())
    #expect(again.results.map(\.outcome) == [.deleted])
  }

  @Test func withoutDeletePermissionOrReadOnlyOrStaleNoDeleteIsSent() async throws {
    let live = try await Live.start()
    defer { Task { await live.stop() } }
    let orphan = try podMissing(try await live.report())
    live.server.clearRequestLog()

    let readOnly = await live.engine().run([orphan], context: live.context(readOnly: true))
    #expect(readOnly.refusal == .readOnly)
    #expect(live.server.requests.isEmpty)

    let stale = await live.engine().run([orphan], context: live.context(age: 61))
    guard case .staleSnapshot(_, let limit) = stale.refusal else {
      Issue.record("expected a stale-snapshot refusal, got \(String(describing: stale.refusal))")
      return
    }
    #expect(limit == 60)
    #expect(live.server.requests.isEmpty)

    live.server.setKnobs { $0.forbiddenVerbs = [.init(verb: "delete", resource: "ips")] }
    let denied = await live.engine().run([orphan], context: live.context())
    #expect(denied.refusal == .noDeletePermission)
    // Only the permission checks reached the server: no item was read, none deleted.
    #expect(live.deletedNames.isEmpty)
    #expect(live.server.requests.contains { $0.path.contains("selfsubjectaccessreviews") })
    #expect(!live.server.requests.contains { $0.path.hasPrefix("/apis/kubeovn.io/v1/ips/") })
    #expect(live.server.object(.ips, name: orphan.name) != nil)
  }

  @Test func aDroppedConnectionLeavesAJournalThatExplainsEveryItemAndARerunFinishes() async throws {
    let live = try await Live.start()
    defer { Task { await live.stop() } }
    let report = try await live.report()
    let orphans = report.orphans.filter { $0.reason == .podMissing }
    try #require(orphans.count >= 2)
    // The server goes away right after the first DELETE.
    var client = live.client
    let base = live.client
    let server = live.server
    client.delete = { path, body in
      let out = try await base.delete(path, body)
      await server.stop()
      return out
    }
    let first = await live.engine(client).run(orphans, context: live.context())
    #expect(first.results.first?.outcome == .deleted)
    #expect(first.results.dropFirst().first?.outcome == .failed)
    #expect(first.results.dropFirst(2).allSatisfy { $0.outcome == .skipped || $0.outcome == .failed })
    let records = try Journal.read(try #require(first.journalPath)).records
    #expect(Set(records.filter { $0.type == .outcome }.compactMap(\.name)) == Set(orphans.map(\.name)))
    #expect(records.last?.type == .summary)

    try await live.server.start()
    let rerun = await live.engine().run(orphans, context: live.context())
    #expect(rerun.results.first?.outcome == .alreadyGone)
    #expect(rerun.results.dropFirst().allSatisfy { $0.outcome == .deleted })
    for orphan in orphans { #expect(live.server.object(.ips, name: orphan.name) == nil) }
  }

  @Test func restoreRoundTripAndRefusalOfAnAddressHeldAgain() async throws {
    let live = try await Live.start()
    defer { Task { await live.stop() } }
    let before = try await live.report()
    // Addresses nobody else holds (an overlap would rightly block the restore).
    let overlapped = Set(before.overlaps.map { "\($0.subnet)/\($0.address)" })
    let three = Array(
      before.orphans.filter { o in o.reason == .podMissing && !o.addresses.contains { overlapped.contains("\(o.subnet)/\($0)") } }
        .prefix(3))
    try #require(three.count == 3)
    let summary = await live.engine().run(three, context: live.context())
    #expect(summary.deleted == 3)
    let journal = try #require(summary.journalPath)
    let during = try await live.report()
    #expect(Set(during.orphans.map(\.name)).isDisjoint(with: three.map(\.name)))

    // Someone takes the first address meanwhile: that item is refused.
    let held = three[0]
    live.server.upsert(
      .ips,
      try JSONValue.parse(Array("""
        {"apiVersion":"kubeovn.io/v1","kind":"IP","metadata":{"name":"newcomer.default","labels":{"ovn.kubernetes.io/subnet":"\(held.subnet)"}},"spec":{"podName":"newcomer","namespace":"default","subnet":"\(held.subnet)","ipAddress":"\(held.addresses[0])","v4IpAddress":"\(held.addresses[0])","v6IpAddress":"","macAddress":"","podType":""}}
        """.utf8)))
    let refused = try await RestoreEngine(client: live.client).run(journal: journal)
    #expect(refused.map(\.outcome) == [.refused, .restored, .restored])
    #expect(refused[0].detail.contains("is held by IP newcomer.default now"))

    // Free it again and restore the rest: the report is back to where it was.
    live.server.delete(.ips, name: "newcomer.default")
    let second = try await RestoreEngine(client: live.client).run(journal: journal, names: [held.name])
    #expect(second.map(\.outcome) == [.restored])
    let after = try await live.report()
    #expect(after.orphans.map { [$0.name, $0.subnet, $0.addresses.joined(separator: ",")] + $0.reasons.map(\.rawValue) }
      == before.orphans.map { [$0.name, $0.subnet, $0.addresses.joined(separator: ",")] + $0.reasons.map(\.rawValue) })
    #expect(after.subnets == before.subnets)
    // The creates carried no server-set fields.
    for post in live.server.requests.filter({ $0.method == "POST" && $0.path == "/apis/kubeovn.io/v1/ips" }) {
      #expect(!post.body.contains("\"uid\"") && !post.body.contains("\"resourceVersion\""))
    }
  }

  // MARK: - The headless command, as a child process

  /// `ovnip-top --once -o json` against the stand-in, saved to a file.
  func writeReport(_ live: Live) async throws -> (path: String, orphans: [String]) {
    let once = try await live.harness.ovnipTop(["--once", "-o", "json"])
    #expect(once.status == 1, "anomalies found: \(once.stderrText)")
    let path = live.harness.directory.appendingPathComponent("report.json").path
    try once.stdout.write(to: URL(fileURLWithPath: path))
    let top = try #require(try JSONSerialization.jsonObject(with: once.stdout) as? [String: Any])
    let orphans = (top["orphans"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    return (path, orphans)
  }

  @Test(.enabled(if: StandInHarness.ovnipTopPath() != nil, "ovnip-top is not built"))
  func cleanupFromReportAgainstAChangedCluster() async throws {
    let live = try await Live.start()
    defer { Task { await live.stop() } }
    let (path, names) = try await writeReport(live)
    let report = try await live.report()
    let recreated = try podMissing(report, index: 0)
    let saved = try podMissing(report, index: 1)
    let gone = try podMissing(report, index: 2)
    var object = try #require(live.server.object(.ips, name: recreated.name))
    live.server.delete(.ips, name: recreated.name)
    object.set(["metadata", "uid"], .string("recreated-0000-uid"))
    live.server.upsert(.ips, object)
    let pod = try #require(saved.checks.first { $0.kind == .pod })
    live.server.upsert(
      .pods,
      try JSONValue.parse(Array("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\(pod.name)","namespace":"\(pod.namespace)"},"spec":{"nodeName":"worker-1"},"status":{"phase":"Running","podIP":"\(saved.addresses[0])"}}
        """.utf8)))
    live.server.delete(.ips, name: gone.name)

    // Refusals first: no terminal and no --yes; --readonly; a report from another context.
    live.server.clearRequestLog()
    let noTTY = try await live.harness.ovnipTop(["cleanup", "--from-report", path, "--grace", "0"])
    #expect(noTTY.status == 2)
    #expect(noTTY.stderrText.contains("pass --yes"))
    let readOnly = try await live.harness.ovnipTop(["cleanup", "--from-report", path, "--yes", "--readonly"])
    #expect(readOnly.status == 2)
    #expect(readOnly.stderrText.contains("read-only"))
    let foreign = live.harness.directory.appendingPathComponent("foreign.json").path
    let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
      of: "\"kubectl:\(live.identity.context)\"", with: "\"kubectl:prod\"")
    try text.write(toFile: foreign, atomically: true, encoding: .utf8)
    let other = try await live.harness.ovnipTop(["cleanup", "--from-report", foreign, "--yes", "--grace", "0"])
    #expect(other.status == 2)
    #expect(other.stderrText.contains("the report is from context prod"))
    #expect(live.deletedNames.isEmpty)

    let journal = live.journal.path
    let run = try await live.harness.ovnipTop(
      ["cleanup", "--from-report", path, "--yes", "--grace", "0", "--journal", journal], timeout: 120)
    #expect(run.status == 0, "\(run.stderrText)")
    let out = run.stdoutText
    #expect(out.contains("changed \(recreated.name): uid is recreated-0000-uid now"))
    #expect(out.contains("owner-present \(saved.name): not an orphan now"))
    #expect(out.contains("already-gone \(gone.name): not in a fresh snapshot"))
    let expected = Set(names).subtracting([recreated.name, saved.name, gone.name])
    #expect(Set(live.deletedNames) == expected)
    #expect(out.contains("deleted \(expected.count), skipped 3 (changed 1, owner-present 1, already-gone 1), failed 0"))
    #expect(live.server.object(.ips, name: recreated.name) != nil)
    #expect(live.server.object(.ips, name: saved.name) != nil)

    // restore --dry-run reads the journal the command wrote.
    let files = try FileManager.default.contentsOfDirectory(atPath: journal).filter { $0.hasSuffix(".jsonl") }
    #expect(files.count == 1)
    let dry = try await live.harness.ovnipTop(["restore", journal + "/" + files[0], "--dry-run"])
    // The gone gateway's IP CRs cannot come back: its subnet is gone, and its external
    // address is held by another EIP now (the #4747 overlap). Everything else could.
    #expect(dry.status == 1, "\(dry.stderrText)")
    #expect(dry.stdoutText.contains("refused vpc-nat-gw-gw-gone-0.kube-system: subnet net-gone not found"))
    #expect(dry.stdoutText.contains("is held by IptablesEIP eip-reused now"))
    #expect(dry.stdoutText.contains("would restore \(expected.count - 2), refused 2, failed 0"))
    #expect(!live.server.requests.contains { $0.method == "POST" && $0.path == "/apis/kubeovn.io/v1/ips" })
  }

  @Test(.enabled(if: StandInHarness.ovnipTopPath() != nil, "ovnip-top is not built"))
  func killMinus9MidBatchLeavesNoDeletedObjectWithoutItsJournalLine() async throws {
    let live = try await Live.start()
    defer { Task { await live.stop() } }
    let (path, names) = try await writeReport(live)
    try #require(names.count >= 3)
    live.server.setKnobs { $0.resourceLatency = ["ips": 0.3] }
    live.server.clearRequestLog()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(StandInHarness.ovnipTopPath()))
    process.arguments = ["cleanup", "--from-report", path, "--yes", "--grace", "0", "--journal", live.journal.path]
    process.environment = live.harness.environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(90)
    while live.deletedNames.isEmpty, process.isRunning, Date() < deadline {
      try await Task.sleep(for: .milliseconds(20))
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    // A kubectl child may outlive its parent and still send its request: let it.
    try await Task.sleep(for: .seconds(3))

    let files = try FileManager.default.contentsOfDirectory(atPath: live.journal.path)
    try #require(files.count == 1)
    let records = try Journal.read(live.journal.path + "/" + files[0]).records
    let journaled = Set(records.filter { $0.type == .delete && $0.object != nil }.compactMap(\.name))
    let deleted = Set(names.filter { live.server.object(.ips, name: $0) == nil })
    #expect(!deleted.isEmpty)
    #expect(deleted.count < names.count, "killed mid-batch")
    #expect(deleted.isSubset(of: journaled))
    #expect(Set(live.deletedNames).isSubset(of: journaled))
    #expect(records.last?.type != .summary)
  }
}
