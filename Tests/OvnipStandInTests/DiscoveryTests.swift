import Foundation
import OvnipModel
import OvnipScenario
import OvnipStandIn
import OvnipTestSupport
import Testing

/// Legacy and aggregated discovery, and the dispatcher's `/version`.
@Suite struct DiscoveryTests {
  @Test func aggregatedDiscoveryNeedsOnlyApiAndApis() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let r = try await h.kubectl(["get", "subnets.v1.kubeovn.io", "-o", "name"])
    #expect(r.status == 0, "\(r.stderrText)")
    #expect(r.stdoutText.contains("subnet.kubeovn.io/ovn-vpc-external-network"))
    let discovery = h.server.requests.filter { $0.path != "/apis/kubeovn.io/v1/subnets" }.map(\.path)
    // The dispatcher asks /version on a cold cache; aggregated discovery needs /api and /apis only.
    #expect(Set(discovery).isSubset(of: ["/version", "/api", "/apis"]), "\(discovery)")
    #expect(h.server.requests.first { $0.path == "/apis" }?.accept.contains("as=APIGroupDiscoveryList") == true)
    await h.stop()
  }

  @Test func legacyDiscoveryDocuments() async throws {
    let h = try await StandInHarness.start(scenario: "no-kubeovn")
    let groups = try JSONValue.parse(Array(try await h.kubectl(["get", "--raw", "/apis"]).stdout))
    #expect(groups["kind"] == "APIGroupList")
    let names = (groups["groups"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    #expect(names == ["apps", "authorization.k8s.io"], "no kubeovn.io, no kubevirt.io")
    let core = try JSONValue.parse(Array(try await h.kubectl(["get", "--raw", "/api/v1"]).stdout))
    let pods = (core["resources"]?.arrayValue ?? []).first { $0["name"] == "pods" }
    #expect(pods?["namespaced"] == true)
    #expect(pods?["kind"] == "Pod")
    #expect(pods?["shortNames"] == ["po"])
    let version = try JSONValue.parse(Array(try await h.kubectl(["get", "--raw", "/version"]).stdout))
    #expect(version["minor"] == "32")
    let gone = try await h.kubectl(["get", "--raw", "/apis/kubeovn.io/v1"])
    #expect(gone.stderrLines == ["Error from server (NotFound): the server could not find the requested resource"])
    await h.stop()
  }

  @Test func kubeOVNResourcesCarryShortNames() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let r = try await h.kubectl(["get", "vpc-nat-gw", "-o", "name"])
    #expect(r.stdoutText == "vpcnatgateway.kubeovn.io/gw1\n")
    let eips = try await h.kubectl(["get", "eip", "-o", "name"])
    #expect(eips.stdoutText.split(separator: "\n").count == h.server.scenario.items(.iptablesEIPs).count)
    let vms = try await h.kubectl(["get", "vm", "-A", "-o", "name"])
    #expect(vms.stdoutText == "virtualmachine.kubevirt.io/vm-running\nvirtualmachine.kubevirt.io/vm-stopped\n")
    await h.stop()
  }
}
