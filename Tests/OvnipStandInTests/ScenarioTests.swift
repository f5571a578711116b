import Foundation
import OvnipModel
import OvnipScenario
import Testing

/// The generator is reproducible and plants exactly what it says it plants.
@Suite struct ScenarioTests {
  static func bytes(_ s: Scenario) -> [UInt8] {
    var out: [UInt8] = []
    for kind in ResourceKind.allCases {
      for o in s.items(kind) { o.write(into: &out) }
    }
    return out
  }

  @Test(arguments: ["leaks", "healthy", "no-kubeovn", "churn", "dualstack"])
  func sameSeedSameBytes(name: String) throws {
    let a = try ScenarioGenerator.make(name, options: ScenarioOptions(seed: 7))
    let b = try ScenarioGenerator.make(name, options: ScenarioOptions(seed: 7))
    let c = try ScenarioGenerator.make(name, options: ScenarioOptions(seed: 8))
    #expect(Self.bytes(a) == Self.bytes(b))
    #expect(a.expected == b.expected)
    #expect(Self.bytes(a) != Self.bytes(c), "the seed drives uids and MACs")
  }

  @Test func bigIsReproducibleAndSized() throws {
    let o = ScenarioOptions(seed: 3, ips: 1500, pods: 1200)
    let a = try ScenarioGenerator.make("big", options: o)
    let b = try ScenarioGenerator.make("big", options: o)
    #expect(Self.bytes(a) == Self.bytes(b))
    let leaks = try ScenarioGenerator.make("leaks", options: o)
    #expect(a.items(.ips).count == leaks.items(.ips).count + 1500)
    #expect(a.items(.pods).count == leaks.items(.pods).count + 1200)
    // The 300 IP CRs beyond the pods leak.
    #expect(a.expected.orphans.count == leaks.expected.orphans.count + 300)
    #expect(a.expected.orphans["gone-1499.bulk-19"] == "pod-missing")
  }

  @Test func unknownScenarioIsAOneLineError() {
    #expect(throws: ScenarioError.self) { try ScenarioGenerator.make("nope") }
    do {
      _ = try ScenarioGenerator.make("nope")
    } catch {
      #expect("\(error)" == "unknown scenario \"nope\" (known: leaks, healthy, big, no-kubeovn, churn, dualstack)")
    }
  }

  @Test func leaksPlantsEveryModeAndLookAlike() throws {
    let s = try ScenarioGenerator.make("leaks")
    let reasons = Set(s.expected.orphans.values)
    #expect(
      reasons
        == [
          "subnet-missing", "nat-gateway-missing", "pod-missing", "statefulset-missing",
          "statefulset-scaled-down", "vm-missing", "node-missing", "nic-detached",
        ])
    #expect(
      Set(s.expected.exempt.values) == ["reserved", "statefulset-member", "vm-present", "pod-terminating", "special-ip"])
    #expect(s.expected.overlaps.count == 1)
    #expect(s.expected.overflowingSubnets == ["ovn-vpc-external-network"])
    // Both IP CRs of the gateway deleted after its subnet leak.
    #expect(s.expected.orphans["vpc-nat-gw-gw-gone-0.kube-system"] == "subnet-missing")
    #expect(
      s.expected.orphans["vpc-nat-gw-gw-gone-0.kube-system.ovn-vpc-external-network.kube-system"]
        == "nat-gateway-missing")
  }

  @Test(arguments: ["leaks", "healthy", "big", "dualstack", "churn"])
  func expectedFindingsMatchTheObjects(name: String) throws {
    let s = try ScenarioGenerator.make(name, options: ScenarioOptions(ips: 300, pods: 250))
    let verdicts = IndependentCheck(s).verdicts()
    var orphans: [String: String] = [:]
    var exempt: [String: String] = [:]
    for (ip, v) in verdicts {
      switch v {
      case .orphan(let r): orphans[ip] = r
      case .exempt(let r): exempt[ip] = r
      case .owned: break
      }
    }
    #expect(orphans == s.expected.orphans)
    #expect(exempt == s.expected.exempt)
    for name in s.expected.owned { #expect(verdicts[name] == .owned, "\(name)") }
    #expect(IndependentCheck(s).overlaps() == s.expected.overlaps.sorted())
  }

  @Test func healthyHasNoFindings() throws {
    let s = try ScenarioGenerator.make("healthy")
    #expect(s.expected.orphans.isEmpty)
    #expect(s.expected.overlaps.isEmpty)
    #expect(s.expected.overflowingSubnets.isEmpty)
    #expect(!s.expected.exempt.isEmpty, "look-alikes are present")
  }

  @Test func noKubeOVNServesOnlyCoreAndApps() throws {
    let s = try ScenarioGenerator.make("no-kubeovn")
    #expect(s.served == [.pods, .nodes, .configMaps, .statefulSets])
    #expect(s.items(.ips).isEmpty)
    #expect(!s.items(.pods).isEmpty)
  }
}
