/// Splits a byte stream into `\n`-terminated lines, over raw buffers (never through `String`).
///
/// kubectl prints one watch event per line and flushes at once; buffers from the pipe cut
/// lines anywhere, so the unfinished tail is kept until its newline arrives.
public struct LineFramer: Sendable {
  private var pending: [UInt8] = []
  /// Largest line accepted; a longer one is an error (a runaway stream, not an event).
  public let maxLine: Int

  public init(maxLine: Int = 256 << 20) { self.maxLine = maxLine }

  /// Bytes of the unfinished last line.
  public var pendingCount: Int { pending.count }

  /// Appends `bytes` and returns every complete line (without its `\n`, and without a
  /// trailing `\r`). Empty lines are dropped.
  public mutating func push(_ bytes: UnsafeRawBufferPointer) throws(FramingError) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var start = 0
    var index = 0
    let count = bytes.count
    while index < count {
      if bytes[index] == 0x0A {
        var line = pending
        line.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        pending.removeAll(keepingCapacity: true)
        if line.last == 0x0D { line.removeLast() }
        if !line.isEmpty { lines.append(line) }
        start = index + 1
      }
      index += 1
    }
    if start < count {
      pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<count]))
      if pending.count > maxLine { throw FramingError(length: pending.count) }
    }
    return lines
  }

  /// Convenience for tests and arrays.
  public mutating func push(_ bytes: [UInt8]) throws(FramingError) -> [[UInt8]] {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(FramingError) -> [[UInt8]] in try push(raw) }
    }
    return try result.get()
  }

  /// The unterminated tail at end of stream (kubectl always ends events with `\n`, so a
  /// non-empty tail means the stream was cut mid-event).
  public mutating func finish() -> [UInt8]? {
    defer { pending.removeAll() }
    return pending.isEmpty ? nil : pending
  }
}

/// A line grew past `LineFramer.maxLine`.
public struct FramingError: Error, Sendable, Equatable {
  public var length: Int
}
