import Foundation
import OvnipModel
import OvnipScenario
import OvnipStandIn
import OvnipTestSupport
import Testing

extension StandInIntegration {
  /// The accounting (`ovnip-top --once --from DIR -o json`) finds exactly what the generator
  /// planted, on lists read from the stand-in by the real kubectl.
  @Suite struct ScenarioAccountingTests {
    struct Findings {
      var orphans: [String: String] = [:]
      var exempt: [String: String] = [:]
      var overlaps: [ExpectedOverlap] = []
      var flags: [String: [String]] = [:]
    }

    static func findings(_ json: JSONValue) -> Findings {
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
      for s in json["subnets"]?.arrayValue ?? [] {
        f.flags[s["name"]?.stringValue ?? ""] = (s["flags"]?.arrayValue ?? []).compactMap(\.stringValue)
      }
      return f
    }

    @Test(arguments: ["leaks", "healthy", "dualstack", "churn"])
    func onceFromCollectedFilesMatchesPlantedFindings(name: String) async throws {
      guard StandInHarness.ovnipTopPath() != nil else {
        Issue.record("ovnip-top is not built")
        return
      }
      let h = try await StandInHarness.start(scenario: name)
      let dir = h.directory.appendingPathComponent("snapshot")
      try await h.collect(to: dir)
      let r = try await h.ovnipTop(["--once", "--from", dir.path, "-o", "json"])
      let expected = h.server.scenario.expected
      #expect(r.status == (expected.orphans.isEmpty && expected.overlaps.isEmpty ? 0 : 1), "\(r.stderrText)")
      let f = Self.findings(try JSONValue.parse(Array(r.stdout)))
      #expect(f.orphans == expected.orphans)
      #expect(f.exempt == expected.exempt)
      #expect(f.overlaps == expected.overlaps.sorted())
      for s in expected.overflowingSubnets {
        #expect((f.flags[s] ?? []).contains("using-exceeds-capacity"), "\(s) is flagged over capacity")
      }
      await h.stop()
    }
  }
}
