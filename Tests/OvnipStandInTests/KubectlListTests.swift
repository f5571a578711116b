import Foundation
import OvnipModel
import OvnipScenario
import OvnipStandIn
import OvnipTestSupport
import Testing

/// The real kubectl lists through the stand-in.
@Suite struct KubectlListTests {
  @Test func rawListPagesAcrossContinueTokens() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    var names: [String] = []
    var path = "/apis/kubeovn.io/v1/ips?limit=2"
    var listRVs: Set<String> = []
    var pages = 0
    while true {
      let r = try await h.kubectl(["get", "--raw", path])
      #expect(r.status == 0, "\(r.stderrText)")
      let list = try JSONValue.parse(Array(r.stdout))
      #expect(list["kind"] == "IPList")
      #expect(list["apiVersion"] == "kubeovn.io/v1")
      let items = list["items"]?.arrayValue ?? []
      #expect(items.count <= 2)
      names += items.map(\.name)
      listRVs.insert(list.value(at: ["metadata", "resourceVersion"])?.stringValue ?? "")
      pages += 1
      guard let c = list.value(at: ["metadata", "continue"])?.stringValue, !c.isEmpty else {
        #expect(list.value(at: ["metadata", "remainingItemCount"]) == nil)
        break
      }
      let remaining = list.value(at: ["metadata", "remainingItemCount"])?.intValue ?? -1
      let total = h.server.scenario.items(.ips).count
      #expect(remaining == total - names.count)
      let escaped = c.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? c
      path = "/apis/kubeovn.io/v1/ips?limit=2&continue=\(escaped)"
      if pages > 100 { break }
    }
    let expected = h.server.scenario.items(.ips).map(\.name).sorted()
    #expect(names == expected)
    #expect(listRVs.count == 1, "every page carries the first page's list resourceVersion")
    let gets = h.server.requests.filter { $0.path == "/apis/kubeovn.io/v1/ips" }
    #expect(gets.count == pages)
    await h.stop()
  }

  @Test func kubectlGetIPsUsesDiscovery() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let r = try await h.kubectl(["get", "ips", "-o", "name"])
    #expect(r.status == 0, "\(r.stderrText)")
    let lines = r.stdoutText.split(separator: "\n").map(String.init)
    #expect(lines.count == h.server.scenario.items(.ips).count)
    #expect(lines.contains("ip.kubeovn.io/vpc-nat-gw-gw-gone-0.kube-system"))
    let paths = h.server.requests.map(\.path)
    #expect(paths.contains("/apis"))
    #expect(paths.contains("/apis/kubeovn.io/v1/ips"))
    await h.stop()
  }
}
