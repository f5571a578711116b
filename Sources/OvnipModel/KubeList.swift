import Foundation

/// One object that could not be decoded: which one and why. It is skipped, not fatal.
public struct DecodeIssue: Sendable, Hashable, Codable {
  public var resource: String
  /// `metadata.name` when it could be read, else `"#<index>"`.
  public var object: String
  public var message: String
  public init(resource: String, object: String, message: String) {
    self.resource = resource
    self.object = object
    self.message = message
  }
}

/// A decoded `kubectl get --raw` List page (or a whole list).
public struct KubeList<Item: Decodable & Sendable>: Sendable {
  public var items: [Item]
  public var resourceVersion: String
  /// The `metadata.continue` token; empty on the last page.
  public var continueToken: String
  public var remainingItemCount: Int?
  public var issues: [DecodeIssue]

  public init(
    items: [Item], resourceVersion: String = "", continueToken: String = "",
    remainingItemCount: Int? = nil, issues: [DecodeIssue] = []
  ) {
    self.items = items
    self.resourceVersion = resourceVersion
    self.continueToken = continueToken
    self.remainingItemCount = remainingItemCount
    self.issues = issues
  }

  /// Decodes a List. A malformed item becomes a `DecodeIssue`; malformed JSON as a whole
  /// (truncated, not a List) throws `ModelError.malformedList`.
  public static func decode(_ data: Data, resource: String) throws(ModelError) -> KubeList<Item> {
    let decoder = JSONDecoder()
    decoder.userInfo[AnnotationFilter.userInfoKey] = AnnotationFilter.podRules
    let raw: RawList
    do {
      raw = try decoder.decode(RawList.self, from: data)
    } catch {
      throw .malformedList(resource: resource, detail: ModelError.describe(error))
    }
    var items: [Item] = []
    items.reserveCapacity(raw.items.count)
    var issues: [DecodeIssue] = []
    for (index, element) in raw.items.enumerated() {
      switch element.result {
      case .success(let item): items.append(item)
      case .failure(let failure):
        issues.append(
          DecodeIssue(resource: resource, object: element.name ?? "#\(index)", message: failure.message))
      }
    }
    return KubeList(
      items: items, resourceVersion: raw.metadata.resourceVersion,
      continueToken: raw.metadata.continueToken, remainingItemCount: raw.metadata.remaining,
      issues: issues)
  }

  struct RawList: Decodable {
    var metadata: ListMeta
    var items: [Tolerant]
    enum CodingKeys: String, CodingKey { case metadata, items, kind }
    init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      let kind = try c.string(.kind)
      if kind == "Status" {
        throw DecodingError.dataCorruptedError(
          forKey: .kind, in: c, debugDescription: "server returned a Status, not a List")
      }
      guard c.contains(.items) else {
        throw DecodingError.keyNotFound(
          CodingKeys.items, .init(codingPath: [], debugDescription: "no items: not a List"))
      }
      metadata = try c.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
      items = try c.decodeIfPresent([Tolerant].self, forKey: .items) ?? []
    }
  }

  struct Tolerant: Decodable {
    var result: Result<Item, Failure>
    var name: String?
    struct Failure: Error { var message: String }
    init(from decoder: any Decoder) throws {
      let single = try decoder.singleValueContainer()
      do {
        result = .success(try single.decode(Item.self))
      } catch {
        result = .failure(Failure(message: ModelError.describe(error)))
        name = (try? single.decode(NameOnly.self))?.metadata.name
      }
    }
  }
}


struct ListMeta: Decodable {
  var resourceVersion = ""
  var continueToken = ""
  var remaining: Int?
  init() {}
  enum CodingKeys: String, CodingKey {
    case resourceVersion
    case continueToken = "continue"
    case remaining = "remainingItemCount"
  }
  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    resourceVersion = try c.string(.resourceVersion)
    continueToken = try c.string(.continueToken)
    remaining = try c.decodeIfPresent(Int.self, forKey: .remaining)
  }
}

struct NameOnly: Decodable {
  struct Meta: Decodable { var name: String? }
  var metadata: Meta
}

/// Decodes one object (e.g. a fresh GET before a delete).
public func decodeObject<T: Decodable>(_ type: T.Type, from data: Data) throws(ModelError) -> T {
  let decoder = JSONDecoder()
  decoder.userInfo[AnnotationFilter.userInfoKey] = AnnotationFilter.podRules
  do {
    return try decoder.decode(T.self, from: data)
  } catch {
    throw .malformedObject(detail: ModelError.describe(error))
  }
}

/// Errors of the model layer, each with a one-line description.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
  case malformedList(resource: String, detail: String)
  case malformedObject(detail: String)

  public var description: String {
    switch self {
    case .malformedList(let resource, let detail): "\(resource): malformed list JSON: \(detail)"
    case .malformedObject(let detail): "malformed object JSON: \(detail)"
    }
  }

  /// A one-line reason from a DecodingError, naming the field path.
  static func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ ctx: DecodingError.Context) -> String {
      let p = ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        .joined(separator: ".")
      return p.isEmpty ? "" : " at \(p)"
    }
    switch error {
    case .typeMismatch(let type, let ctx): return "expected \(type)\(path(ctx))"
    case .valueNotFound(let type, let ctx): return "missing \(type) value\(path(ctx))"
    case .keyNotFound(let key, let ctx): return "missing field \(key.stringValue)\(path(ctx))"
    case .dataCorrupted(let ctx):
      let underlying = (ctx.underlyingError as NSError?)?.localizedDescription
      return "\(ctx.debugDescription)\(path(ctx))" + (underlying.map { " (\($0))" } ?? "")
    @unknown default: return "\(error)"
    }
  }
}
