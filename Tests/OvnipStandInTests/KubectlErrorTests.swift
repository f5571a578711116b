import Foundation
import OvnipModel
import OvnipScenario
import OvnipStandIn
import OvnipTestSupport
import Testing

/// What kubectl prints for each error the stand-in can produce (the kube-pipeline classifies these).
@Suite struct KubectlErrorTests {
  @Test func forbiddenResource() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    h.server.setKnobs { $0.forbidden = ["pods"] }
    let all = try await h.kubectl(["get", "--raw", "/api/v1/pods?limit=500"])
    #expect(all.status == 1)
    #expect(
      all.stderrLines == [
        "Error from server (Forbidden): pods is forbidden: User \"system:anonymous\" cannot list resource \"pods\" in API group \"\" at the cluster scope"
      ])
    let one = try await h.kubectl(["get", "--raw", "/api/v1/namespaces/default/pods/db-0"])
    #expect(
      one.stderrLines == [
        "Error from server (Forbidden): pods \"db-0\" is forbidden: User \"system:anonymous\" cannot get resource \"pods\" in API group \"\" in the namespace \"default\""
      ])
    let ips = try await h.kubectl(["get", "--raw", "/apis/kubeovn.io/v1/ips?limit=1"])
    #expect(ips.status == 0, "other resources are unaffected")
    await h.stop()
  }

  @Test func forbiddenVerbAndCanI() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let yes = try await h.kubectl(["auth", "can-i", "delete", "ips.kubeovn.io"])
    #expect(yes.status == 0)
    #expect(yes.stdoutText == "yes\n")
    h.server.setKnobs { $0.forbiddenVerbs = [StandInKnobs.Verb(verb: "delete", resource: "ips")] }
    let no = try await h.kubectl(["auth", "can-i", "delete", "ips.kubeovn.io"])
    #expect(no.status == 1)
    #expect(no.stdoutText == "no\n")
    let list = try await h.kubectl(["auth", "can-i", "list", "ips.kubeovn.io"])
    #expect(list.stdoutText == "yes\n")
    let del = try await h.kubectl(["delete", "--raw", "/apis/kubeovn.io/v1/ips/cache-1.default"])
    #expect(del.status == 1)
    #expect(
      del.stderrLines == [
        "Error from server (Forbidden): ips.kubeovn.io \"cache-1.default\" is forbidden: User \"system:anonymous\" cannot delete resource \"ips\" in API group \"kubeovn.io\" at the cluster scope"
      ])
    #expect(h.server.object(.ips, name: "cache-1.default") != nil)
    await h.stop()
  }

  @Test func kubeOVNNotInstalled() async throws {
    let h = try await StandInHarness.start(scenario: "no-kubeovn")
    let raw = try await h.kubectl(["get", "--raw", "/apis/kubeovn.io/v1/ips"])
    #expect(raw.status == 1)
    #expect(raw.stderrLines == ["Error from server (NotFound): the server could not find the requested resource"])
    let typed = try await h.kubectl(["get", "ips"])
    #expect(typed.status == 1)
    #expect(typed.stderrLines.last == "error: the server doesn't have a resource type \"ips\"")
    let pods = try await h.kubectl(["get", "--raw", "/api/v1/pods?limit=1"])
    #expect(pods.status == 0)
    await h.stop()
  }

  @Test func internalErrorAndTruncatedBody() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    h.server.setKnobs {
      $0.serverError = ["subnets"]
      $0.truncated = ["vips"]
    }
    let e500 = try await h.kubectl(["get", "--raw", "/apis/kubeovn.io/v1/subnets"])
    #expect(e500.status == 1)
    #expect(
      e500.stderrLines == [
        "Error from server (InternalError): Internal error occurred: injected failure on subnets.kubeovn.io"
      ])
    let cut = try await h.kubectl(["get", "--raw", "/apis/kubeovn.io/v1/vips"])
    #expect(cut.status == 0, "kubectl --raw passes the bytes through")
    #expect(!cut.stdout.isEmpty)
    #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(cut.stdout)) }
    await h.stop()
  }

  @Test func latencyDelaysAnswers() async throws {
    let h = try await StandInHarness.start(scenario: "healthy")
    h.server.setKnobs { $0.resourceLatency = ["nodes": 0.6] }
    let start = Date()
    let r = try await h.kubectl(["get", "--raw", "/api/v1/nodes"])
    #expect(r.status == 0)
    #expect(Date().timeIntervalSince(start) >= 0.6)
    let t = try await h.kubectl(["get", "--raw", "/api/v1/nodes", "--request-timeout=0.2s"])
    #expect(t.status == 1)
    #expect(!t.stderrText.isEmpty)
    await h.stop()
  }

  @Test func serverStoppedThenBack() async throws {
    let h = try await StandInHarness.start(scenario: "healthy")
    let port = h.server.port
    let watch = try h.startKubectl(["get", "--raw", "/api/v1/nodes?watch=1"])
    #expect(await watch.waitFor { $0.count == 3 })
    await h.server.stop()
    // A watch open while the server goes away ends like a dropped connection.
    #expect(await watch.waitForExit(timeout: 10) == 1)
    #expect(watch.stderrSoFar == "error: unexpected EOF\n")
    let down = try await h.kubectl(["get", "--raw", "/api/v1/nodes"])
    #expect(down.status == 1)
    #expect(
      down.stderrLines.last
        == "The connection to the server 127.0.0.1:\(port) was refused - did you specify the right host or port?")
    try await h.server.start()
    #expect(h.server.port == port)
    let up = try await h.kubectl(["get", "--raw", "/api/v1/nodes"])
    #expect(up.status == 0)
    await h.stop()
  }

  @Test func unauthorized() async throws {
    let h = try await StandInHarness.start(scenario: "healthy")
    h.server.setKnobs { $0.unauthorized = true }
    let raw = try await h.kubectl(["get", "--raw", "/apis/kubeovn.io/v1/ips"])
    #expect(raw.status == 1)
    #expect(raw.stderrLines == ["error: You must be logged in to the server (Unauthorized)"])
    await h.stop()
  }
}
