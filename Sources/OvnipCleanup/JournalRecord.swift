import Foundation

/// One line of a deletion journal (JSON lines, one file per action).
///
/// Every line carries `type`, `time`, `actionId`, `context` and `server`. A `delete` line
/// is written and fsynced **before** the DELETE is sent and carries the full object as
/// fetched (`object`, raw JSON), the reasons and the evidence; an `outcome` line follows
/// after the call. Items skipped before any DELETE get an `outcome` line only.
public struct JournalRecord: Codable, Sendable, Hashable {
  /// The line types, in the order they appear.
  public enum Kind: String, Codable, Sendable {
    /// The action header: mode, item count, dry run.
    case start
    /// About to send DELETE for `name`; `object` holds the object as fetched.
    case delete
    /// What happened to `name`.
    case outcome
    /// The result summary line of the action.
    case summary
  }

  public var type: Kind
  /// RFC 3339 UTC with milliseconds.
  public var time: String
  public var actionId: String
  public var context: String
  public var server: String
  public var name: String?
  public var uid: String?
  public var resourceVersion: String?
  public var subnet: String?
  public var addresses: [String]?
  public var reasons: [String]?
  public var evidence: String?
  /// A `DeleteOutcome` raw value (outcome lines).
  public var outcome: String?
  public var detail: String?
  /// start: "dashboard" or "headless"; items in the batch.
  public var mode: String?
  public var items: Int?
  /// summary: the `deleted N, skipped M …` line.
  public var summary: String?
  /// The raw object JSON (delete lines). Not part of the Codable form: the writer splices
  /// the fetched bytes in verbatim, the reader extracts them.
  public var object: Data?

  enum CodingKeys: String, CodingKey {
    case type, time, actionId, context, server, name, uid, resourceVersion, subnet, addresses,
      reasons, evidence, outcome, detail, mode, items, summary
  }

  public init(
    type: Kind, time: String, actionId: String, context: String, server: String,
    name: String? = nil
  ) {
    self.type = type
    self.time = time
    self.actionId = actionId
    self.context = context
    self.server = server
    self.name = name
  }

  /// The line as written: compact JSON, with `"object":` spliced in last, no newline.
  public func encodedLine() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(self)
    guard let object else { return data }
    // `data` ends with "}": insert the raw object before it.
    data.removeLast()
    data.append(contentsOf: Array(",\"object\":".utf8))
    data.append(object)
    data.append(UInt8(ascii: "}"))
    return data
  }

  /// Parses one journal line (object included).
  public static func decode(line: Data) throws -> JournalRecord {
    var record = try JSONDecoder().decode(JournalRecord.self, from: line)
    if let top = try JSONSerialization.jsonObject(with: line) as? [String: Any],
      let object = top["object"], JSONSerialization.isValidJSONObject(object)
    {
      record.object = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
    return record
  }
}
