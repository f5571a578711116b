import Foundation
import OvnipModel

/// Keeps a `ClusterSnapshot` current through kubectl and publishes it as `PollerEvent`s.
///
/// Discovery once, then one full list of every served kind in collection order (holders before
/// owners); after that each kind is followed by a watch from its list's resourceVersion
/// (`?watch=1&resourceVersion=RV&allowWatchBookmarks=true`), restarted when kubectl exits and
/// re-listed on 410 Gone. A kind whose watch fails repeatedly is re-listed every refresh
/// instead. Never two lists of one kind at once; failures back off exponentially; the last good
/// snapshot is kept. Snapshots are published at most once per refresh, and only when something
/// changed (or the health changed), so an idle cluster costs no re-lists and no recomputation.
public actor Poller {
  /// Everything the poller reports, in order. Finishes after `stop()`.
  public nonisolated let events: AsyncStream<PollerEvent>
  let continuation: AsyncStream<PollerEvent>.Continuation

  let client: KubectlClient
  let collector: Collector
  let options: PollerOptions
  let context: String
  let now: @Sendable () -> Date
  let sleep: @Sendable (Duration) async throws -> Void

  var stores = StoreSet()
  var discovery: Discovery?
  var modes: [ResourceKind: PollerState.KindMode] = [:]
  /// Consecutive list failures per kind.
  var listFailures: [ResourceKind: Int] = [:]
  /// Consecutive watch failures per kind.
  var watchFailures: [ResourceKind: Int] = [:]
  /// Kinds re-listed periodically until this time, because their watch kept failing.
  var fallbackUntil: [ResourceKind: Date] = [:]
  /// Bumped on every re-list: lines from an older watch are ignored.
  var generation: [ResourceKind: Int] = [:]
  /// Kinds being listed right now (never two lists of one kind at once).
  var listing: Set<ResourceKind> = []
  /// Kinds whose watch reported 410: re-list before watching again.
  var expired: Set<ResourceKind> = []
  /// Kinds we may not read: shown as unknown, not as staleness.
  var forbidden: Set<ResourceKind> = []
  /// Lines received by the current watch of each kind.
  var watchLines: [ResourceKind: Int] = [:]
  /// When each kind was last known to match the cluster.
  var confirmedAt: [ResourceKind: Date] = [:]
  var currentWatch: [ResourceKind: Task<Result<Void, KubeError>, Never>] = [:]
  var supervisors: [ResourceKind: Task<Void, Never>] = [:]
  var mainTask: Task<Void, Never>?
  var refreshTask: Task<Void, Never>?
  var dirty = false
  var state = PollerState()
  var stopped = false
  let decoder = WatchEvent<Pod>.decoder()

  /// - Parameters:
  ///   - client: how to run kubectl.
  ///   - context: the context name, for messages ("Kube-OVN CRDs not found in context X").
  ///   - options: refresh, page size, backoff.
  ///   - now: the clock (injected by tests).
  ///   - sleep: how to wait (injected by tests).
  public init(
    client: KubectlClient, context: String, options: PollerOptions = PollerOptions(),
    now: @escaping @Sendable () -> Date = { Date() },
    sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
  ) {
    self.client = client
    self.context = context
    self.options = options
    self.collector = Collector(client: client, pageLimit: options.pageLimit)
    self.now = now
    self.sleep = sleep
    (events, continuation) = AsyncStream.makeStream(
      of: PollerEvent.self, bufferingPolicy: .bufferingNewest(32))
  }

  /// Starts discovery, the first full list and then the watches. Returns at once.
  public func start() {
    guard mainTask == nil, !stopped else { return }
    mainTask = Task { await self.run() }
  }

  /// Re-lists every served kind now (in collection order), then publishes.
  public func refreshNow() {
    guard !stopped, discovery != nil, refreshTask == nil else { return }
    refreshTask = Task {
      for kind in ResourceKind.collectionOrder where self.isFollowed(kind) {
        await self.relistReporting(kind)
      }
      self.publishIfNeeded(force: true)
      self.refreshTask = nil
    }
  }

  /// Stops every watch and list (each kubectl is terminated, then killed) and finishes
  /// `events`. Returns when no kubectl child is left.
  public func stop() async {
    guard !stopped else { return }
    stopped = true
    let tasks: [Task<Void, Never>] =
      [mainTask, refreshTask].compactMap { $0 } + Array(supervisors.values)
    let watches = Array(currentWatch.values)
    for task in tasks { task.cancel() }
    for watch in watches { watch.cancel() }
    for task in tasks { await task.value }
    for watch in watches { _ = await watch.value }
    continuation.finish()
  }

  /// The current state: last snapshot, its time, each kind's mode, the last error.
  public func currentState() -> PollerState {
    var state = state
    state.kinds = modes
    return state
  }

  // MARK: Startup

  func run() async {
    var failures = 0
    while !stopped, !Task.isCancelled {
      do throws(KubeError) {
        if discovery == nil {
          discovery = try await Discovery.run(client: client, context: context)
        }
        var fresh = StoreSet()
        let continuation = self.continuation
        let failed = try await collector.collect(discovery: discovery!, into: &fresh) {
          done, total, kind in
          continuation.yield(.progress(done: done, total: total, resource: kind.plural))
        }
        if stopped { return }
        install(initial: fresh, failed: failed)
        break
      } catch {
        failures += 1
        report(error)
        if error.kind == .kubectlMissing || error.kind == .unknownContext { return }
        do { try await sleep(options.backoff(afterFailures: failures)) } catch { return }
      }
    }
    guard !stopped, !Task.isCancelled else { return }
    publishIfNeeded(force: true)
    for kind in ResourceKind.collectionOrder where isFollowed(kind) {
      supervisors[kind] = Task { await self.supervise(kind) }
    }
    while !stopped, !Task.isCancelled {
      do { try await sleep(options.refresh) } catch { return }
      publishIfNeeded(force: false)
    }
  }

  /// Adopts the first full list.
  func install(initial fresh: StoreSet, failed: [ResourceKind: KubeError]) {
    stores = fresh
    let time = now()
    for kind in ResourceKind.allCases {
      switch stores[kind].availability {
      case .present:
        modes[kind] = options.useWatches ? .pending : .polling
        confirmedAt[kind] = time
      case .notServed:
        modes[kind] = .notServed
      case .unknown:
        listFailures[kind] = 1
        modes[kind] = .failing(failures: 1)
        if failed[kind]?.kind == .forbidden || discovery?.kinds[kind] != .present {
          forbidden.insert(kind)
        } else if let error = failed[kind] {
          report(error)
        }
      }
    }
    dirty = true
  }

  /// Served kinds the poller keeps current (present or failing, not absent).
  func isFollowed(_ kind: ResourceKind) -> Bool {
    guard let discovery else { return false }
    return discovery.kinds[kind] != .notServed && modes[kind] != .notServed
  }
}
