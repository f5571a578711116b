import Foundation
import OvnipModel
import Synchronization

@testable import OvnipKube

/// An in-memory stand-in for kubectl, for unit tests of the collector and the poller: canned
/// answers per path (a queue; the last answer repeats), a call log, and watches the test feeds.
final class FakeKube: Sendable {
  typealias Answer = Result<[UInt8], KubeError>

  struct WatchHandle {
    var id = UUID()
    var path: String
    var continuation: AsyncThrowingStream<[UInt8], any Error>.Continuation
  }

  struct State {
    var answers: [String: [Answer]] = [:]
    var calls: [String] = []
    var watches: [WatchHandle] = []
  }

  let state = Mutex(State())

  /// Answers `path` (exact, including the query) with `answers` in turn.
  func answer(_ path: String, _ answers: Answer...) {
    state.withLock { $0.answers[path] = answers }
  }

  /// Discovery that serves every kind.
  func serveDiscovery(except missing: Set<ResourceKind> = []) {
    for (prefix, kinds) in Dictionary(grouping: ResourceKind.allCases, by: \.apiPrefix) {
      let names = kinds.filter { !missing.contains($0) }.map(\.plural)
      answer(prefix, .success(Fixtures.resourceList(kinds[0].groupVersion, names)))
    }
  }

  /// Empty lists for every kind at page size `limit`.
  func serveEmptyLists(limit: Int = 5000, except: Set<ResourceKind> = []) {
    for kind in ResourceKind.allCases where !except.contains(kind) {
      answer(
        "\(kind.collectPath)?limit=\(limit)",
        .success(Fixtures.list(kind.kind, apiVersion: kind.groupVersion, items: [], rv: "1")))
    }
  }

  var calls: [String] { state.withLock { $0.calls } }

  /// Paths of the watches running now.
  var openWatches: [String] { state.withLock { $0.watches.map(\.path) } }

  /// Sends a line to every open watch whose path starts with `prefix`.
  func emit(_ prefix: String, _ line: [UInt8]) {
    state.withLock { s in
      for watch in s.watches where watch.path.hasPrefix(prefix) { watch.continuation.yield(line) }
    }
  }

  /// Ends the open watches on `prefix`, with `error` (kubectl failed) or normally (exit 0).
  func endWatches(_ prefix: String, error: KubeError? = nil) {
    state.withLock { s in
      for watch in s.watches where watch.path.hasPrefix(prefix) {
        if let error { watch.continuation.finish(throwing: error) } else { watch.continuation.finish() }
      }
      s.watches.removeAll { $0.path.hasPrefix(prefix) }
    }
  }

  var client: KubectlClient {
    KubectlClient(
      get: { path in
        try self.state.withLock { s in
          s.calls.append("GET \(path)")
          guard var queue = s.answers[path], !queue.isEmpty else {
            throw KubeError(.notFound, "Error from server (NotFound): the server could not find the requested resource")
          }
          let next = queue.count > 1 ? queue.removeFirst() : queue[0]
          s.answers[path] = queue
          return try next.get()
        }
      },
      delete: { _, _ in throw KubeError(.other, "not in this fake") },
      create: { _, _ in throw KubeError(.other, "not in this fake") },
      watch: { path, onLine in
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: [UInt8].self)
        let handle = WatchHandle(path: path, continuation: continuation)
        self.state.withLock { s in
          s.calls.append("WATCH \(path)")
          s.watches.append(handle)
        }
        defer { self.state.withLock { s in s.watches.removeAll { $0.id == handle.id } } }
        do {
          for try await line in stream { await onLine(line) }
        } catch is CancellationError {
          return
        }
        if Task.isCancelled { return }
      },
      canI: { _, _ in true },
      identity: { ClusterIdentity(context: "fake", server: "http://127.0.0.1:1") })
  }
}

extension Array where Element == UInt8 {
  var text: String { String(decoding: self, as: UTF8.self) }
}
