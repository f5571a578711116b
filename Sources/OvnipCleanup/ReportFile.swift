import Foundation
import OvnipAccounting
import OvnipKube

/// The parts of a `--once -o json` report (schemaVersion 1) that `cleanup --from-report` reads.
public struct ReportFile: Sendable, Hashable {
  /// One orphan as the report listed it.
  public struct Item: Sendable, Hashable, Decodable {
    public var name: String
    public var uid: String
    public var resourceVersion: String
    public var subnet: String?
    public var reasons: [String]?
    public var evidence: String?
  }

  /// `kubectl:CONTEXT` or `file:DIR`.
  public var source: String
  /// The API server URL, when the report carries one (`server` or `apiServer`).
  public var server: String?
  public var generatedAt: Date?
  public var orphans: [Item]

  private struct Raw: Decodable {
    var schemaVersion: Int?
    var source: String?
    var server: String?
    var apiServer: String?
    var generatedAt: String?
    var orphans: [Item]?
  }

  /// Parses the report; one-line errors for anything unusable.
  public static func parse(_ data: Data) throws(CleanupRefusal) -> ReportFile {
    let raw: Raw
    do {
      raw = try JSONDecoder().decode(Raw.self, from: data)
    } catch {
      throw .invalidRequest("the report is not an ovnip-top JSON report (made with --once -o json)")
    }
    guard raw.schemaVersion == 1 else {
      throw .invalidRequest("unsupported report schemaVersion \(raw.schemaVersion.map(String.init) ?? "(none)"); expected 1")
    }
    guard let source = raw.source, let orphans = raw.orphans else {
      throw .invalidRequest("the report has no source or no orphans list")
    }
    let parsedDate = raw.generatedAt.flatMap { text -> Date? in
      let f = ISO8601DateFormatter()
      if let d = f.date(from: text) { return d }
      f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
      return f.date(from: text)
    }
    return ReportFile(
      source: source, server: raw.server ?? raw.apiServer, generatedAt: parsedDate,
      orphans: orphans)
  }

  /// The context named by `source` (`kubectl:CONTEXT`), nil for a file report.
  public var context: String? {
    source.hasPrefix("kubectl:") ? String(source.dropFirst("kubectl:".count)) : nil
  }

  /// Refuses a report made from files or for another context or API server.
  public func refusal(current: ClusterIdentity) -> CleanupRefusal? {
    guard let context else {
      return .invalidRequest(
        "the report was made from \(CleanupText.line(source)), not from a cluster; make it with ovnip-top --once -o json against the cluster")
    }
    if context != current.context {
      return .invalidRequest(
        "the report is from context \(CleanupText.line(context)); kubectl now uses \(CleanupText.line(current.context))")
    }
    if let server, server != current.server {
      return .invalidRequest(
        "the report is from API server \(CleanupText.line(server)); context \(CleanupText.line(current.context)) now points at \(CleanupText.line(current.server))")
    }
    return nil
  }

  /// Splits the report's orphans against a fresh report: the fresh orphans with the same
  /// name, uid and resourceVersion go on to the per-item protocol; the others are skipped
  /// with why (`changed`, `owner-present`, `owner-unknown`, `already-gone`).
  public func select(fresh: Report) -> (toDelete: [Orphan], skipped: [ItemResult]) {
    let freshOrphans = Dictionary(fresh.orphans.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let exempt = Dictionary(fresh.exempt.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let held = Set(fresh.holdings.values.flatMap { $0 }.filter { $0.holder.kind == .ip }.map(\.holder.name))
    var toDelete: [Orphan] = []
    var skipped: [ItemResult] = []
    var seen = Set<String>()
    for item in orphans where seen.insert(item.name).inserted {
      let subnet = item.subnet ?? ""
      func skip(_ outcome: DeleteOutcome, _ detail: String) {
        skipped.append(ItemResult(name: item.name, subnet: subnet, outcome: outcome, detail: detail))
      }
      if let now = freshOrphans[item.name] {
        if now.uid != item.uid {
          skip(.changed, "uid is \(now.uid) now, report has \(item.uid): recreated under the same name")
        } else if now.resourceVersion != item.resourceVersion {
          skip(.changed, "resourceVersion is \(now.resourceVersion) now, report has \(item.resourceVersion)")
        } else {
          toDelete.append(now)
        }
      } else if let exemption = exempt[item.name] {
        skip(
          exemption.reason == .ownerUnknown ? .ownerUnknown : .ownerPresent,
          "not an orphan now (\(exemption.reason.rawValue)): \(exemption.evidence)")
      } else if held.contains(item.name) {
        skip(.ownerPresent, "not an orphan now: owned")
      } else {
        skip(.alreadyGone, "not in a fresh snapshot")
      }
    }
    return (toDelete, skipped)
  }
}
