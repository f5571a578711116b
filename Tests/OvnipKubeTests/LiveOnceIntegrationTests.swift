import Foundation
import OvnipModel
import OvnipScenario
import OvnipStandIn
import OvnipTestSupport
import Testing

/// The built `ovnip-top --once` and `collect` through the real kubectl against the stand-in.
@Suite(.serialized, .enabled(if: StandInHarness.kubectlAvailable && StandInHarness.ovnipTopPath() != nil,
  "needs kubectl on PATH and a built ovnip-top"))
struct LiveOnceIntegrationTests {
  struct Findings: Equatable {
    var orphans: [String: String] = [:]
    var exempt: [String: String] = [:]
    var overlaps: [ExpectedOverlap] = []
    var errors: [String] = []
  }

  static func findings(_ stdout: Data) throws -> Findings {
    let json = try JSONValue.parse(Array(stdout))
    var f = Findings()
    for o in json["orphans"]?.arrayValue ?? [] {
      f.orphans[o["name"]?.stringValue ?? ""] = o["reason"]?.stringValue ?? ""
    }
    for o in json["exempt"]?.arrayValue ?? [] {
      f.exempt[o["name"]?.stringValue ?? ""] = o["reason"]?.stringValue ?? ""
    }
    f.overlaps = (json["overlaps"]?.arrayValue ?? []).map {
      ExpectedOverlap(subnet: $0["subnet"]?.stringValue ?? "", address: $0["address"]?.stringValue ?? "")
    }.sorted()
    f.errors = (json["errors"]?.arrayValue ?? []).compactMap { $0["resource"]?.stringValue }
    return f
  }

  @Test func onceFindsExactlyThePlantedLeaksAndOverlaps() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let r = try await h.ovnipTop(["--once", "-o", "json", "--page-size", "7"])
    let expected = h.server.scenario.expected
    #expect(r.status == 1, "\(r.stderrText)")
    let f = try Self.findings(r.stdout)
    #expect(f.orphans == expected.orphans)
    #expect(f.overlaps == expected.overlaps.sorted())
    #expect(f.exempt == expected.exempt)
    for owned in expected.owned {
      #expect(f.orphans[owned] == nil && f.exempt[owned] == nil, "\(owned) is owned")
    }
    #expect(f.errors.isEmpty)
    let json = try JSONValue.parse(Array(r.stdout))
    #expect(json["source"] == "kubectl:standin")
    // Read-only: nothing but GETs reached the server.
    #expect(h.server.requests.allSatisfy { $0.method == "GET" })
    await h.stop()
  }

  @Test func healthyClusterExitsZero() async throws {
    let h = try await StandInHarness.start(scenario: "healthy")
    let r = try await h.ovnipTop(["--once"])
    #expect(r.status == 0, "\(r.stderrText)")
    #expect(r.stdoutText.contains("0 leaked IP CRs"))
    await h.stop()
  }

  @Test func forbiddenPodsFlagNoOrphanAndExemptOwnerUnknown() async throws {
    var knobs = StandInKnobs()
    knobs.forbidden = ["pods"]
    let h = try await StandInHarness.start(scenario: "leaks", knobs: knobs)
    let r = try await h.ovnipTop(["--once", "-o", "json"])
    #expect(r.status != 2, "\(r.stderrText)")
    let f = try Self.findings(r.stdout)
    let podOwned = h.server.scenario.expected.orphans.filter { ["pod-missing", "statefulset-scaled-down", "nic-detached"].contains($0.value) }
    #expect(!podOwned.isEmpty)
    for name in podOwned.keys {
      #expect(f.orphans[name] == nil, "\(name) must not be flagged while pods are unknown")
      #expect(f.exempt[name] == "owner-unknown", "\(name)")
    }
    #expect(f.errors == ["pods"])
    await h.stop()
  }

  @Test func kubeOVNAbsentExitsTwoWithTheClearMessage() async throws {
    let h = try await StandInHarness.start(scenario: "no-kubeovn")
    let r = try await h.ovnipTop(["--once"])
    #expect(r.status == 2)
    #expect(r.stderrLines == ["ovnip-top: Kube-OVN CRDs not found in context standin: is Kube-OVN installed?"])
    #expect(r.stdout.isEmpty)
    await h.stop()
  }

  @Test func kubectlAbsentExitsTwoWithHowToInstallIt() async throws {
    let h = try await StandInHarness.start(scenario: "healthy")
    h.environment["PATH"] = h.directory.path  // no kubectl there
    let r = try await h.ovnipTop(["--once"])
    #expect(r.status == 2)
    #expect(r.stderrLines.count == 1)
    #expect(r.stderrText.hasPrefix("ovnip-top: kubectl not found on PATH: install it (Debian: `apt install kubernetes-client`"))
    let explicit = try await h.ovnipTop(["--once", "--kubectl", "/nonexistent/kubectl"])
    #expect(explicit.status == 2)
    #expect(explicit.stderrText.hasPrefix("ovnip-top: kubectl not found at /nonexistent/kubectl"))
    await h.stop()
  }

  @Test func unknownContextAndUnreachableServerAreOneLine() async throws {
    let h = try await StandInHarness.start(scenario: "healthy")
    let unknown = try await h.ovnipTop(["--once", "--context", "nope"])
    #expect(unknown.status == 2)
    #expect(unknown.stderrLines.count == 1)
    #expect(unknown.stderrText.contains("unknown kubeconfig context \"nope\""))
    let port = h.server.port
    await h.server.stop()
    let down = try await h.ovnipTop(["--once"])
    #expect(down.status == 2)
    #expect(down.stderrLines == ["ovnip-top: The connection to the server 127.0.0.1:\(port) was refused - did you specify the right host or port?"])
    await h.stop()
  }

  @Test func collectWritesTheFromDirFormat() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let live = try await h.ovnipTop(["--once", "-o", "json"])
    let dir = h.directory.appendingPathComponent("bundle")
    let collect = try await h.ovnipTop(["collect", "--to", dir.path, "--page-size", "5"])
    #expect(collect.status == 0, "\(collect.stderrText)")
    let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
    #expect(files == Set(ResourceKind.allCases.map(\.fileName) + ["meta.json"]))
    // Each file decodes as one List holding every object of its kind.
    let ips = try KubeList<IPCR>.decode(Data(contentsOf: dir.appendingPathComponent("ips.json")), resource: "ips")
    #expect(ips.items.count == h.server.scenario.items(.ips).count)
    #expect(ips.continueToken.isEmpty)
    let meta = try JSONValue.parse(Array(Data(contentsOf: dir.appendingPathComponent("meta.json"))))
    #expect(meta["context"] == "standin")
    #expect(meta["server"] == .string(h.server.url))
    #expect(meta["kubectlVersion"]?.stringValue?.hasPrefix("v1.") == true)
    // The bundle gives the same report as the live cluster.
    let fromFiles = try await h.ovnipTop(["--once", "--from", dir.path, "-o", "json"])
    #expect(try Self.findings(fromFiles.stdout) == Self.findings(live.stdout))
    #expect(fromFiles.status == live.status)
    // A second collect into the same directory is refused.
    let again = try await h.ovnipTop(["collect", "--to", dir.path])
    #expect(again.status == 2)
    #expect(again.stderrText.contains("is not empty"))
    await h.stop()
  }

  @Test func collectRecordsForbiddenAndNotServedKinds() async throws {
    var knobs = StandInKnobs()
    knobs.forbidden = ["pods"]
    let h = try await StandInHarness.start(scenario: "no-kubeovn", knobs: knobs)
    let dir = h.directory.appendingPathComponent("bundle")
    let collect = try await h.ovnipTop(["collect", "--to", dir.path])
    // Without Kube-OVN there is nothing to account: the clear error.
    #expect(collect.status == 2)
    #expect(collect.stderrText.contains("Kube-OVN CRDs not found in context standin"))
    h.server.setKnobs { $0.forbidden = [] }
    await h.stop()

    let leaks = try await StandInHarness.start(scenario: "leaks", knobs: knobs)
    let dir2 = leaks.directory.appendingPathComponent("bundle")
    #expect(try await leaks.ovnipTop(["collect", "--to", dir2.path]).status == 0)
    let pods = try JSONValue.parse(Array(Data(contentsOf: dir2.appendingPathComponent("pods.json"))))
    #expect(pods["kind"] == "Status")
    #expect(pods["code"] == 403)
    let report = try await leaks.ovnipTop(["--once", "--from", dir2.path, "-o", "json"])
    #expect(try Self.findings(report.stdout).errors == ["pods"])
    await leaks.stop()
  }
}
