import Foundation

/// Parses `--grace` durations: `0`, `30s`, `2m`, `1h`, `1m30s`, `1h2m3s`.
///
/// Components are whole numbers followed by `h`, `m` or `s`, each unit at most once and in
/// that order. A bare `0` is allowed; any other bare number is refused (ambiguous unit).
public enum GracePeriod {
  /// The longest accepted grace period (a week); longer values are surely typos.
  public static let maximum: TimeInterval = 7 * 24 * 3600

  /// The duration in seconds, or a one-line error naming the bad input.
  public static func parse(_ text: String) throws(GracePeriodError) -> TimeInterval {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { throw GracePeriodError(input: text, problem: "empty duration") }
    if trimmed == "0" { return 0 }
    let units: [(Character, TimeInterval)] = [("h", 3600), ("m", 60), ("s", 1)]
    var total: TimeInterval = 0
    var digits = ""
    var nextUnit = 0  // index into `units`: units must appear in order, once each
    for character in trimmed {
      if character.isASCII, character.isNumber {
        digits.append(character)
        continue
      }
      guard let position = units.firstIndex(where: { $0.0 == character }) else {
        if character == "-" {
          throw GracePeriodError(input: text, problem: "negative durations are not allowed")
        }
        throw GracePeriodError(
          input: text, problem: "unexpected \(Self.show(character)) (units are h, m, s)")
      }
      guard !digits.isEmpty else {
        throw GracePeriodError(input: text, problem: "\"\(character)\" needs a number before it")
      }
      guard position >= nextUnit else {
        throw GracePeriodError(
          input: text, problem: "units must appear once each, in the order h, m, s")
      }
      guard digits.count <= 9, let value = Int(digits) else {
        throw GracePeriodError(input: text, problem: "number too large")
      }
      total += TimeInterval(value) * units[position].1
      digits = ""
      nextUnit = position + 1
    }
    if !digits.isEmpty {
      throw GracePeriodError(input: text, problem: "\"\(digits)\" has no unit (e.g. \(digits)s)")
    }
    if total > maximum {
      throw GracePeriodError(input: text, problem: "longer than 168h")
    }
    return total
  }

  /// Formats seconds the way `parse` reads them: `0`, `45s`, `2m`, `1m30s`, `1h5m`.
  public static func format(_ seconds: TimeInterval) -> String {
    let whole = Int(max(0, seconds).rounded())
    if whole == 0 { return "0" }
    let (h, m, s) = (whole / 3600, whole % 3600 / 60, whole % 60)
    return (h > 0 ? "\(h)h" : "") + (m > 0 ? "\(m)m" : "") + (s > 0 ? "\(s)s" : "")
  }

  private static func show(_ character: Character) -> String {
    character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7f })
      ? "\"\(character)\""
      : character.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
  }
}

/// A `--grace` value that could not be read.
public struct GracePeriodError: Error, Sendable, Equatable, CustomStringConvertible {
  public var input: String
  public var problem: String
  public init(input: String, problem: String) {
    self.input = input
    self.problem = problem
  }
  /// One line, e.g. `invalid --grace "5x": unexpected "x" (units are h, m, s)`.
  public var description: String {
    let shown = input.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : String($0) }
      .joined()
    return "invalid --grace \"\(shown)\": \(problem); use e.g. 2m, 30s, 1h, 1m30s or 0"
  }
}
