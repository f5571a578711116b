import Foundation
import OvnipAccounting
import OvnipDashboard
import OvnipKube
import OvnipRender
import OvnipTerminal
import Synchronization

/// Actions posted from other threads to the UI thread.
final class Mailbox: Sendable {
  private let actions = Mutex<[Action]>([])
  private let signal = Mutex<Int32?>(nil)
  private let stopCleanup = Mutex(false)

  func post(_ action: Action) { actions.withLock { $0.append(action) } }
  func drain() -> [Action] { actions.withLock { a in defer { a = [] }; return a } }
  func signalled(_ number: Int32) { signal.withLock { $0 = number } }
  var receivedSignal: Int32? { signal.withLock { $0 } }
  func requestCleanupStop(_ value: Bool) { stopCleanup.withLock { $0 = value } }
  var cleanupStopRequested: Bool { stopCleanup.withLock { $0 } }
}

/// The dashboard main loop: never blocked. Keys are read with a short timeout on a dedicated
/// thread; poller events, accounting, inspect fetches and deletes run in tasks that post actions.
enum DashboardLoop {
  /// Runs until `q`, ctrl-c or a signal; the terminal is restored on every path.
  /// Returns the signal number that ended it, if any.
  static func run(_ wiring: DashboardWiring) async throws -> Int32? {
    let mailbox = Mailbox()
    let consumer = Task.detached {
      for await event in wiring.events {
        switch event {
        case .progress(let done, let total, let resource):
          mailbox.post(.pollProgress(done: done, total: total, resource: resource))
        case .snapshot(let snapshot, let at, let watching):
          let report = wiring.account(snapshot, at)
          let statuses = wiring.trackOrphans(report, at)
          mailbox.post(.pollSucceeded(report, at: at, watching: watching, statuses: statuses))
        case .failed(let error, let at):
          mailbox.post(.pollFailed(message: error.message, at: at))
        }
      }
    }
    defer { consumer.cancel() }
    Task.detached {
      if !wiring.readOnly {
        mailbox.post(.deletePermissionChecked(denied: await wiring.checkDeletePermission()))
      }
    }
    let outcome: Result<(Int32?, Task<Void, Never>?), TerminalError> = await withCheckedContinuation { continuation in
      let thread = Thread {
        continuation.resume(returning: uiThread(wiring, mailbox))
      }
      thread.name = "ovnip-top-ui"
      thread.start()
    }
    let (signal, cleanup) = try outcome.get()
    if let cleanup {
      FileHandle.standardError.write(Data("ovnip-top: finishing the current delete before exit…\n".utf8))
      await cleanup.value
    }
    return signal
  }

  private static func uiThread(
    _ wiring: DashboardWiring, _ mailbox: Mailbox
  ) -> Result<(Int32?, Task<Void, Never>?), TerminalError> {
    let terminal = Terminal()
    do { try terminal.start() } catch let error as TerminalError {
      return .failure(error)
    } catch { return .failure(TerminalError("\(error)")) }
    defer { terminal.stop() }
    let signals = TerminalGuard.handleSignals { mailbox.signalled($0) }
    defer { signals.forEach { $0.cancel() } }

    var state = AppState(
      context: wiring.context, now: Date(), readOnly: wiring.readOnly,
      refreshInterval: wiring.refreshInterval, themeNames: wiring.themes.map(\.name),
      filter: wiring.initialFilter)
    let size = terminal.size
    _ = reduce(&state, .terminalResized(width: size.width, height: size.height))
    if let message = wiring.startupMessage { state.say(message, error: true) }
    var cleanupTask: Task<Void, Never>?
    var lastTick = Date()
    var dirty = true
    while true {
      var effects: [Effect] = []
      for action in mailbox.drain() {
        effects += reduce(&state, action)
        dirty = true
      }
      if let number = mailbox.receivedSignal {
        mailbox.requestCleanupStop(true)
        return .success((number, cleanupTask))
      }
      if dirty {
        let theme = wiring.themes[state.themeIndex % wiring.themes.count]
        terminal.draw(render(state, width: state.width, height: state.height, glyphs: terminal.glyphs), theme: theme)
        dirty = false
      }
      if let input = terminal.read(timeoutMilliseconds: 40) {
        switch input {
        case .key(let key): effects += reduce(&state, .keyPressed(key))
        case .resized(let width, let height): effects += reduce(&state, .terminalResized(width: width, height: height))
        case .hangup:
          mailbox.requestCleanupStop(true)
          return .success((SIGHUP, cleanupTask))
        }
        dirty = true
      }
      let now = Date()
      if now.timeIntervalSince(lastTick) >= 1 {
        effects += reduce(&state, .tick(now))
        lastTick = now
        dirty = true
      }
      for effect in effects {
        switch effect {
        case .quit:
          mailbox.requestCleanupStop(true)
          return .success((nil, cleanupTask))
        case .refreshNow:
          wiring.refreshNow()
        case .fetchInspect(let target):
          Task.detached {
            do {
              let bytes = try await wiring.fetch(target.path)
              mailbox.post(.inspectLoaded(target, lines: prettyLines(bytes)))
            } catch {
              mailbox.post(.inspectFailed(target, message: "\(error)"))
            }
          }
        case .requestDelete(let orphans):
          mailbox.requestCleanupStop(false)
          cleanupTask = Task.detached {
            let journal = await wiring.runCleanup(
              orphans, { mailbox.cleanupStopRequested },
              { result, next in mailbox.post(.cleanupItemFinished(result, next: next)) })
            mailbox.post(.cleanupFinished(journalPath: journal))
          }
        case .stopCleanup:
          mailbox.requestCleanupStop(true)
        }
      }
    }
  }

  /// An object's JSON pretty-printed with sorted keys; raw text when it is not JSON.
  static func prettyLines(_ bytes: [UInt8]) -> [String] {
    let data = Data(bytes)
    if let object = try? JSONSerialization.jsonObject(with: data),
      let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
      let text = String(data: pretty, encoding: .utf8)
    {
      return text.components(separatedBy: "\n")
    }
    return String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
  }
}
