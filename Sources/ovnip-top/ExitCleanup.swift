import Dispatch
import Foundation
import Synchronization

/// Directories to delete when the process ends: at `exit()` (ArgumentParser and the dashboard's
/// signal path both exit through it) and, once `handleSignals()` was called, on
/// SIGINT/SIGTERM/SIGHUP, after which the process exits with 128 + signal. A mode with its own
/// signal handling (the dashboard's `TerminalGuard`) does not call `handleSignals()`: its
/// `exit(128 + signal)` runs the `atexit` cleanup.
final class ExitCleanup: Sendable {
  static let shared = ExitCleanup()

  private let paths = Mutex<Set<String>>([])
  private let atExitInstalled = Mutex(false)
  private let signalsInstalled = Mutex(false)
  /// Extra work to run on a signal before exiting (e.g. stopping the stand-in, restoring the
  /// terminal); run once, in registration order.
  private let hooks = Mutex<[@Sendable () -> Void]>([])
  /// Kept alive for the life of the process; written once, under `installed`.
  nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

  func register(_ path: String) {
    paths.withLock { _ = $0.insert(path) }
    let first = atExitInstalled.withLock { done -> Bool in
      defer { done = true }
      return !done
    }
    if first { atexit { ExitCleanup.shared.removeAll() } }
  }

  /// Adds work to run when a termination signal arrives (after `handleSignals()`).
  func onSignal(_ hook: @escaping @Sendable () -> Void) {
    hooks.withLock { $0.append(hook) }
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

  /// Ends the process on SIGINT/SIGTERM/SIGHUP: runs the hooks, removes the paths, exits 128+signal.
  func handleSignals() {
    let first = signalsInstalled.withLock { done -> Bool in
      defer { done = true }
      return !done
    }
    guard first else { return }
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
