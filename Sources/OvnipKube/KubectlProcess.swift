import Foundation
import Subprocess
import SystemPackage

/// Runs one kubectl binary with fixed global flags: argv only, never a shell; stdout read as
/// raw bytes; a hung call terminated, then killed.
struct KubectlProcess: Sendable {
  /// What one kubectl run left behind.
  struct Outcome: Sendable {
    /// Exit code, or `128 + signal` when kubectl was killed by a signal.
    var status: Int32
    var stdout: [UInt8]
    var stderr: String
  }

  let executable: String
  let globalArguments: [String]
  let environment: [String: String]
  let timeout: Duration

  /// SIGTERM, half a second to exit, then SIGKILL (swift-subprocess always ends with kill).
  static var platformOptions: PlatformOptions {
    var options = PlatformOptions()
    options.teardownSequence = [
      .send(signal: .terminate, allowedDurationToNextStep: .milliseconds(500))
    ]
    return options
  }

  private var subprocessEnvironment: Environment {
    guard !environment.isEmpty else { return .inherit }
    var updates: [Environment.Key: String?] = [:]
    for (key, value) in environment { updates[Environment.Key(stringLiteral: key)] = value }
    return Environment.inherit.updating(updates)
  }

  /// A short description of a call for error messages: `kubectl get --raw /api/v1/pods`.
  static func describe(_ arguments: [String]) -> String {
    Sanitize.line("kubectl " + arguments.joined(separator: " "), limit: 200)
  }

  /// Runs `kubectl <global flags> <arguments>` to completion, with `stdin` bytes if given.
  /// Throws `.timeout` when it outlives `timeout` (it is then terminated and killed) and
  /// `.kubectlMissing` when it cannot be started. A non-zero exit is returned, not thrown.
  func run(_ arguments: [String], stdin: [UInt8]? = nil, timeout: Duration? = nil)
    async throws(KubeError) -> Outcome
  {
    let argv = Arguments(globalArguments + arguments)
    let limit = timeout ?? self.timeout
    let executable = self.executable
    let environment = subprocessEnvironment
    do {
      return try await Self.withTimeout(limit, call: Self.describe(arguments)) {
        let result: ExecutionResult<Void, BytesOutput, StringOutput<UTF8>>
        if let stdin {
          result = try await Subprocess.run(
            .path(FilePath(executable)), arguments: argv, environment: environment,
            platformOptions: Self.platformOptions, input: .array(stdin),
            output: .bytes(limit: .max), error: .string(limit: 1 << 20))
        } else {
          result = try await Subprocess.run(
            .path(FilePath(executable)), arguments: argv, environment: environment,
            platformOptions: Self.platformOptions, input: .none,
            output: .bytes(limit: .max), error: .string(limit: 1 << 20))
        }
        return Outcome(
          status: Self.code(result.terminationStatus), stdout: result.standardOutput,
          stderr: result.standardError)
      }
    } catch let error as KubeError {
      throw error
    } catch {
      throw Self.launchError(error, executable: executable)
    }
  }

  /// Runs a streaming kubectl (a watch) until it exits or the task is cancelled, handing each
  /// `\n`-framed stdout line to `onLine`. Returns the exit status and stderr (stdout empty).
  func stream(
    _ arguments: [String], onLine: @escaping @Sendable ([UInt8]) async -> Void
  ) async throws(KubeError) -> Outcome {
    let argv = Arguments(globalArguments + arguments)
    let executable = self.executable
    do {
      let result = try await Subprocess.run(
        .path(FilePath(executable)), arguments: argv, environment: subprocessEnvironment,
        platformOptions: Self.platformOptions, input: .none, output: .sequence,
        error: .string(limit: 1 << 20)
      ) { execution in
        var framer = LineFramer()
        for try await buffer in execution.standardOutput {
          let lines = try buffer.withUnsafeBytes { raw in try framer.push(raw) }
          for line in lines { await onLine(line) }
        }
        // A tail without its newline is an event cut mid-line; hand it over so the
        // consumer reports it as malformed rather than silently dropping it.
        if let tail = framer.finish() { await onLine(tail) }
      }
      return Outcome(
        status: Self.code(result.terminationStatus), stdout: [], stderr: result.standardError)
    } catch let error as FramingError {
      throw KubeError(.malformed, "watch line of \(error.length) bytes has no end: \(Self.describe(arguments))")
    } catch {
      throw Self.launchError(error, executable: executable)
    }
  }

  static func code(_ status: TerminationStatus) -> Int32 {
    switch status {
    case .exited(let code): return Int32(code)
    case .signaled(let signal): return 128 + Int32(signal)
    }
  }

  static func launchError(_ error: any Error, executable: String) -> KubeError {
    if error is CancellationError {
      return KubeError(.other, "cancelled")
    }
    let text = Sanitize.line("\(error)")
    return KubeError(
      .kubectlMissing,
      "cannot run kubectl at \(Sanitize.line(executable)) (\(text)): \(KubectlOptions.installHint)")
  }

  /// Runs `operation`, cancelling it after `limit`. swift-subprocess reacts to cancellation
  /// with the teardown sequence (terminate, then kill), so a hung kubectl never outlives us.
  static func withTimeout<T: Sendable>(
    _ limit: Duration, call: String, _ operation: @escaping @Sendable () async throws -> T
  ) async throws -> T {
    return try await withThrowingTaskGroup(of: TimedFinish<T>.self) { group in
      group.addTask { .done(try await operation()) }
      group.addTask {
        try await Task.sleep(for: limit)
        return .timedOut
      }
      defer { group.cancelAll() }
      switch try await group.next() {
      case .done(let value): return value
      case .timedOut, nil:
        group.cancelAll()
        // Wait for the teardown to finish so no kubectl is left behind.
        while (try? await group.next()) != nil {}
        throw KubeError(.timeout, "\(call) timed out after \(formatDuration(limit))")
      }
    }
  }
}

/// Which of an operation and its deadline finished first.
enum TimedFinish<T: Sendable>: Sendable {
  case done(T)
  case timedOut
}

/// `1.5s`, `60s`, `500ms`.
func formatDuration(_ duration: Duration) -> String {
  let (seconds, attoseconds) = duration.components
  let millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000
  if millis % 1000 == 0 { return "\(millis / 1000)s" }
  if millis < 1000 { return "\(millis)ms" }
  return String(format: "%.1fs", Double(millis) / 1000)
}
