import CNcursesw
import Dispatch
import Foundation

/// Makes sure the terminal is given back: at exit, and on SIGINT/SIGTERM/SIGHUP.
public enum TerminalGuard {
  private static let once: Void = { atexit { restoreNow() } }()

  static func installAtExit() { _ = once }

  /// Restores the terminal (endwin) if curses is active. Idempotent.
  public static func restoreNow() {
    if !isendwin() { endwin() }
  }

  /// Routes SIGINT, SIGTERM and SIGHUP to `onSignal` (called on a background queue; it should
  /// ask the UI loop to stop). If the process is still alive `grace` seconds later, the terminal
  /// is restored and the process exits with 128+signal.
  public static func handleSignals(
    grace: TimeInterval = 1.5, _ onSignal: @escaping @Sendable (Int32) -> Void
  ) -> [any DispatchSourceSignal] {
    let queue = DispatchQueue(label: "ovnip-top.signals")
    return [SIGINT, SIGTERM, SIGHUP].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler {
        onSignal(number)
        queue.asyncAfter(deadline: .now() + grace) {
          restoreNow()
          exit(128 + number)
        }
      }
      source.resume()
      return source
    }
  }
}
