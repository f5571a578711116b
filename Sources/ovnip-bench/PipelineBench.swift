import Foundation
import OvnipAccounting
import OvnipKube
import OvnipModel
import OvnipScenario
import OvnipStandIn

/// Time to the first full report through the real kubectl against the in-process stand-in,
/// next to bare `kubectl get --raw` of the same lists, at 10k and 100k IP CRs (+ as many pods);
/// then kubectl calls per minute on an idle cluster once watches run.
///
/// Sizes: `OVNIP_BENCH_SIZES=10000,100000` (default); idle window: `OVNIP_BENCH_IDLE_SECONDS`
/// (default 60).
enum PipelineBench {
  static func run() async {
    let environment = ProcessInfo.processInfo.environment
    let sizes = (environment["OVNIP_BENCH_SIZES"] ?? "10000,100000").split(separator: ",")
      .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    let idleSeconds = Double(environment["OVNIP_BENCH_IDLE_SECONDS"] ?? "") ?? 60
    print("PipelineBench: first full report through kubectl vs bare kubectl get --raw (page 5000)")
    for size in sizes {
      do {
        try await measure(size)
      } catch {
        print("  \(size): failed: \(error)")
      }
    }
    do {
      try await idle(seconds: idleSeconds)
    } catch {
      print("  idle: failed: \(error)")
    }
  }

  static func seconds(since start: ContinuousClock.Instant) -> String {
    let elapsed = ContinuousClock.now - start
    let (whole, atto) = elapsed.components
    return String(format: "%.2fs", Double(whole) + Double(atto) / 1e18)
  }

  static func start(_ scenario: Scenario) async throws -> (StandInSession, KubectlClient) {
    let session = try await StandInSession.start(scenario: scenario, churn: false, contextName: "bench")
    let options = KubectlOptions(
      context: session.contextName, kubeconfig: session.kubeconfigPath,
      cacheDir: session.directory.appendingPathComponent("kube-cache").path, timeout: .seconds(900))
    let client = try KubectlClient.live(options)
    // Warm kubectl's cache (the gcloud dispatcher asks /version once per server) so neither
    // measurement pays for it.
    _ = try await client.get("/version")
    return (session, client)
  }

  static func measure(_ size: Int) async throws {
    let generated = ContinuousClock.now
    let scenario = try ScenarioGenerator.make("big", options: ScenarioOptions(ips: size, pods: size))
    let (session, client) = try await start(scenario)
    defer { Task { await session.stop() } }
    print("  \(size) IPs + \(size) pods: \(scenario.objectCount) objects, generated and served in \(seconds(since: generated))")
    let kinds = ResourceKind.collectionOrder.filter { scenario.served.contains($0) }
    let collector = Collector(client: client, pageLimit: 5000)

    // 1. Bare kubectl, one unpaginated call per kind: the transfer floor.
    session.server.clearRequestLog()
    var start = ContinuousClock.now
    var bytes = 0
    for kind in kinds { bytes += try await client.get(kind.collectPath).count }
    print("    bare kubectl get --raw, unpaginated:      \(seconds(since: start))  (\(kinds.count) calls, \(bytes / 1_000_000) MB)")

    // 2. Bare kubectl, the same pages the collector reads (pages merged, nothing decoded).
    session.server.clearRequestLog()
    start = ContinuousClock.now
    bytes = 0
    for kind in kinds { bytes += try await collector.rawList(kind).count }
    let pagedCalls = session.server.requests.count
    print("    bare kubectl get --raw, limit=5000 pages:  \(seconds(since: start))  (\(pagedCalls) calls)")

    // 3. The pipeline: identity, discovery, paged lists decoded page by page, accounting.
    session.server.clearRequestLog()
    start = ContinuousClock.now
    let identity = try await client.identity()
    let discovery = try await Discovery.run(client: client, context: identity.context)
    let snapshot = try await collector.snapshot(discovery: discovery)
    let listed = seconds(since: start)
    let report = Accountant().report(snapshot, now: Date(), source: "kubectl:bench", subnets: [])
    print("    ovnip-top first full report:               \(seconds(since: start))  (lists decoded at \(listed); \(session.server.requests.count) requests; \(report.orphans.count) orphans)")
  }

  static func idle(seconds window: Double) async throws {
    let scenario = try ScenarioGenerator.make("big", options: ScenarioOptions(ips: 10_000, pods: 10_000))
    let (session, client) = try await start(scenario)
    defer { Task { await session.stop() } }
    let poller = Poller(client: client, context: "bench", options: PollerOptions(refresh: .seconds(2)))
    await poller.start()
    let served = ResourceKind.allCases.filter { scenario.served.contains($0) }.count
    let deadline = Date().addingTimeInterval(120)
    while session.server.activeWatchCount < served, Date() < deadline {
      try await Task.sleep(for: .milliseconds(100))
    }
    let watches = session.server.activeWatchCount
    let rss = childRSSMegabytes()
    session.server.clearRequestLog()
    try await Task.sleep(for: .milliseconds(Int64(window * 1000)))
    let requests = session.server.requests
    await poller.stop()
    let perMinute = Double(requests.count) * 60 / window
    let lists = requests.filter { !$0.parameters.keys.contains("watch") }.count
    print("  idle 10k cluster, refresh 2s, \(watches) watches open (kubectl children RSS \(rss) MB):")
    print(String(format: "    %.1f kubectl requests/minute over %.0fs (%d lists, %d watch restarts)", perMinute, window, lists, requests.count - lists))
  }

  /// Total resident memory of this process's child processes (the kubectl watches), in MB.
  static func childRSSMegabytes() -> Int {
    let me = getpid()
    var total = 0
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where Int32(entry) != nil {
      guard let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8) else { continue }
      var parent: Int32 = -1
      var rssKB = 0
      for line in status.split(separator: "\n") {
        if line.hasPrefix("PPid:") { parent = Int32(line.dropFirst(5).trimmingCharacters(in: .whitespaces)) ?? -1 }
        if line.hasPrefix("VmRSS:") {
          rssKB = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") ?? 0
        }
      }
      if parent == me { total += rssKB }
    }
    return total / 1024
  }
}
