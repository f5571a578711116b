import Foundation

/// The `/` filter: a case-insensitive substring, or a regular expression when the text contains
/// regex syntax and compiles; a leading `!` inverts it.
public struct FilterQuery: Sendable, Hashable {
  /// As typed, including a leading `!`.
  public var text: String

  public init(_ text: String) { self.text = text }

  public var isEmpty: Bool { pattern.isEmpty }
  public var inverted: Bool { text.hasPrefix("!") }
  /// The text without the inverting `!`.
  public var pattern: String { inverted ? String(text.dropFirst()) : text }

  private static let regexSyntax = Set(".*+?[](){}|^$\\")

  /// True when the pattern is used as a regular expression.
  public var isRegex: Bool { pattern.contains(where: Self.regexSyntax.contains) && compiled != nil }

  private var compiled: NSRegularExpression? {
    try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
  }

  /// A note when the text looks like a regex but does not compile (then it matches as text).
  public var problem: String? {
    guard pattern.contains(where: Self.regexSyntax.contains), compiled == nil else { return nil }
    return "not a valid regex, matching as plain text"
  }

  /// A predicate over candidate strings (any match counts), compiled once.
  public func matcher() -> @Sendable ([String]) -> Bool {
    let invert = inverted
    if pattern.isEmpty { return { _ in true } }
    if pattern.contains(where: Self.regexSyntax.contains), let regex = compiled {
      let re = regex
      return { fields in
        let hit = fields.contains { field in
          re.firstMatch(in: field, range: NSRange(field.startIndex..., in: field)) != nil
        }
        return hit != invert
      }
    }
    let needle = pattern.lowercased()
    return { fields in
      let hit = fields.contains { $0.lowercased().contains(needle) }
      return hit != invert
    }
  }
}
