import Foundation
import Testing

/// The real `ovnip-top` binary in a private tmux server, read back with `capture-pane`.
final class TmuxSession {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let binary = root.appendingPathComponent(".build/debug/ovnip-top").path
  static let fixture = root.appendingPathComponent("Tests/EndToEndTests/Fixtures/cluster-4747").path

  let socket = "ovnip-e2e-\(UUID().uuidString.prefix(8))"
  let session = "e2e"
  let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("ovnip-e2e-\(UUID().uuidString).pid").path

  /// Starts `ovnip-top ARGS` at `width`×`height`; after it exits the pane prints the exit
  /// status and the tty's canonical/echo modes, so tests can see the terminal was given back.
  /// `environment` adds variables (e.g. a private `HOME`) to the binary's environment.
  init(arguments: [String], environment: [String: String] = [:], width: Int = 120, height: Int = 40) throws {
    guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
      throw TmuxError("\(Self.binary) is missing: build it first (make test does)")
    }
    let args = arguments.map { "'\($0)'" }.joined(separator: " ")
    let env = environment.sorted { $0.key < $1.key }.map { "'\($0.key)=\($0.value)'" }.joined(separator: " ")
    let script =
      "echo $$ > \(pidFile); exec env LANG=C.UTF-8 TERM=tmux-256color \(env) \(Self.binary) \(args)"
    let after = "echo EXIT=$?; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$' | tr '\\n' ' '; echo MODES; sleep 60"
    try tmux(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", "sh -c '\(script.replacingOccurrences(of: "'", with: "'\\''"))'; \(after)"])
  }

  /// Ends the binary (SIGTERM, then SIGKILL after 3 s) and the private tmux server, so a
  /// failed test leaves nothing running.
  deinit {
    if let pid, kill(pid, 0) == 0 {
      kill(pid, SIGTERM)
      let deadline = Date() + 3
      while kill(pid, 0) == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
      if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
    }
    _ = try? tmux(["kill-server"])
    try? FileManager.default.removeItem(atPath: pidFile)
  }

  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    // system(3), not Process: it waits for and reaps tmux itself, and the output goes to a
    // file, not a pipe (the tmux server forked by new-session would hold a pipe open forever).
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("ovnip-e2e-\(UUID().uuidString).out")
    defer { try? FileManager.default.removeItem(at: output) }
    let words = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
    let command = words.map(Self.quote).joined(separator: " ") + " >\(output.path) 2>/dev/null </dev/null"
    let status = system(command)
    guard status != -1 else { throw POSIXError(.ECHILD) }
    return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
  }

  static func quote(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  func capture() -> String { (try? tmux(["capture-pane", "-t", session, "-p"])) ?? "" }

  func send(_ keys: String...) throws { try tmux(["send-keys", "-t", session] + keys) }

  /// Types text literally (no key-name lookup).
  func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", text]) }

  /// Waits until the screen satisfies `condition` (10 s at most); returns the last capture.
  @discardableResult
  func waitFor(_ what: String, timeout: TimeInterval = 10, _ condition: (String) -> Bool) -> String {
    let screen = poll(timeout: timeout, condition)
    #expect(condition(screen), "timed out waiting for \(what); screen:\n\(screen)")
    return screen
  }

  /// Polls the screen until `condition` holds or `timeout` passes (no expectation); returns the
  /// last capture.
  func poll(timeout: TimeInterval, _ condition: (String) -> Bool) -> String {
    let deadline = Date() + timeout
    var screen = capture()
    while !condition(screen) && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.1)
      screen = capture()
    }
    return screen
  }

  @discardableResult
  func waitFor(_ text: String, timeout: TimeInterval = 10) -> String {
    waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
  }

  var pid: Int32? {
    (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
  }

  var paneTitle: String { ((try? tmux(["display-message", "-p", "-t", session, "#{pane_title}"])) ?? "").trimmingCharacters(in: .newlines) }
}

/// A setup failure of the end-to-end harness.
struct TmuxError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
