import Foundation
import OvnipModel
import OvnipScenario
import OvnipStandIn
import OvnipTestSupport
import Testing

/// `kubectl delete --raw PATH -f -` with DeleteOptions preconditions, and create through POST.
@Suite struct KubectlDeleteTests {
  static func options(uid: String, rv: String) -> Data {
    Data(#"{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"\#(uid)","resourceVersion":"\#(rv)"}}"#.utf8)
  }

  @Test func preconditionsConflictThenDeleteThenNotFound() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let name = "cache-1.default"
    let path = "/apis/kubeovn.io/v1/ips/\(name)"
    let obj = try #require(h.server.object(.ips, name: name))
    let uid = obj.value(at: ["metadata", "uid"])!.stringValue!
    let rv = obj.value(at: ["metadata", "resourceVersion"])!.stringValue!

    let wrongUID = try await h.kubectl(["delete", "--raw", path, "-f", "-"], stdin: Self.options(uid: "wrong-uid", rv: rv))
    #expect(wrongUID.status == 1)
    #expect(wrongUID.stdout.isEmpty)
    #expect(
      wrongUID.stderrLines == [
        "Error from server (Conflict): Operation cannot be fulfilled on ips.kubeovn.io \"\(name)\": Precondition failed: UID in precondition: wrong-uid, UID in object meta: \(uid)"
      ])

    let wrongRV = try await h.kubectl(["delete", "--raw", path, "-f", "-"], stdin: Self.options(uid: uid, rv: "1"))
    #expect(wrongRV.status == 1)
    #expect(
      wrongRV.stderrLines == [
        "Error from server (Conflict): Operation cannot be fulfilled on ips.kubeovn.io \"\(name)\": Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: \(rv)"
      ])
    #expect(h.server.object(.ips, name: name) != nil, "a failed precondition deletes nothing")

    let ok = try await h.kubectl(["delete", "--raw", path, "-f", "-"], stdin: Self.options(uid: uid, rv: rv))
    #expect(ok.status == 0, "\(ok.stderrText)")
    let deleted = try JSONValue.parse(Array(ok.stdout))
    #expect(deleted.name == name)
    #expect(h.server.object(.ips, name: name) == nil)

    let again = try await h.kubectl(["delete", "--raw", path, "-f", "-"], stdin: Self.options(uid: uid, rv: rv))
    #expect(again.status == 1)
    #expect(again.stderrLines == ["Error from server (NotFound): ips.kubeovn.io \"\(name)\" not found"])

    // The request log shows what kubectl sent: chunked body, no Content-Type.
    let deletes = h.server.requests.filter { $0.method == "DELETE" }
    #expect(deletes.count == 4)
    #expect(deletes.allSatisfy { $0.path == path && $0.contentType.isEmpty })
    let sent = try JSONValue.parse(Array(deletes[2].body.utf8))
    #expect(sent.value(at: ["preconditions", "uid"]) == .string(uid))
    await h.stop()
  }

  @Test func readingSendsNoDelete() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    _ = try await h.kubectl(["get", "ips", "-o", "name"])
    _ = try await h.kubectl(["get", "--raw", "/api/v1/pods?limit=500"])
    #expect(!h.server.requests.isEmpty)
    #expect(!h.server.requests.contains { $0.method != "GET" })
    await h.stop()
  }

  @Test func plainKubectlDeleteWorksToo() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let r = try await h.kubectl(["delete", "ips.v1.kubeovn.io", "old-sts-0.default", "--wait=false"])
    #expect(r.status == 0, "\(r.stderrText)")
    #expect(r.stdoutText == "ip.kubeovn.io \"old-sts-0.default\" deleted\n")
    #expect(h.server.object(.ips, name: "old-sts-0.default") == nil)
    let body = h.server.requests.first { $0.method == "DELETE" }?.body ?? ""
    #expect(body.contains("propagationPolicy"))
    await h.stop()
  }

  @Test func createAssignsIdentityAndRejectsDuplicates() async throws {
    let h = try await StandInHarness.start(scenario: "healthy")
    var ip = try #require(h.server.object(.ips, name: "queue-1.default"))
    ip.set(["metadata", "name"], "restored-ip.default")
    ip.set(["metadata", "uid"], "old-uid")
    let body = Data(ip.serialized())
    let r = try await h.kubectl(["create", "--raw", "/apis/kubeovn.io/v1/ips", "-f", "-"], stdin: body)
    #expect(r.status == 0, "\(r.stderrText)")
    let created = try JSONValue.parse(Array(r.stdout))
    #expect(created.name == "restored-ip.default")
    let newUID = created.value(at: ["metadata", "uid"])?.stringValue ?? ""
    #expect(!newUID.isEmpty && newUID != "old-uid", "the server assigns a fresh uid")
    #expect(Int(created.value(at: ["metadata", "resourceVersion"])?.stringValue ?? "") == h.server.resourceVersion)

    let dup = try await h.kubectl(["create", "--raw", "/apis/kubeovn.io/v1/ips", "-f", "-"], stdin: body)
    #expect(dup.status == 1)
    #expect(dup.stderrLines == ["Error from server (AlreadyExists): ips.kubeovn.io \"restored-ip.default\" already exists"])
    await h.stop()
  }

  @Test func finalizersKeepTheObjectTerminatingUntilTheControllerRuns() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    h.server.setKnobs { $0.finalizerDelay = 3 }
    let name = "old-sts-0.default"
    let obj = try #require(h.server.object(.ips, name: name))
    let uid = obj.value(at: ["metadata", "uid"])!.stringValue!
    let rv = obj.value(at: ["metadata", "resourceVersion"])!.stringValue!
    let r = try await h.kubectl(
      ["delete", "--raw", "/apis/kubeovn.io/v1/ips/\(name)", "-f", "-"], stdin: Self.options(uid: uid, rv: rv))
    #expect(r.status == 0, "\(r.stderrText)")
    let answered = try JSONValue.parse(Array(r.stdout))
    #expect(answered.value(at: ["metadata", "deletionTimestamp"]) != nil)
    let during = h.server.object(.ips, name: name)
    #expect(during?.value(at: ["metadata", "deletionTimestamp"]) != nil, "still there, terminating")
    for _ in 0..<500 where h.server.object(.ips, name: name) != nil { try await Task.sleep(for: .milliseconds(20)) }
    #expect(h.server.object(.ips, name: name) == nil)
    await h.stop()
  }
}
