import Dispatch
import Foundation
import Synchronization

/// Directories to delete when the process ends: at `exit()` (ArgumentParser exits through it)
/// and on SIGINT/SIGTERM/SIGHUP, after which the process exits with 128 + signal.
final class ExitCleanup: Sendable {
  static let shared = ExitCleanup()

  private let paths = Mutex<Set<String>>([])
  private let installed = Mutex(false)
  /// Extra work to run on a signal before exiting (e.g. stopping the stand-in, restoring the
  /// terminal); run once, in registration order.
  private let hooks = Mutex<[@Sendable () -> Void]>([])
  /// Kept alive for the life of the process; written once, under `installed`.
  nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

  func register(_ path: String) {
    paths.withLock { _ = $0.insert(path) }
    installOnce()
  }

  /// Adds work to run when a termination signal arrives.
  func onSignal(_ hook: @escaping @Sendable () -> Void) {
    hooks.withLock { $0.append(hook) }
    installOnce()
  }

  func removeNow(_ path: String) {
    let known = paths.withLock { $0.remove(path) != nil }
    if known { try? FileManager.default.removeItem(atPath: path) }
  }

  func removeAll() {
    let all = paths.withLock { p -> Set<String> in
      defer { p.removeAll() }
      return p
    }
    for path in all { try? FileManager.default.removeItem(atPath: path) }
  }

  private func installOnce() {
    let first = installed.withLock { done -> Bool in
      defer { done = true }
      return !done
    }
    guard first else { return }
    atexit { ExitCleanup.shared.removeAll() }
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler {
        let hooks = ExitCleanup.shared.hooks.withLock { h -> [@Sendable () -> Void] in
          defer { h.removeAll() }
          return h
        }
        for hook in hooks { hook() }
        ExitCleanup.shared.removeAll()
        exit(128 + sig)
      }
      source.resume()
      Self.sources.append(source)
    }
  }
}
