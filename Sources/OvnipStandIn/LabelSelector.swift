import Foundation

/// A parsed `labelSelector` of equality-based terms: `k=v`, `k==v`, `k!=v`, `k`, `!k`.
/// (Set-based terms `in`/`notin` are not supported and are rejected with a 400.)
struct LabelSelector: Sendable {
  enum Term: Sendable {
    case equals(String, String)
    case notEquals(String, String)
    case exists(String)
    case notExists(String)
  }
  var terms: [Term] = []
  var isEmpty: Bool { terms.isEmpty }

  init() {}

  /// Parses the selector; `nil` for syntax this stand-in does not support.
  init?(_ text: String) {
    for raw in text.split(separator: ",") {
      let t = raw.trimmingCharacters(in: .whitespaces)
      if t.contains(" in ") || t.contains(" notin ") || t.contains("(") { return nil }
      if let r = t.range(of: "!=") {
        terms.append(.notEquals(String(t[..<r.lowerBound]), String(t[r.upperBound...])))
      } else if let r = t.range(of: "==") {
        terms.append(.equals(String(t[..<r.lowerBound]), String(t[r.upperBound...])))
      } else if let r = t.range(of: "=") {
        terms.append(.equals(String(t[..<r.lowerBound]), String(t[r.upperBound...])))
      } else if t.hasPrefix("!") {
        terms.append(.notExists(String(t.dropFirst())))
      } else if !t.isEmpty {
        terms.append(.exists(t))
      }
    }
  }

  func matches(_ labels: [String: String]) -> Bool {
    terms.allSatisfy { term in
      switch term {
      case .equals(let k, let v): labels[k] == v
      case .notEquals(let k, let v): labels[k] != v
      case .exists(let k): labels[k] != nil
      case .notExists(let k): labels[k] == nil
      }
    }
  }
}
