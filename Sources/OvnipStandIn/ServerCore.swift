import Foundation
import NIOCore
import OvnipModel
import OvnipScenario

/// Shared, thread-safe state of a running stand-in: the cluster, the knobs, the request log,
/// and the open connections (so that stop() and dropWatches() can close them).
final class ServerCore: @unchecked Sendable {
  let state: ClusterState
  private let lock = NSLock()
  private var _knobs: StandInKnobs
  private var _log: [LoggedRequest] = []
  private var connections: [ObjectIdentifier: any Channel] = [:]
  private var watchChannels: [ObjectIdentifier: any Channel] = [:]

  init(state: ClusterState, knobs: StandInKnobs) {
    self.state = state
    _knobs = knobs
  }

  var knobs: StandInKnobs {
    lock.lock()
    defer { lock.unlock() }
    return _knobs
  }

  func setKnobs(_ body: (inout StandInKnobs) -> Void) {
    lock.lock()
    defer { lock.unlock() }
    body(&_knobs)
  }

  func log(_ r: LoggedRequest) {
    lock.lock()
    defer { lock.unlock() }
    _log.append(r)
  }

  var requests: [LoggedRequest] {
    lock.lock()
    defer { lock.unlock() }
    return _log
  }

  func clearLog() {
    lock.lock()
    defer { lock.unlock() }
    _log.removeAll()
  }

  func connectionOpened(_ c: any Channel) {
    lock.lock()
    connections[ObjectIdentifier(c)] = c
    lock.unlock()
    c.closeFuture.whenComplete { [weak self] _ in
      guard let self else { return }
      self.lock.lock()
      self.connections[ObjectIdentifier(c)] = nil
      self.watchChannels[ObjectIdentifier(c)] = nil
      self.lock.unlock()
    }
  }

  func watchStarted(_ c: any Channel) {
    lock.lock()
    defer { lock.unlock() }
    watchChannels[ObjectIdentifier(c)] = c
  }

  var openWatchChannels: [any Channel] {
    lock.lock()
    defer { lock.unlock() }
    return Array(watchChannels.values)
  }

  var openConnections: [any Channel] {
    lock.lock()
    defer { lock.unlock() }
    return Array(connections.values)
  }
}
