import Foundation
import OvnipModel
import OvnipScenario
import OvnipStandIn
import OvnipTestSupport
import Testing

/// fieldSelector / labelSelector on lists and watches, and per-namespace paths.
@Suite struct SelectorTests {
  static func names(_ r: ProcessResult) throws -> [String] {
    try (JSONValue.parse(Array(r.stdout))["items"]?.arrayValue ?? []).map(\.name)
  }

  @Test func fieldAndLabelSelectorsOnLists() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let one = try await h.kubectl(["get", "--raw", "/apis/kubeovn.io/v1/ips?fieldSelector=metadata.name%3Dnode-worker-1"])
    #expect(try Self.names(one) == ["node-worker-1"])
    let bySubnet = try await h.kubectl(["get", "--raw", "/apis/kubeovn.io/v1/ips?labelSelector=join"])
    #expect(try Self.names(bySubnet) == ["node-worker-1", "node-worker-2", "node-worker-3", "node-worker-gone"])
    let ns = try await h.kubectl(["get", "--raw", "/api/v1/namespaces/kube-system/pods"])
    #expect(try Self.names(ns) == ["vpc-nat-gw-gw1-0"])
    let bad = try await h.kubectl(["get", "--raw", "/api/v1/pods?fieldSelector=spec.nodeName%3Dx"])
    #expect(bad.stderrLines == ["Error from server (BadRequest): field label not supported: spec.nodeName"])
    let clusterScopedInNamespace = try await h.kubectl(["get", "--raw", "/apis/kubeovn.io/v1/namespaces/default/ips"])
    #expect(clusterScopedInNamespace.status == 1)
    await h.stop()
  }

  @Test func watchReplayHonoursSelectors() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let rv = h.server.resourceVersion
    h.server.delete(.ips, name: "node-worker-gone")
    h.server.delete(.ips, name: "cache-1.default")
    let r = try await h.kubectl(
      ["get", "--raw", "/apis/kubeovn.io/v1/ips?watch=1&resourceVersion=\(rv)&labelSelector=join&timeoutSeconds=1"],
      timeout: 10)
    #expect(r.status == 0)
    let events = r.stdoutText.split(separator: "\n").compactMap { try? JSONValue.parse(Array($0.utf8)) }
    #expect(events.map { $0["object"]?.name ?? "" } == ["node-worker-gone"])
    #expect(events.first?["type"] == "DELETED")
    await h.stop()
  }
}
