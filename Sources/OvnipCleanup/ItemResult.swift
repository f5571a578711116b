import Foundation
import OvnipAccounting

/// The result of the cleanup protocol for one IP CR.
public struct ItemResult: Sendable, Hashable {
  /// The IP CR name.
  public var name: String
  public var subnet: String
  public var addresses: [String]
  public var outcome: DeleteOutcome
  /// One line saying why, e.g. "uid 9c1… differs from the confirmed 5f1… (recreated)".
  public var detail: String

  public init(
    name: String, subnet: String = "", addresses: [String] = [], outcome: DeleteOutcome,
    detail: String
  ) {
    self.name = name
    self.subnet = subnet
    self.addresses = addresses
    self.outcome = outcome
    self.detail = detail
  }

  init(_ orphan: Orphan, _ outcome: DeleteOutcome, _ detail: String) {
    self.init(
      name: orphan.name, subnet: orphan.subnet, addresses: orphan.addresses, outcome: outcome,
      detail: detail)
  }

  /// True for the outcomes that count as failures (exit status non-zero).
  public var isFailure: Bool { outcome == .failed || outcome == .forbidden }

  /// One result line, safe to print: `deleted ip-name: subnet net4, 10.0.4.254`.
  public var line: String {
    "\(outcome.rawValue) \(CleanupText.line(name)): \(CleanupText.line(detail))"
  }
}

/// Strings from the cluster may carry control characters; these helpers make them printable.
public enum CleanupText {
  /// True when `name` can be put in an API path as one segment: a Kubernetes object name
  /// (no `/`, `?`, `#`, `%`, whitespace or control characters, not `.` or `..`).
  public static func isPathSegment(_ name: String) -> Bool {
    !name.isEmpty && name != "." && name != ".." && name.utf8.count <= 253
      && name.unicodeScalars.allSatisfy { s in
        s.value > 0x20 && s.value < 0x7f && !"/?#%\\".unicodeScalars.contains(s)
      }
  }

  /// Replaces control characters (C0, DEL, C1) with `?` and trims to `limit` characters.
  public static func line(_ text: String, limit: Int = 512) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      let v = scalar.value
      out.unicodeScalars.append(v < 0x20 || (0x7f...0x9f).contains(v) ? "?" : scalar)
      if out.unicodeScalars.count >= limit { return out + "…" }
    }
    return out
  }
}
