import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import OvnipModel
import OvnipScenario

/// A loopback Kubernetes API stand-in serving a generated `Scenario` over HTTP/1 on 127.0.0.1.
///
/// Faithful enough for the real kubectl: `/version`, legacy and aggregated discovery, list with
/// `limit`/`continue`, get, create, delete with preconditions, watch with bookmarks and 410,
/// SelfSubjectAccessReview, real `Status` bodies. Tests drive faults through `setKnobs`, mutate
/// objects (with watch events), read the request log, and stop/start the listener on the same port.
///
/// ```swift
/// let server = try await StandInServer.start(scenario: try ScenarioGenerator.make("leaks"))
/// defer { Task { await server.shutdown() } }
/// server.setKnobs { $0.forbidden = ["pods"] }
/// ```
public final class StandInServer: @unchecked Sendable {
  /// The scenario the server started from (objects empty if `keepScenarioObjects` was false).
  public let scenario: Scenario
  let core: ServerCore
  private let group: MultiThreadedEventLoopGroup
  private let lock = NSLock()
  private var listener: (any Channel)?
  private var boundPort: Int
  private var churnTask: Task<Void, Never>?
  private var _churnTick = 0

  /// Creates a server (not yet listening). `port` 0 picks an ephemeral port on first start.
  /// `keepScenarioObjects: false` drops the generated objects once loaded (`scenario.objects`
  /// is then empty; the server keeps only their bytes), halving memory for big scenarios.
  public init(
    scenario: Scenario, port: Int = 0, knobs: StandInKnobs = StandInKnobs(), keepScenarioObjects: Bool = true
  ) {
    core = ServerCore(
      state: ClusterState(scenario: scenario, now: { Date() }), knobs: knobs)
    var kept = scenario
    if !keepScenarioObjects { kept.objects = [:] }
    self.scenario = kept
    group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    boundPort = port
  }

  /// Creates and starts a server.
  public static func start(
    scenario: Scenario, port: Int = 0, knobs: StandInKnobs = StandInKnobs(), keepScenarioObjects: Bool = true
  ) async throws -> StandInServer {
    let s = StandInServer(scenario: scenario, port: port, knobs: knobs, keepScenarioObjects: keepScenarioObjects)
    try await s.start()
    return s
  }

  /// The listening port (fixed after the first start; a restart reuses it).
  public var port: Int { lock.withLock { boundPort } }
  /// `http://127.0.0.1:<port>`.
  public var url: String { "http://127.0.0.1:\(port)" }
  /// Is the listener up?
  public var isRunning: Bool { lock.withLock { listener != nil } }

  /// Starts listening (again, on the same port after `stop()`).
  public func start() async throws {
    if isRunning { return }
    let core = self.core
    let bootstrap = ServerBootstrap(group: group)
      .serverChannelOption(.backlog, value: 256)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        core.connectionOpened(channel)
        return channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
          try channel.pipeline.syncOperations.addHandler(HTTPHandler(core: core))
        }
      }
    let channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
    lock.withLock {
      listener = channel
      boundPort = channel.localAddress?.port ?? boundPort
    }
  }

  /// Stops listening and closes every connection (watches end abruptly). The cluster state is
  /// kept; `start()` brings the server back on the same port.
  public func stop() async {
    let l = lock.withLock { () -> (any Channel)? in
      defer { listener = nil }
      return listener
    }
    try? await l?.close()
    for c in core.openConnections { try? await c.close() }
  }

  /// Stops the server, the churn timer and the event loop. The server cannot be restarted.
  public func shutdown() async {
    stopChurn()
    await stop()
    try? await group.shutdownGracefully()
  }

  // MARK: Knobs and log

  /// Current knobs.
  public var knobs: StandInKnobs { core.knobs }
  /// Changes knobs at runtime (applies to requests that arrive afterwards).
  public func setKnobs(_ body: (inout StandInKnobs) -> Void) { core.setKnobs(body) }

  /// Every request received so far, in arrival order.
  public var requests: [LoggedRequest] { core.requests }
  /// Empties the request log.
  public func clearRequestLog() { core.clearLog() }

  // MARK: Cluster state

  /// The global resourceVersion (bumped by every mutation).
  public var resourceVersion: Int { core.state.currentRV }

  /// Creates or replaces an object (keeping an existing uid); emits ADDED or MODIFIED.
  /// Returns the stored object with its new resourceVersion.
  @discardableResult
  public func upsert(_ kind: ResourceKind, _ object: JSONValue) -> JSONValue {
    let s = core.state.upsert(kind, object)
    return (try? JSONValue.parse(s.bytes)) ?? object
  }

  /// Deletes an object (no preconditions); emits DELETED. False if it did not exist.
  @discardableResult
  public func delete(_ kind: ResourceKind, namespace: String = "", name: String) -> Bool {
    if case .ok = core.state.delete(kind, namespace: namespace, name: name, uid: nil, resourceVersion: nil) {
      return true
    }
    return false
  }

  /// One object as currently stored, or nil.
  public func object(_ kind: ResourceKind, namespace: String = "", name: String) -> JSONValue? {
    core.state.get(kind, namespace: namespace, name: name).flatMap { try? JSONValue.parse($0.bytes) }
  }

  /// Names (`ns/name` for namespaced) of every stored object of a kind, in key order.
  public func keys(_ kind: ResourceKind) -> [String] {
    core.state.list(kind, selection: Selection(), startAfter: nil, limit: nil).items.map(\.key)
  }

  /// Applies scenario mutations (upserts and deletes) in order.
  public func apply(_ mutations: [ScenarioMutation]) {
    for m in mutations {
      switch m {
      case .upsert(let kind, let o): core.state.upsert(kind, o)
      case .delete(let kind, let ns, let name):
        _ = core.state.delete(kind, namespace: ns, name: name, uid: nil, resourceVersion: nil)
      }
    }
  }

  /// Forgets the event history: every watch (or re-watch) from an older resourceVersion gets 410.
  public func expireResourceVersions() { core.state.expireHistory() }

  /// Closes every open watch connection abruptly (no final chunk).
  public func dropWatches() {
    for c in core.openWatchChannels { c.close(promise: nil) }
  }

  /// Number of open watch streams.
  public var activeWatchCount: Int { core.state.watcherCount }

  // MARK: Churn

  /// Ticks of the churn timeline applied so far (tick n−1 is fully applied when this reads n).
  public var churnTick: Int { lock.withLock { _churnTick } }

  /// Applies the scenario's churn timeline on a timer (tick 0 at once). No-op without a timeline.
  public func startChurn(interval: Double? = nil) {
    guard let timeline = scenario.churn else { return }
    let seconds = interval ?? timeline.tickInterval
    stopChurn()
    let task = Task { [weak self] in
      while !Task.isCancelled {
        guard let self else { return }
        let tick = self.lock.withLock { self._churnTick }
        self.apply(timeline.step(tick))
        self.lock.withLock { self._churnTick = tick + 1 }
        try? await Task.sleep(for: .seconds(seconds))
      }
    }
    lock.withLock { churnTask = task }
  }

  /// Stops the churn timer.
  public func stopChurn() {
    lock.withLock {
      churnTask?.cancel()
      churnTask = nil
    }
  }
}
