import Foundation
import OvnipModel
import Testing

@testable import OvnipKube

@Suite struct KindStoreTests {
  func listed(_ items: [String], rv: String = "1000") throws -> KindStore<IPCR> {
    var store = KindStore<IPCR>(kind: .ips, keyPath: \.ips)
    let page = try store.ingestPage(Data(Fixtures.list("IP", items: items, rv: rv)))
    store.commitList(resourceVersion: page.resourceVersion)
    return store
  }

  func names(_ store: KindStore<IPCR>) -> [String] {
    var store = store
    var snapshot = ClusterSnapshot()
    store.install(into: &snapshot)
    return snapshot.ips.value?.map(\.metadata.name) ?? []
  }

  @Test func pagesBecomeVisibleOnlyWhenTheListIsComplete() throws {
    var store = try listed([Fixtures.ip("old")])
    _ = try store.ingestPage(Data(Fixtures.list("IP", items: [Fixtures.ip("new1")], continueToken: "t")))
    #expect(names(store) == ["old"])
    store.discardList()
    #expect(names(store) == ["old"])
    _ = try store.ingestPage(Data(Fixtures.list("IP", items: [Fixtures.ip("new1")], continueToken: "t")))
    _ = try store.ingestPage(Data(Fixtures.list("IP", items: [Fixtures.ip("new2")], rv: "2000")))
    store.commitList(resourceVersion: "2000")
    #expect(names(store) == ["new1", "new2"])
    #expect(store.resourceVersion == "2000")
  }

  @Test func watchEventsAddModifyDelete() throws {
    var store = try listed([Fixtures.ip("a", address: "10.16.0.5")])
    let decoder = WatchEvent<IPCR>.decoder()
    #expect(store.apply(line: Fixtures.event("ADDED", Fixtures.ip("b", rv: "1001")), decoder: decoder) == .changed)
    #expect(store.apply(line: Fixtures.event("MODIFIED", Fixtures.ip("a", address: "10.16.0.9", rv: "1002")),
      decoder: decoder) == .changed)
    #expect(store.resourceVersion == "1002")
    #expect(store.apply(line: Fixtures.event("DELETED", Fixtures.ip("b", rv: "1003")), decoder: decoder) == .changed)
    #expect(names(store) == ["a"])
    var snapshot = ClusterSnapshot()
    store.install(into: &snapshot)
    #expect(snapshot.ips.value?.first?.spec.ipAddress == "10.16.0.9")
    // Deleting what we do not have changes nothing.
    #expect(store.apply(line: Fixtures.event("DELETED", Fixtures.ip("zzz", rv: "1004")), decoder: decoder) == .unchanged)
  }

  @Test func bookmarkMovesOnlyTheResourceVersion() throws {
    var store = try listed([Fixtures.ip("a")])
    #expect(store.apply(line: Fixtures.bookmark(rv: "5555"), decoder: WatchEvent<IPCR>.decoder()) == .unchanged)
    #expect(store.resourceVersion == "5555")
    #expect(names(store) == ["a"])
  }

  @Test func expiredErrorEventAsksForARelist() throws {
    var store = try listed([Fixtures.ip("a")])
    #expect(store.apply(line: Fixtures.expiredEvent(), decoder: WatchEvent<IPCR>.decoder())
      == .expired(message: "too old resource version: 1 (5000)"))
  }

  @Test func malformedEventIsRecordedAndSkipped() throws {
    var store = try listed([Fixtures.ip("a")])
    let decoder = WatchEvent<IPCR>.decoder()
    let bad = Array(#"{"type":"MODIFIED","object":{"metadata":{"name":"a"},"spec":{"ipAddress":42}}}"#.utf8)
    guard case .malformed(let message) = store.apply(line: bad, decoder: decoder) else {
      Issue.record("expected malformed")
      return
    }
    #expect(message.contains("ips a"))
    #expect(names(store) == ["a"])  // the previous version stays
    var snapshot = ClusterSnapshot()
    store.install(into: &snapshot)
    #expect(snapshot.decodeIssues.map(\.object) == ["a"])
    // A truncated line names nothing.
    guard case .malformed = store.apply(line: Array(#"{"type":"ADDED","object":{"metad"#.utf8), decoder: decoder)
    else {
      Issue.record("expected malformed")
      return
    }
  }

  @Test func unavailableKindsInstallAsNotServedOrUnknown() {
    var store = KindStore<VirtualMachine>(kind: .virtualMachines, keyPath: \.virtualMachines)
    store.markUnavailable(.notServed)
    var snapshot = ClusterSnapshot()
    store.install(into: &snapshot)
    #expect(snapshot.virtualMachines == .notServed)
    var pods = KindStore<Pod>(kind: .pods, keyPath: \.pods)
    pods.markUnavailable(.unknown(reason: "pods: Error from server (Forbidden): pods is forbidden"))
    pods.install(into: &snapshot)
    #expect(!snapshot.pods.isKnown)
    #expect(snapshot.errors.map(\.resource) == ["pods"])
  }

  @Test func podsKeepOnlyTheAnnotationsTheRulesRead() throws {
    var store = KindStore<Pod>(kind: .pods, keyPath: \.pods)
    _ = try store.ingestPage(Data(Fixtures.list("Pod", apiVersion: "v1", items: [Fixtures.pod("p1")])))
    store.commitList(resourceVersion: "1")
    var snapshot = ClusterSnapshot()
    store.install(into: &snapshot)
    #expect(snapshot.pods.value?.first?.metadata.annotations == ["ovn.kubernetes.io/ip_address": "10.16.0.5"])
    #expect(snapshot.pods.value?.first?.metadata.key == "default/p1")
  }
}

@Suite struct NatRuleKindTests {
  @Test func ruleKindComesFromTheResource() throws {
    var store = KindStore<IptablesNatRule>(kind: .iptablesSnatRules, keyPath: \.snatRules)
    let rule = #"{"metadata":{"name":"snat1"},"spec":{"eip":"eip1"},"status":{"natGwDp":"gw1"}}"#
    _ = try store.ingestPage(Data(Fixtures.list("IptablesSnatRule", items: [rule])))
    store.commitList(resourceVersion: "1")
    let added = #"{"metadata":{"name":"snat2"},"spec":{"eip":"eip2"}}"#
    #expect(store.apply(line: Fixtures.event("ADDED", added), decoder: WatchEvent<IptablesNatRule>.decoder()) == .changed)
    var snapshot = ClusterSnapshot()
    store.install(into: &snapshot)
    #expect(snapshot.snatRules.value?.map(\.kind) == ["IptablesSnatRule", "IptablesSnatRule"])
    #expect(snapshot.snatRules.value?.map(\.eip) == ["eip1", "eip2"])
  }
}
