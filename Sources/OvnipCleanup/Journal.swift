#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Foundation

/// Where journals live and how they are named.
public enum Journal {
  /// `$XDG_STATE_HOME/ovnip-top/journal`, else `~/.local/state/ovnip-top/journal`.
  public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> URL
  {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return URL(fileURLWithPath: state).appendingPathComponent("ovnip-top/journal")
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return URL(fileURLWithPath: home).appendingPathComponent(".local/state/ovnip-top/journal")
  }

  /// A new action id: `20261128T042612Z-3fa9c1` (UTC time plus 24 random bits).
  public static func newActionID(now: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    return formatter.string(from: now) + "-" + String(format: "%06x", UInt32.random(in: 0..<(1 << 24)))
  }

  /// RFC 3339 UTC with milliseconds, as written in every line.
  public static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }

  /// Reads a journal file. Lines that do not parse (e.g. a torn last line) are returned as
  /// problems, one line each, and skipped.
  public static func read(_ path: String) throws(JournalError) -> (
    records: [JournalRecord], problems: [String]
  ) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw JournalError("cannot read journal \(CleanupText.line(path))")
    }
    var records: [JournalRecord] = []
    var problems: [String] = []
    for (index, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
      do {
        records.append(try JournalRecord.decode(line: Data(line)))
      } catch {
        problems.append("line \(index + 1): not a journal record")
      }
    }
    if records.isEmpty {
      throw JournalError("\(CleanupText.line(path)) is not an ovnip-top journal (no records)")
    }
    return (records, problems)
  }
}

/// A journal problem, one line.
public struct JournalError: Error, Sendable, Hashable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// An open journal file: append-only, each line written then fsynced.
///
/// The directory is created 0700 (and tightened to 0700 if it exists), the file 0600
/// with `O_EXCL`, so an existing file is never appended to by another action.
public final class JournalWriter {
  public let path: String
  private var fd: Int32

  /// Creates `directory` if needed and a new file `<actionID>.jsonl` in it.
  public init(directory: URL, actionID: String) throws(JournalError) {
    let dir = directory.path
    do {
      try FileManager.default.createDirectory(
        atPath: dir, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    } catch {
      throw JournalError("cannot create \(CleanupText.line(dir)): \(error.localizedDescription)")
    }
    var info = stat()
    guard lstat(dir, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
      throw JournalError("\(CleanupText.line(dir)) is not a directory")
    }
    if info.st_mode & 0o777 != 0o700, chmod(dir, 0o700) != 0 {
      throw JournalError("cannot make \(CleanupText.line(dir)) private (0700): \(Self.errnoText())")
    }
    path = dir + "/" + actionID + ".jsonl"
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw JournalError("cannot create \(CleanupText.line(path)): \(Self.errnoText())")
    }
    _ = fchmod(fd, 0o600)  // in case the umask was stricter than needed, or looser
    // Make the new directory entry durable too.
    let dirFD = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dirFD >= 0 {
      _ = fsync(dirFD)
      systemClose(dirFD)
    }
  }

  deinit { if fd >= 0 { systemClose(fd) } }

  /// Appends `record` as one line and fsyncs before returning.
  public func append(_ record: JournalRecord) throws(JournalError) {
    let line: Data
    do {
      line = try record.encodedLine() + Data([UInt8(ascii: "\n")])
    } catch {
      throw JournalError("cannot encode a journal line: \(error)")
    }
    let failed: Bool = line.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return true
        }
        offset += n
      }
      return false
    }
    if failed {
      throw JournalError("cannot write \(CleanupText.line(path)): \(Self.errnoText())")
    }
    guard fsync(fd) == 0 else {
      throw JournalError("cannot fsync \(CleanupText.line(path)): \(Self.errnoText())")
    }
  }

  /// Closes the file (also done on deinit).
  public func close() {
    if fd >= 0 {
      systemClose(fd)
      fd = -1
    }
  }

  static func errnoText() -> String { String(cString: strerror(errno)) }
}

private func systemClose(_ fd: Int32) {
  #if canImport(Glibc)
    _ = Glibc.close(fd)
  #else
    _ = Darwin.close(fd)
  #endif
}
