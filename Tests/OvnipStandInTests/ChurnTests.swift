import Foundation
import OvnipModel
import OvnipScenario
import OvnipStandIn
import OvnipTestSupport
import Testing

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
      Self.describe(timeline.step(0)) == [
        "+subnets/churn-net-0", "+vpc-nat-gateways/gw-churn-0", "+statefulsets/vpc-nat-gw-gw-churn-0",
        "+pods/vpc-nat-gw-gw-churn-0-0", "+ips/vpc-nat-gw-gw-churn-0-0.kube-system",
        "+ips/vpc-nat-gw-gw-churn-0-0.kube-system.ovn-vpc-external-network.kube-system",
        "+subnets/ovn-vpc-external-network",
      ])
    #expect(timeline.step(1).isEmpty)
    #expect(Self.describe(timeline.step(2)) == ["-subnets/churn-net-0"], "the subnet goes first")
    #expect(
      Self.describe(timeline.step(3)) == [
        "-vpc-nat-gateways/gw-churn-0", "-statefulsets/vpc-nat-gw-gw-churn-0", "-pods/vpc-nat-gw-gw-churn-0-0",
      ])
    // Creating gateway 3 cleans up the leaked IP CRs of gateway 0.
    let t12 = Self.describe(timeline.step(12))
    #expect(t12.dropLast().suffix(2) == ChurnScenario.ipNames(gateway: 0).map { "-ips/\($0)" })
  }

  @Test func externalSubnetIsRecountedAsGatewaysComeAndGo() throws {
    let s = try ScenarioGenerator.make("churn")
    let timeline = try #require(s.churn)
    let base = s.items(.subnets).first { $0.name == "ovn-vpc-external-network" }!
    let baseUsing = base.value(at: ["status", "v4usingIPs"])?.intValue ?? -1
    func using(_ tick: Int) -> Int? {
      for case .upsert(.subnets, let o) in timeline.step(tick) where o.name == "ovn-vpc-external-network" {
        return o.value(at: ["status", "v4usingIPs"])?.intValue
      }
      return nil
    }
    #expect(using(0) == baseUsing + 1)
    #expect(using(4) == baseUsing + 2)
    #expect(using(8) == baseUsing + 3)
    #expect(using(12) == baseUsing + 3, "gateway 0's leaked IP CRs were cleaned up as gateway 3 came")
    #expect(using(1) == nil)
    #expect(ChurnScenario.liveGateways(atTick: 13) == 1...3)
  }

  @Test func churnOnATimerLeaksLive() async throws {
    let s = try ScenarioGenerator.make("churn", options: ScenarioOptions(churnInterval: 0.05))
    let server = try await StandInServer.start(scenario: s)
    let rv0 = server.resourceVersion
    server.startChurn()
    for _ in 0..<750 where server.churnTick < 5 { try await Task.sleep(for: .milliseconds(20)) }
    server.stopChurn()
    #expect(server.churnTick >= 5)
    #expect(server.resourceVersion > rv0)
    // Gateway 0 went through its whole life: both its IP CRs are left behind.
    for name in ChurnScenario.ipNames(gateway: 0) { #expect(server.object(.ips, name: name) != nil) }
    #expect(server.object(.vpcNatGateways, name: "gw-churn-0") == nil)
    #expect(server.object(.subnets, name: "churn-net-0") == nil)
    #expect(server.object(.vpcNatGateways, name: "gw-churn-1") != nil)
    await server.shutdown()
  }
}
