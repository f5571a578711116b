import Foundation
import OvnipModel
import Synchronization

@testable import OvnipKube

/// Reads a poller's events in the background so tests can wait for one that matches.
final class EventRecorder: Sendable {
  final class Box: Sendable {
    let events = Mutex<[PollerEvent]>([])
  }
  let box = Box()
  let reader: Task<Void, Never>

  init(_ stream: AsyncStream<PollerEvent>) {
    let box = self.box
    reader = Task {
      for await event in stream { box.events.withLock { $0.append(event) } }
    }
  }

  var all: [PollerEvent] { box.events.withLock { $0 } }

  var snapshots: [(ClusterSnapshot, Bool)] {
    all.compactMap { if case .snapshot(let s, _, let w) = $0 { (s, w) } else { nil } }
  }

  var failures: [KubeError] {
    all.compactMap { if case .failed(let e, _) = $0 { e } else { nil } }
  }

  /// Waits (real time, up to `seconds`) until `condition` holds.
  @discardableResult
  static func wait(_ seconds: Double = 10, _ condition: () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if await condition() { return true }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
  }

  /// Waits for a snapshot whose IP names are `names`.
  func waitForIPs(_ names: [String], seconds: Double = 10) async -> Bool {
    await Self.wait(seconds) {
      snapshots.last.map { $0.0.ips.value?.map(\.metadata.name) == names } ?? false
    }
  }
}
