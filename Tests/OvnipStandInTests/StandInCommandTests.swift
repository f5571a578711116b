import Foundation
import OvnipModel
import OvnipScenario
import OvnipStandIn
import OvnipTestSupport
import Testing

/// `ovnip-top standin` runs the server alone, prints a kubeconfig, removes it on ctrl-c.
@Suite struct StandInCommandTests {
  @Test func runsServesAndCleansUpOnInterrupt() async throws {
    let bin = try #require(StandInHarness.ovnipTopPath(), "ovnip-top is not built")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("standin-cmd-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var env = ProcessInfo.processInfo.environment
    env["HOME"] = dir.path
    env["KUBECACHEDIR"] = dir.appendingPathComponent("cache").path
    let p = try ProcessRunner.launch(bin, ["standin", "--scenario", "healthy", "--seed", "9"], environment: env, workDir: dir)
    let ready = await p.waitFor(timeout: 20) { $0.contains { $0.hasPrefix("export KUBECONFIG=") } }
    #expect(ready, "\(p.stdoutSoFar)\(p.stderrSoFar)")
    let line = try #require(p.lines.first { $0.hasPrefix("export KUBECONFIG=") })
    let kubeconfig = String(line.dropFirst("export KUBECONFIG=".count))
    let attrs = try FileManager.default.attributesOfItem(atPath: kubeconfig)
    #expect((attrs[.posixPermissions] as? Int) == 0o600)
    #expect(p.lines.contains { $0 == "kubeconfig: \(kubeconfig) (context ovnip-standin)" })

    env["KUBECONFIG"] = kubeconfig
    let r = try await ProcessRunner.run("kubectl", ["get", "--raw", "/api/v1/nodes"], environment: env, workDir: dir)
    #expect(r.status == 0, "\(r.stderrText)")
    #expect(r.stdoutText.contains("\"kind\":\"NodeList\""))

    p.send(signal: SIGINT)
    let status = await p.waitForExit(timeout: 10)
    #expect(status == 0)
    #expect(!FileManager.default.fileExists(atPath: kubeconfig))
    #expect(p.lines.last == "stand-in stopped; kubeconfig removed")
  }

  @Test func badScenarioIsAOneLineError() async throws {
    let bin = try #require(StandInHarness.ovnipTopPath(), "ovnip-top is not built")
    let dir = FileManager.default.temporaryDirectory
    let r = try await ProcessRunner.run(bin, ["standin", "--scenario", "nope"], environment: ProcessInfo.processInfo.environment, workDir: dir)
    #expect(r.status != 0)
    #expect(r.stderrText.contains("unknown scenario \"nope\""))
    #expect(r.stderrLines.count == 1, "\(r.stderrText)")
  }
}
