import ArgumentParser
import Foundation
import OvnipScenario
import OvnipStandIn

/// `ovnip-top standin`: runs the loopback API stand-in alone until ctrl-c.
struct StandInCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "standin",
    abstract: "Run the loopback API stand-in alone.",
    discussion: "Scenarios: \(ScenarioGenerator.names.joined(separator: ", ")). Prints the kubeconfig path; ctrl-c stops it and removes the kubeconfig.")

  @Option(help: "Scenario name.")
  var scenario: String = "leaks"
  @Option(help: "Port on 127.0.0.1 (default: an ephemeral port).")
  var port: Int = 0
  @Option(help: "Generator seed.")
  var seed: UInt64 = 42
  @Option(help: "Bulk IP CRs (scenario big).")
  var ips: Int = 1000
  @Option(help: "Bulk pods (scenario big).")
  var pods: Int = 1000
  @Option(help: "Seconds between churn ticks (scenario churn).")
  var churnInterval: Double = 3
  @Flag(help: "Do not apply the churn timeline.")
  var noChurn = false
  @Option(help: "Answer 403 Forbidden on every verb of this resource plural (repeatable).")
  var forbid: [String] = []
  @Option(help: "Answer 403 on one verb of a resource, as VERB:PLURAL, e.g. delete:ips (repeatable).")
  var forbidVerb: [String] = []
  @Option(help: "Answer 500 on every request for this resource plural (repeatable).")
  var serverError: [String] = []
  @Option(help: "Send only half of each list/get body of this resource plural (repeatable).")
  var truncate: [String] = []
  @Option(help: "Seconds of delay before every answer.")
  var latency: Double = 0

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
    guard ips >= 0, pods >= 0 else { throw ValidationError("--ips and --pods must be ≥ 0") }
    guard churnInterval >= 0.1 else { throw ValidationError("--churn-interval must be ≥ 0.1") }
    guard latency >= 0 else { throw ValidationError("--latency must be ≥ 0") }
    for v in forbidVerb where v.split(separator: ":").count != 2 {
      throw ValidationError("--forbid-verb takes VERB:PLURAL, e.g. delete:ips (got \"\(v)\")")
    }
  }

  var knobs: StandInKnobs {
    var k = StandInKnobs()
    k.forbidden = Set(forbid)
    k.forbiddenVerbs = Set(
      forbidVerb.map {
        let p = $0.split(separator: ":").map(String.init)
        return StandInKnobs.Verb(verb: p[0], resource: p[1])
      })
    k.serverError = Set(serverError)
    k.truncated = Set(truncate)
    k.latency = latency
    return k
  }

  func run() async throws {
    let options = ScenarioOptions(seed: seed, ips: ips, pods: pods, now: Date(), churnInterval: churnInterval)
    let session: StandInSession
    do {
      session = try await StandInSession.start(
        scenario: scenario, options: options, port: port, churn: !noChurn, knobs: knobs)
    } catch let e as ScenarioError {
      throw Fatal(e.description)
    } catch let e as StandInError {
      throw Fatal(e.description)
    }
    let s = session.server.scenario
    say("stand-in: scenario \(s.name), \(session.objectCount) objects, \(session.server.url)")
    say("kubeconfig: \(session.kubeconfigPath) (context \(session.contextName))")
    say("export KUBECONFIG=\(session.kubeconfigPath)")
    say("ctrl-c to stop")
    await waitForSignal()
    await session.stop()
    say("stand-in stopped; kubeconfig removed")
  }

  /// Returns after SIGINT or SIGTERM.
  private func waitForSignal() async {
    signal(SIGINT, SIG_IGN)
    signal(SIGTERM, SIG_IGN)
    let queue = DispatchQueue(label: "standin.signals")
    await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
      let once = OnceFlag()
      var sources: [any DispatchSourceSignal] = []
      for sig in [SIGINT, SIGTERM] {
        let src = DispatchSource.makeSignalSource(signal: sig, queue: queue)
        src.setEventHandler {
          if once.claim() { c.resume() }
        }
        src.resume()
        sources.append(src)
      }
      SignalSources.keep(sources)
    }
  }
}

/// Writes one line to stdout unbuffered (the caller may be reading it through a pipe).
private func say(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Keeps signal sources alive for the process lifetime.
private enum SignalSources {
  nonisolated(unsafe) static var kept: [any DispatchSourceSignal] = []
  static func keep(_ s: [any DispatchSourceSignal]) { kept += s }
}

/// A flag that can be claimed once, from any thread.
private final class OnceFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var done = false
  func claim() -> Bool {
    lock.withLock {
      defer { done = true }
      return !done
    }
  }
}
