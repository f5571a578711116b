import Foundation
import OvnipModel
import OvnipScenario
import OvnipStandIn
import OvnipTestSupport
import Testing

/// `kubectl get --raw '...?watch=1&resourceVersion=RV&allowWatchBookmarks=true'` against the stand-in.
@Suite struct KubectlWatchTests {
  static func types(_ lines: [String]) -> [String] {
    lines.compactMap { (try? JSONValue.parse(Array($0.utf8)))?["type"]?.stringValue }
  }

  static func listRV(_ h: StandInHarness, _ path: String) async throws -> String {
    let r = try await h.kubectl(["get", "--raw", path])
    return try JSONValue.parse(Array(r.stdout)).value(at: ["metadata", "resourceVersion"])?.stringValue ?? ""
  }

  @Test func addedModifiedDeletedAndBookmarks() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    h.server.setKnobs { $0.bookmarkInterval = 0.2 }
    let rv = try await Self.listRV(h, "/apis/kubeovn.io/v1/ips?limit=500")
    let w = try h.startKubectl([
      "get", "--raw", "/apis/kubeovn.io/v1/ips?watch=1&resourceVersion=\(rv)&allowWatchBookmarks=true",
    ])
    #expect(await w.waitFor { Self.types($0).contains("BOOKMARK") })
    #expect(!Self.types(w.lines).contains("ADDED"), "a watch from a list RV sends no initial ADDED")
    var ip = try #require(h.server.object(.ips, name: "cache-1.default"))
    ip.set(["metadata", "name"], "new-pod.default")
    ip.set(["metadata", "uid"], nil)
    h.server.upsert(.ips, ip)
    ip.set(["spec", "nodeName"], "worker-3")
    h.server.upsert(.ips, ip)
    h.server.delete(.ips, name: "new-pod.default")
    // A change to another resource is not on this stream.
    h.server.delete(.pods, namespace: "default", name: "db-0")
    let got = await w.waitFor { Self.types($0).filter { $0 != "BOOKMARK" } == ["ADDED", "MODIFIED", "DELETED"] }
    #expect(got, "\(w.lines)")
    let events = w.lines.compactMap { try? JSONValue.parse(Array($0.utf8)) }.filter { $0["type"] != "BOOKMARK" }
    #expect(events.allSatisfy { $0["object"]?.name == "new-pod.default" })
    let rvs = events.compactMap { Int($0.value(at: ["object", "metadata", "resourceVersion"])?.stringValue ?? "") }
    #expect(rvs == rvs.sorted() && Set(rvs).count == 3, "each mutation bumps the resourceVersion")
    #expect(events[1].value(at: ["object", "spec", "nodeName"]) == "worker-3")
    await w.terminate()
    await h.stop()
  }

  @Test func watchWithoutResourceVersionStartsWithAdded() async throws {
    let h = try await StandInHarness.start(scenario: "healthy")
    let w = try h.startKubectl(["get", "--raw", "/api/v1/nodes?watch=1"])
    #expect(await w.waitFor { Self.types($0).count == 3 })
    #expect(Self.types(w.lines) == ["ADDED", "ADDED", "ADDED"])
    await w.terminate()
    await h.stop()
  }

  @Test func expiredResourceVersionGives410() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    let rv = try await Self.listRV(h, "/apis/kubeovn.io/v1/ips?limit=1")
    h.server.expireResourceVersions()
    // The real server's watch cache answers 200 with one ERROR event, then ends the stream.
    let r = try await h.kubectl(["get", "--raw", "/apis/kubeovn.io/v1/ips?watch=1&resourceVersion=\(rv)"], timeout: 10)
    #expect(r.status == 0)
    let event = try JSONValue.parse(Array(r.stdout.split(separator: UInt8(ascii: "\n")).first ?? []))
    #expect(event["type"] == "ERROR")
    #expect(event.value(at: ["object", "code"]) == 410)
    #expect(event.value(at: ["object", "reason"]) == "Expired")
    #expect(
      event.value(at: ["object", "message"])
        == .string("too old resource version: \(rv) (\(h.server.resourceVersion))"))

    // Alternative shape: an HTTP 410 Status on the initial request.
    h.server.setKnobs { $0.expiredWatchAsHTTPStatus = true }
    let s = try await h.kubectl(["get", "--raw", "/apis/kubeovn.io/v1/ips?watch=1&resourceVersion=\(rv)"], timeout: 10)
    #expect(s.status == 1)
    #expect(
      s.stderrLines == [
        "Error from server (Expired): too old resource version: \(rv) (\(h.server.resourceVersion))"
      ])
    await h.stop()
  }

  @Test func droppedAndTimedOutWatchesEnd() async throws {
    let h = try await StandInHarness.start(scenario: "leaks")
    h.server.setKnobs { $0.dropWatchAfterEvents = ["nodes": 2] }
    let dropped = try await h.kubectl(["get", "--raw", "/api/v1/nodes?watch=1"], timeout: 10)
    #expect(!dropped.timedOut)
    #expect(dropped.stdoutText.split(separator: "\n").count == 2)
    #expect(dropped.status == DroppedWatch.expectedStatus, "\(dropped.stderrText)")
    #expect(dropped.stderrLines == DroppedWatch.expectedStderr(h.server.port))

    let timed = try await h.kubectl(["get", "--raw", "/api/v1/pods?watch=1&timeoutSeconds=1"], timeout: 10)
    #expect(!timed.timedOut)
    #expect(timed.status == 0)

    let rv = try await Self.listRV(h, "/apis/kubeovn.io/v1/ips?limit=1")
    let w = try h.startKubectl(["get", "--raw", "/apis/kubeovn.io/v1/ips?watch=1&resourceVersion=\(rv)"])
    #expect(await Self.waitForWatchers(h, 1))
    h.server.dropWatches()
    #expect(await w.waitForExit(timeout: 5) != nil)
    #expect(h.server.activeWatchCount == 0)
    await h.stop()
  }

  static func waitForWatchers(_ h: StandInHarness, _ n: Int) async -> Bool {
    for _ in 0..<750 {
      if h.server.activeWatchCount >= n { return true }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return false
  }
}

/// What kubectl does when the server drops a watch connection mid-stream (no final chunk):
/// the events so far on stdout, then rc 1 and `error: unexpected EOF`.
enum DroppedWatch {
  static let expectedStatus: Int32 = 1
  static func expectedStderr(_ port: Int) -> [String] { ["error: unexpected EOF"] }
}
