import Foundation
import OvnipModel
import OvnipScenario
import OvnipStandIn
import OvnipTestSupport
import Testing

extension StandInIntegration {
  /// The churn timeline is pure, and applied on a timer leaks NAT-gateway IP CRs live.
  @Suite struct ChurnTests {
    static func describe(_ m: [ScenarioMutation]) -> [String] {
      m.map {
        switch $0 {
        case .upsert(let k, let o): "+\(k.plural)/\(o.name)"
        case .delete(let k, _, let name): "-\(k.plural)/\(name)"
        }
      }
    }

    @Test func stepIsPureAndFollowsTheGatewayLifecycle() throws {
      let s = try ScenarioGenerator.make("churn", options: ScenarioOptions(seed: 5))
      let timeline = try #require(s.churn)
      for tick in 0..<12 {
        #expect(timeline.step(tick) == timeline.step(tick), "tick \(tick) is reproducible")
      }
      #expect(
        Self.describe(ChurnScenario.step(tick: 0, seed: 5, now: Date())) == [
          "+subnets/churn-net-0", "+vpc-nat-gateways/gw-churn-0", "+statefulsets/vpc-nat-gw-gw-churn-0",
          "+pods/vpc-nat-gw-gw-churn-0-0", "+ips/vpc-nat-gw-gw-churn-0-0.kube-system",
          "+ips/vpc-nat-gw-gw-churn-0-0.kube-system.ovn-vpc-external-network.kube-system",
        ])
      #expect(ChurnScenario.preAppliedTicks == 9)
      // Timeline tick t is lifecycle tick t + 9: gateway 2 (created at 8) loses its subnet at 10…
      #expect(timeline.step(0).isEmpty)
      #expect(Self.describe(timeline.step(1)) == ["-subnets/churn-net-2"], "the subnet goes first")
      #expect(
        Self.describe(timeline.step(2)) == [
          "-vpc-nat-gateways/gw-churn-2", "-statefulsets/vpc-nat-gw-gw-churn-2", "-pods/vpc-nat-gw-gw-churn-2-0",
        ])
      // …and creating gateway 3 (lifecycle 12) first cleans up the leaked IP CRs of gateway 0,
      // whose external address it takes over.
      let t3 = Self.describe(timeline.step(3))
      #expect(Array(t3.prefix(2)) == ChurnScenario.ipNames(gateway: 0).map { "-ips/\($0)" })
      #expect(t3.contains("+vpc-nat-gateways/gw-churn-3"))
      #expect(t3.last == "+subnets/ovn-vpc-external-network")
      #expect(ChurnScenario.externalAddress(gateway: 3) == ChurnScenario.externalAddress(gateway: 0))
    }

    @Test func startsInTheSteadyStateWithGatewaysLeakedAndRunning() throws {
      let s = try ScenarioGenerator.make("churn")
      let ips = Set(s.items(.ips).map(\.name))
      for k in 0...2 { for name in ChurnScenario.ipNames(gateway: k) { #expect(ips.contains(name)) } }
      #expect(s.items(.vpcNatGateways).contains { $0.name == "gw-churn-2" })
      #expect(!s.items(.vpcNatGateways).contains { $0.name == "gw-churn-1" })
      #expect(!s.items(.subnets).contains { $0.name == "churn-net-1" })
      for k in 0...1 {
        let names = ChurnScenario.ipNames(gateway: k)
        #expect(s.expected.orphans[names[0]] == "subnet-missing")
        #expect(s.expected.orphans[names[1]] == "nat-gateway-missing")
      }
      for name in ChurnScenario.ipNames(gateway: 2) { #expect(s.expected.orphans[name] == nil) }
      let leaks = try ScenarioGenerator.make("leaks")
      #expect(s.expected.orphans.count == leaks.expected.orphans.count + 4)
      #expect(s.expected.overlaps == leaks.expected.overlaps)
      #expect(s.expected.overflowingSubnets == ["ovn-vpc-external-network"])
    }

    /// `v4usingIPs` of the external /27 (capacity 30 − 10 excluded = 20) counted the controller's way.
    @Test func externalSubnetStaysOverCapacityAsGatewaysComeAndGo() throws {
      let s = try ScenarioGenerator.make("churn")
      let timeline = try #require(s.churn)
      let base = s.items(.subnets).first { $0.name == "ovn-vpc-external-network" }!
      #expect(base.value(at: ["spec", "cidrBlock"])?.stringValue == "192.168.0.0/27")
      #expect(base.value(at: ["status", "v4usingIPs"])?.intValue == 21, "20 addresses, one counted twice")
      #expect(base.value(at: ["status", "v4availableIPs"])?.intValue == 0)
      func using(_ tick: Int) -> Int? {
        for case .upsert(.subnets, let o) in timeline.step(tick) where o.name == "ovn-vpc-external-network" {
          return o.value(at: ["status", "v4usingIPs"])?.intValue
        }
        return nil
      }
      for tick in [3, 7, 11, 43] { #expect(using(tick) == 21, "tick \(tick): still three gateways") }
      #expect(using(0) == nil)
      #expect(ChurnScenario.liveGateways(atTick: 13) == 1...3)
    }

    @Test func churnOnATimerLeaksLive() async throws {
      let s = try ScenarioGenerator.make("churn", options: ScenarioOptions(churnInterval: 0.05))
      let server = try await StandInServer.start(scenario: s)
      let rv0 = server.resourceVersion
      server.startChurn()
      for _ in 0..<750 where server.churnTick < 4 { try await Task.sleep(for: .milliseconds(20)) }
      server.stopChurn()
      #expect(server.churnTick >= 4)
      #expect(server.resourceVersion > rv0)
      // Gateway 2 went through the rest of its life: both its IP CRs are left behind; gateway
      // 3 came, and gateway 0's leaked IP CRs were cleaned up.
      for name in ChurnScenario.ipNames(gateway: 2) { #expect(server.object(.ips, name: name) != nil) }
      for name in ChurnScenario.ipNames(gateway: 0) { #expect(server.object(.ips, name: name) == nil) }
      #expect(server.object(.vpcNatGateways, name: "gw-churn-2") == nil)
      #expect(server.object(.subnets, name: "churn-net-2") == nil)
      if server.churnTick <= 6 { #expect(server.object(.vpcNatGateways, name: "gw-churn-3") != nil) }
      await server.shutdown()
    }
  }
}
