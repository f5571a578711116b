import Foundation
import OvnipModel
import Testing

@testable import OvnipKube

@Suite struct CollectorTests {
  @Test func followsContinueTokensPercentEncoded() async throws {
    let fake = FakeKube()
    fake.serveDiscovery()
    fake.serveEmptyLists(limit: 2)
    let token = "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTAwfQ+/="
    fake.answer("/apis/kubeovn.io/v1/ips?limit=2",
      .success(Fixtures.list("IP", items: [Fixtures.ip("a"), Fixtures.ip("b")], rv: "100", continueToken: token, remaining: 1)))
    fake.answer("/apis/kubeovn.io/v1/ips?limit=2&continue=eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTAwfQ%2B%2F%3D",
      .success(Fixtures.list("IP", items: [Fixtures.ip("c")], rv: "100")))
    let collector = Collector(client: fake.client, pageLimit: 2)
    let snapshot = try await collector.snapshot(discovery: try await Discovery.run(client: fake.client, context: "c"))
    #expect(snapshot.ips.value?.map(\.metadata.name) == ["a", "b", "c"])
    #expect(snapshot.errors.isEmpty)
  }

  @Test func listsHoldersBeforeOwners() async throws {
    let fake = FakeKube()
    fake.serveEmptyLists()
    _ = try await Collector(client: fake.client).snapshot(discovery: .allServed)
    let order = fake.calls.map { $0.replacingOccurrences(of: "GET ", with: "").components(separatedBy: "?")[0] }
    #expect(order == ResourceKind.collectionOrder.map(\.collectPath))
    let index = { (kind: ResourceKind) in order.firstIndex(of: kind.collectPath)! }
    #expect(index(.ips) < index(.pods))
    #expect(index(.iptablesEIPs) < index(.vpcNatGateways))
    #expect(index(.ips) < index(.subnets))
    // ConfigMaps only from kube-system (the rules read ovn-vpc-nat-config there).
    #expect(order.contains("/api/v1/namespaces/kube-system/configmaps"))
    #expect(!order.contains("/api/v1/configmaps"))
  }

  @Test func forbiddenPodsBecomeUnknownAndCollectionGoesOn() async throws {
    let fake = FakeKube()
    fake.serveEmptyLists()
    fake.answer("/api/v1/pods?limit=5000", .failure(KubeError(.forbidden,
      "Error from server (Forbidden): pods is forbidden: User \"ro\" cannot list resource \"pods\" in API group \"\" at the cluster scope")))
    let snapshot = try await Collector(client: fake.client).snapshot(discovery: .allServed)
    #expect(!snapshot.pods.isKnown)
    #expect(snapshot.subnets.value != nil)
    #expect(snapshot.errors.map(\.resource) == ["pods"])
    #expect(snapshot.errors.first?.message.contains("cannot list resource \"pods\"") == true)
  }

  @Test func truncatedPageMakesTheKindUnknownWithTheReason() async throws {
    let fake = FakeKube()
    fake.serveEmptyLists()
    fake.answer("/apis/kubeovn.io/v1/subnets?limit=5000", .success(Array(#"{"kind":"SubnetList","items":[{"metadata":"#.utf8)))
    let snapshot = try await Collector(client: fake.client).snapshot(discovery: .allServed)
    #expect(!snapshot.subnets.isKnown)
    #expect(snapshot.errors.first?.message.contains("subnets: malformed list JSON") == true)
  }

  @Test func expiredContinueTokenRestartsTheList() async throws {
    let fake = FakeKube()
    fake.serveEmptyLists(limit: 1)
    fake.answer("/apis/kubeovn.io/v1/ips?limit=1",
      .success(Fixtures.list("IP", items: [Fixtures.ip("a")], rv: "1", continueToken: "old")),
      .success(Fixtures.list("IP", items: [Fixtures.ip("a2")], rv: "2", continueToken: "new")))
    fake.answer("/apis/kubeovn.io/v1/ips?limit=1&continue=old",
      .failure(KubeError(.gone, "Error from server (Expired): The provided continue parameter is too old")))
    fake.answer("/apis/kubeovn.io/v1/ips?limit=1&continue=new",
      .success(Fixtures.list("IP", items: [Fixtures.ip("b2")], rv: "2")))
    let snapshot = try await Collector(client: fake.client, pageLimit: 1).snapshot(discovery: .allServed)
    // Nothing of the abandoned first pass survives.
    #expect(snapshot.ips.value?.map(\.metadata.name) == ["a2", "b2"])
  }

  @Test func unreachableStopsTheWholeCollection() async {
    let fake = FakeKube()
    fake.serveEmptyLists()
    let down = KubeError(.unreachable, "The connection to the server 127.0.0.1:1 was refused")
    fake.answer("/api/v1/pods?limit=5000", .failure(down))
    await #expect(throws: down) { _ = try await Collector(client: fake.client).snapshot(discovery: .allServed) }
  }

  @Test func notServedKindsAreNotListed() async throws {
    let fake = FakeKube()
    fake.serveEmptyLists()
    var discovery = Discovery.allServed
    discovery.kinds[.virtualMachines] = .notServed
    let snapshot = try await Collector(client: fake.client).snapshot(discovery: discovery)
    #expect(snapshot.virtualMachines == .notServed)
    #expect(!fake.calls.contains { $0.contains("virtualmachines") })
  }

  @Test func rawListMergesPagesForABundle() async throws {
    let fake = FakeKube()
    fake.answer("/api/v1/nodes?limit=1",
      .success(Fixtures.list("Node", apiVersion: "v1", items: [#"{"metadata":{"name":"n1"}}"#], rv: "5", continueToken: "c")))
    fake.answer("/api/v1/nodes?limit=1&continue=c",
      .success(Fixtures.list("Node", apiVersion: "v1", items: [#"{"metadata":{"name":"n2"}}"#], rv: "5")))
    let bytes = try await Collector(client: fake.client, pageLimit: 1).rawList(.nodes)
    let list = try KubeList<Node>.decode(Data(bytes), resource: "nodes")
    #expect(list.items.map(\.metadata.name) == ["n1", "n2"])
    #expect(list.resourceVersion == "5")
  }
}
