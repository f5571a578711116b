import Foundation
import OvnipModel

extension Poller {
  /// How one watch run ended.
  enum WatchEnd: Sendable {
    /// kubectl exited 0 (the server closed the watch): restart from the last RV.
    case closed(lines: Int, lasted: Duration)
    /// 410 Gone (an ERROR event or kubectl's error): re-list.
    case expired
    /// kubectl failed (after delivering `lines` over `lasted`).
    case failed(KubeError, lines: Int, lasted: Duration)
    /// Cancelled (a re-list replaced the store, or `stop()`).
    case cancelled
  }

  /// Follows one kind after the first list, until `stop()`.
  func supervise(_ kind: ResourceKind) async {
    while !stopped, !Task.isCancelled {
      if listing.contains(kind) {
        // `refreshNow()` is listing it; wait for that list instead of starting another.
        do { try await sleep(.milliseconds(100)) } catch { return }
        continue
      }
      // A kind without current data (failed first list, 410, forbidden) is listed first.
      if stores[kind].availability != .present || expired.contains(kind) {
        let failures = listFailures[kind] ?? 0
        if failures > 0 {
          let wait = forbidden.contains(kind) ? options.maxBackoff : options.backoff(afterFailures: failures)
          do { try await sleep(wait) } catch { return }
        }
        guard await relistReporting(kind) else { continue }
        if modes[kind] == .notServed { return }
      }
      if options.useWatches, !inFallback(kind) {
        await followWithWatch(kind)
      } else {
        let hadFailures = (listFailures[kind] ?? 0) > 0
        if !hadFailures { modes[kind] = .polling }
        let wait = hadFailures ? options.backoff(afterFailures: listFailures[kind]!) : options.refresh
        do { try await sleep(wait) } catch { return }
        if await relistReporting(kind), hadFailures {
          // The list works again after an outage: give the watch another chance at once.
          fallbackUntil[kind] = nil
          watchFailures[kind] = 0
        }
      }
    }
  }

  func inFallback(_ kind: ResourceKind) -> Bool {
    guard let until = fallbackUntil[kind] else { return false }
    if now() >= until {
      fallbackUntil[kind] = nil
      watchFailures[kind] = options.watchFailuresBeforeFallback - 1
      return false
    }
    return true
  }

  /// Runs one watch and decides what comes next.
  func followWithWatch(_ kind: ResourceKind) async {
    let end = await runWatch(kind)
    switch end {
    case .closed(let lines, let lasted):
      // A watch the server closes at once, with nothing in it, is a failure in disguise.
      if lines == 0 && lasted < .seconds(1) {
        await watchFailed(kind, KubeError(.other, "\(kind.plural): watch closed at once by the server"))
      } else {
        watchFailures[kind] = 0
      }
    case .expired:
      expired.insert(kind)
    case .failed(let error, _, _) where error.kind == .gone:
      expired.insert(kind)
    case .failed(let error, let lines, let lasted):
      // A watch that worked for a while before the connection dropped is not a broken watch:
      // only back-to-back failures lead to periodic re-lists.
      if lines > 0 || lasted >= .seconds(10) { watchFailures[kind] = 0 }
      await watchFailed(kind, error)
    case .cancelled:
      break
    }
  }

  func watchFailed(_ kind: ResourceKind, _ error: KubeError) async {
    let failures = (watchFailures[kind] ?? 0) + 1
    watchFailures[kind] = failures
    modes[kind] = .failing(failures: failures)
    confirmedAt[kind] = confirmedAt[kind] ?? now()
    report(error)
    if failures >= options.watchFailuresBeforeFallback {
      fallbackUntil[kind] = now().addingTimeInterval(seconds(options.watchRetryAfter))
    }
    try? await sleep(options.backoff(afterFailures: failures))
  }

  /// One `kubectl get --raw '<list>?watch=1&resourceVersion=RV&allowWatchBookmarks=true'`.
  func runWatch(_ kind: ResourceKind) async -> WatchEnd {
    let gen = generation[kind, default: 0]
    let rv = stores[kind].resourceVersion
    var path = "\(kind.collectPath)?watch=1&allowWatchBookmarks=true"
    if !rv.isEmpty { path += "&resourceVersion=\(Collector.queryEscape(rv))" }
    modes[kind] = .watching
    watchLines[kind] = 0
    noteHealth()
    let started = ContinuousClock.now
    let client = self.client
    let task = Task { () -> Result<Void, KubeError> in
      do {
        try await client.watch(path) { line in await self.receive(kind, generation: gen, line: line) }
        return .success(())
      } catch let error as KubeError {
        return .failure(error)
      } catch {
        return .failure(KubeError(.other, Sanitize.line("\(error)")))
      }
    }
    currentWatch[kind] = task
    let result = await withTaskCancellationHandler {
      await task.value
    } onCancel: {
      task.cancel()
    }
    if currentWatch[kind] == task { currentWatch[kind] = nil }
    if stopped || generation[kind, default: 0] != gen { return .cancelled }
    if expired.contains(kind) { return .expired }
    switch result {
    case .success: return .closed(lines: watchLines[kind] ?? 0, lasted: ContinuousClock.now - started)
    case .failure(let error):
      if task.isCancelled { return .cancelled }
      return .failed(error, lines: watchLines[kind] ?? 0, lasted: ContinuousClock.now - started)
    }
  }

  /// Applies one watch line from the watch of generation `gen`.
  func receive(_ kind: ResourceKind, generation gen: Int, line: [UInt8]) {
    guard !stopped, generation[kind, default: 0] == gen, !expired.contains(kind) else { return }
    watchLines[kind, default: 0] += 1
    switch stores[kind].apply(line: line, decoder: decoder) {
    case .changed:
      dirty = true
      watchFailures[kind] = 0
    case .unchanged:
      watchFailures[kind] = 0
    case .expired:
      expired.insert(kind)
      currentWatch[kind]?.cancel()
    case .failed(let code, let message):
      report(KubeError(code >= 500 ? .serverError : .other, "\(kind.plural) watch: \(message)"))
    case .malformed(let message):
      dirty = true
      report(KubeError(.malformed, message))
    }
  }

  // MARK: Lists

  /// Re-lists `kind` into a fresh store that replaces the old one when complete; on failure the
  /// old objects stay. Returns whether the list succeeded (false also when one was in flight).
  @discardableResult
  func relistReporting(_ kind: ResourceKind) async -> Bool {
    guard !listing.contains(kind), !stopped else { return false }
    listing.insert(kind)
    defer { listing.remove(kind) }
    let previousMode = modes[kind]
    if stores[kind].availability != .present { modes[kind] = .listing }
    do throws(KubeError) {
      let fresh = try await collector.freshStore(kind)
      if stopped { return false }
      generation[kind, default: 0] += 1
      currentWatch[kind]?.cancel()
      stores[kind] = fresh
      expired.remove(kind)
      forbidden.remove(kind)
      listFailures[kind] = 0
      confirmedAt[kind] = now()
      if modes[kind] == .listing || modes[kind] == nil || modes[kind] == .pending {
        modes[kind] = options.useWatches ? .pending : .polling
      }
      if case .failing = modes[kind] { modes[kind] = .pending }
      dirty = true
      noteHealth()
      return true
    } catch {
      if stopped { return false }
      let failures = (listFailures[kind] ?? 0) + 1
      listFailures[kind] = failures
      modes[kind] = previousMode == .notServed ? .notServed : .failing(failures: failures)
      if error.kind == .notFound && kind.isOptional {
        // The CRD was removed mid-session.
        stores[kind].markUnavailable(.notServed)
        modes[kind] = .notServed
        dirty = true
        return true
      }
      if error.kind == .forbidden { forbidden.insert(kind) }
      if stores[kind].availability != .present {
        let reason = Collector.reason(kind, error)
        if stores[kind].availability != .unknown(reason: reason) {
          stores[kind].markUnavailable(.unknown(reason: reason))
          dirty = true
        }
      }
      let shown = error.kind == .notFound && !kind.isOptional
        ? KubeError.crdsNotFound(context: context) : error
      if !forbidden.contains(kind) { report(shown) }
      return false
    }
  }

  // MARK: Publishing

  /// Kinds whose data is not current (excluding ones we may not read: those are shown as
  /// unknown in the snapshot, not as staleness).
  func unhealthyKinds() -> [ResourceKind] {
    ResourceKind.collectionOrder.filter { kind in
      guard isFollowed(kind), !forbidden.contains(kind) else { return false }
      switch modes[kind] ?? .pending {
      case .watching, .polling, .notServed: return false
      case .pending, .listing: return stores[kind].availability != .present
      case .failing: return true
      }
    }
  }

  /// Clears the last error once every kind is healthy again, and publishes that recovery.
  func noteHealth() {
    if state.lastError != nil, unhealthyKinds().isEmpty {
      state.lastError = nil
      state.lastErrorAt = nil
      dirty = true
    }
  }

  /// Whether every followed kind has a live watch.
  func allWatching() -> Bool {
    options.useWatches
      && ResourceKind.collectionOrder.allSatisfy { kind in
        !isFollowed(kind) || forbidden.contains(kind) || modes[kind] == .watching
      }
  }

  /// Publishes a snapshot if anything changed since the last one (or `force`).
  func publishIfNeeded(force: Bool) {
    guard !stopped else { return }
    let watching = allWatching()
    let time = now()
    if watching {
      for kind in ResourceKind.allCases where modes[kind] == .watching { confirmedAt[kind] = time }
    }
    noteHealth()
    guard force || dirty || watching != state.watching else { return }
    dirty = false
    let snapshot = stores.snapshot()
    // The snapshot is as fresh as its least fresh kind.
    let at = ResourceKind.allCases.compactMap { isFollowed($0) ? confirmedAt[$0] : nil }.min() ?? time
    state.snapshot = snapshot
    state.snapshotAt = at
    state.watching = watching
    continuation.yield(.snapshot(snapshot, at: at, watching: watching))
  }

  /// Records and publishes a failure.
  func report(_ error: KubeError) {
    let time = now()
    state.lastError = error
    state.lastErrorAt = time
    state.watching = false
    continuation.yield(.failed(error, at: time))
  }
}

func seconds(_ duration: Duration) -> TimeInterval {
  let (whole, atto) = duration.components
  return TimeInterval(whole) + TimeInterval(atto) / 1e18
}
