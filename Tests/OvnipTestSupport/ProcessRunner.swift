import Foundation

/// The outcome of a finished process.
public struct ProcessResult: Sendable {
  /// Exit status (or the signal number when `timedOut`).
  public var status: Int32
  public var stdout: Data
  public var stderr: Data
  /// True when the process was terminated because it ran past its timeout.
  public var timedOut: Bool

  public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
  public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
  /// stderr lines without blank lines.
  public var stderrLines: [String] { stderrText.split(separator: "\n").map(String.init) }
}

/// A process started in the background whose stdout is captured to a file as it runs
/// (e.g. `kubectl get --raw '...?watch=1'`).
public final class RunningProcess: @unchecked Sendable {
  let process: Process
  let stdoutURL: URL
  let stderrURL: URL

  init(process: Process, stdoutURL: URL, stderrURL: URL) {
    self.process = process
    self.stdoutURL = stdoutURL
    self.stderrURL = stderrURL
  }

  /// Everything written to stdout so far.
  public var stdoutSoFar: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
  /// Everything written to stderr so far.
  public var stderrSoFar: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }
  /// Complete stdout lines so far.
  public var lines: [String] {
    let text = stdoutSoFar
    var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    parts.removeLast()  // the incomplete tail (or "" after a final newline)
    return parts.filter { !$0.isEmpty }
  }
  public var isRunning: Bool { process.isRunning }
  /// The process id.
  public var pid: Int32 { process.processIdentifier }
  /// Sends a signal (e.g. `SIGINT` for ctrl-c).
  public func send(signal: Int32) { kill(process.processIdentifier, signal) }
  public var exitStatus: Int32? { process.isRunning ? nil : process.terminationStatus }

  /// Waits until `condition(lines)` holds or `timeout` passes; returns whether it held.
  @discardableResult
  public func waitFor(timeout: Double = 10, _ condition: ([String]) -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if condition(lines) { return true }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return condition(lines)
  }

  /// Waits for the process to exit on its own (up to `timeout`); nil if it is still running.
  public func waitForExit(timeout: Double = 10) async -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
    return exitStatus
  }

  /// SIGTERM, then SIGKILL after a second.
  public func terminate() async {
    guard process.isRunning else { return }
    process.terminate()
    let deadline = Date().addingTimeInterval(1)
    while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(10)) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }
}

/// Runs executables with argv (never through a shell), stdout/stderr captured through files
/// (no pipe-buffer deadlocks), with a timeout that terminates then kills.
public enum ProcessRunner {
  /// Runs to completion. `stdin` is written to the process' standard input (then closed).
  public static func run(
    _ executable: String, _ arguments: [String], environment: [String: String], stdin: Data? = nil,
    timeout: Double = 30, workDir: URL
  ) async throws -> ProcessResult {
    let p = try launch(executable, arguments, environment: environment, stdin: stdin, workDir: workDir)
    let status = await p.waitForExit(timeout: timeout)
    var timedOut = false
    if status == nil {
      timedOut = true
      await p.terminate()
    }
    let out = (try? Data(contentsOf: p.stdoutURL)) ?? Data()
    let err = (try? Data(contentsOf: p.stderrURL)) ?? Data()
    try? FileManager.default.removeItem(at: p.stdoutURL)
    try? FileManager.default.removeItem(at: p.stderrURL)
    return ProcessResult(status: p.process.terminationStatus, stdout: out, stderr: err, timedOut: timedOut)
  }

  /// Starts a process in the background.
  public static func launch(
    _ executable: String, _ arguments: [String], environment: [String: String], stdin: Data? = nil,
    workDir: URL
  ) throws -> RunningProcess {
    let id = UUID().uuidString
    let outURL = workDir.appendingPathComponent("out-\(id)")
    let errURL = workDir.appendingPathComponent("err-\(id)")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try resolve(executable, environment: environment))
    p.arguments = arguments
    p.environment = environment
    p.currentDirectoryURL = workDir
    p.standardOutput = try FileHandle(forWritingTo: outURL)
    p.standardError = try FileHandle(forWritingTo: errURL)
    let input = Pipe()
    p.standardInput = input
    try p.run()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try? input.fileHandleForWriting.close()
    return RunningProcess(process: p, stdoutURL: outURL, stderrURL: errURL)
  }

  /// An absolute path for `name`, searched on PATH when it has no slash.
  public static func resolve(_ name: String, environment: [String: String]) throws -> String {
    if name.contains("/") { return name }
    for dir in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw HarnessError("\(name) not found on PATH")
  }
}

/// A one-line harness failure.
public struct HarnessError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ d: String) { description = d }
}
