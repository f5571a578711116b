import OvnipModel
import Testing

@testable import OvnipKube

@Suite struct DiscoveryTests {
  @Test func absentOptionalGroupIsNotServed() async throws {
    let fake = FakeKube()
    fake.serveDiscovery()
    fake.answer("/apis/kubevirt.io/v1", .failure(KubeError(.notFound, "Error from server (NotFound): the server could not find the requested resource")))
    let discovery = try await Discovery.run(client: fake.client, context: "c1")
    #expect(discovery.kinds[.virtualMachines] == .notServed)
    #expect(discovery.kinds[.ips] == .present)
    #expect(!discovery.servedKinds.contains(.virtualMachines))
    #expect(discovery.servedKinds.first == .ips)
  }

  @Test func missingOptionalCRDInAServedGroupIsNotServed() async throws {
    let fake = FakeKube()
    fake.serveDiscovery(except: [.ovnEips, .vips])
    let discovery = try await Discovery.run(client: fake.client, context: "c1")
    #expect(discovery.kinds[.ovnEips] == .notServed)
    #expect(discovery.kinds[.vips] == .notServed)
    #expect(discovery.kinds[.iptablesEIPs] == .present)
  }

  @Test func forbiddenGroupMakesItsKindsUnknown() async throws {
    let fake = FakeKube()
    fake.serveDiscovery()
    fake.answer("/apis/apps/v1", .failure(KubeError(.forbidden, "Error from server (Forbidden): forbidden")))
    let discovery = try await Discovery.run(client: fake.client, context: "c1")
    guard case .unknown = discovery.kinds[.statefulSets] else {
      Issue.record("expected unknown, got \(String(describing: discovery.kinds[.statefulSets]))")
      return
    }
  }

  @Test(arguments: [
    (Set<ResourceKind>(), true),  // the whole group 404s
    (Set([ResourceKind.ips]), false),  // subnets served, ips not
    (Set([ResourceKind.subnets]), false),
  ])
  func kubeOVNAbsentIsTheClearError(missing: Set<ResourceKind>, wholeGroup: Bool) async {
    let fake = FakeKube()
    fake.serveDiscovery(except: missing)
    if wholeGroup {
      fake.answer("/apis/kubeovn.io/v1", .failure(KubeError(.notFound, "Error from server (NotFound): the server could not find the requested resource")))
    }
    await #expect(throws: KubeError(.notServed, "Kube-OVN CRDs not found in context prod: is Kube-OVN installed?")) {
      _ = try await Discovery.run(client: fake.client, context: "prod")
    }
  }

  @Test func unreachableIsThrown() async {
    let fake = FakeKube()
    let down = KubeError(.unreachable, "The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?")
    for prefix in Set(ResourceKind.allCases.map(\.apiPrefix)) { fake.answer(prefix, .failure(down)) }
    await #expect(throws: down) { _ = try await Discovery.run(client: fake.client, context: "c1") }
  }

  @Test func missingCoreKindIsUnknownNotEmpty() async throws {
    let fake = FakeKube()
    fake.serveDiscovery(except: [.nodes])
    let discovery = try await Discovery.run(client: fake.client, context: "c1")
    guard case .unknown = discovery.kinds[.nodes] else {
      Issue.record("nodes must be unknown")
      return
    }
  }
}
