import Foundation

/// A JSON document with object keys kept in insertion order, so that generated
/// objects serialise byte-for-byte reproducibly and look like the API server's output
/// (fields in Go struct order, not alphabetical).
///
/// Build objects with literals: `["kind": "IP", "spec": ["subnet": "net1"]]`.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// The member `key` of an object, `nil` otherwise or when absent.
  public subscript(key: String) -> JSONValue? {
    get {
      if case .object(let o) = self { return o[key] }
      return nil
    }
    set {
      guard case .object(var o) = self else { return }
      self = .null  // drop this reference so `o` is unique and mutates in place
      o[key] = newValue
      self = .object(o)
    }
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }
  public var intValue: Int? {
    switch self {
    case .int(let i): i
    case .double(let d) where d.rounded() == d && abs(d) < 9e15: Int(d)
    default: nil
    }
  }
  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }
  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }
  public var objectValue: JSONObject? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// Value at a path of object keys, e.g. `["metadata", "name"]`.
  public func value(at path: [String]) -> JSONValue? {
    var cur: JSONValue? = self
    for key in path { cur = cur?[key] }
    return cur
  }

  /// Sets the value at a path of object keys, creating intermediate objects as needed.
  /// `nil` removes the last key.
  public mutating func set(_ path: [String], _ newValue: JSONValue?) {
    guard let first = path.first else {
      if let newValue { self = newValue }
      return
    }
    guard case .object(var o) = self else { return }
    self = .null  // drop this reference so `o` is unique and mutates in place
    if path.count == 1 {
      o[first] = newValue
    } else {
      var child = o[first] ?? .object(JSONObject())
      o[first] = .null  // likewise for the child
      if case .object = child {} else { child = .object(JSONObject()) }
      child.set(Array(path.dropFirst()), newValue)
      o[first] = child
    }
    self = .object(o)
  }

  /// `metadata.name`, `""` if absent.
  public var name: String { value(at: ["metadata", "name"])?.stringValue ?? "" }
  /// `metadata.namespace`, `""` if absent.
  public var namespace: String { value(at: ["metadata", "namespace"])?.stringValue ?? "" }
}

/// An ordered JSON object. Keys are unique; assigning an existing key replaces its value
/// in place, assigning `nil` removes it. Stored as one array of pairs (objects are small; a
/// linear lookup beats a hash table's memory at 100k objects).
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
  struct Entry: Sendable, Hashable {
    var key: String
    var value: JSONValue
  }
  private var entries: [Entry] = []

  public init() {}
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    entries.reserveCapacity(elements.count)
    for (k, v) in elements { self[k] = v }
  }
  public init(_ pairs: [(String, JSONValue)]) {
    entries.reserveCapacity(pairs.count)
    for (k, v) in pairs { self[k] = v }
  }

  /// Keys in order.
  public var keys: [String] { entries.map(\.key) }

  public subscript(key: String) -> JSONValue? {
    get { entries.first { $0.key == key }?.value }
    set {
      if let i = entries.firstIndex(where: { $0.key == key }) {
        if let newValue {
          entries[i].value = newValue
        } else {
          entries.remove(at: i)
        }
      } else if let newValue {
        entries.append(Entry(key: key, value: newValue))
      }
    }
  }

  public var count: Int { entries.count }

  public func makeIterator() -> AnyIterator<(key: String, value: JSONValue)> {
    var i = 0
    let entries = self.entries
    return AnyIterator {
      guard i < entries.count else { return nil }
      defer { i += 1 }
      return (entries[i].key, entries[i].value)
    }
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
  ExpressibleByFloatLiteral, ExpressibleByNilLiteral
{
  public init(stringLiteral v: String) { self = .string(v) }
  public init(integerLiteral v: Int) { self = .int(v) }
  public init(booleanLiteral v: Bool) { self = .bool(v) }
  public init(floatLiteral v: Double) { self = .double(v) }
  public init(nilLiteral: ()) { self = .null }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    var o = JSONObject()
    for (k, v) in elements { o[k] = v }
    self = .object(o)
  }
}

extension JSONValue {
  /// An array of strings.
  public static func strings(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }) }
  /// An object of string values, keys sorted (Go marshals maps sorted by key).
  public static func stringMap(_ map: [String: String]) -> JSONValue {
    .object(JSONObject(map.keys.sorted().map { ($0, .string(map[$0]!)) }))
  }
}
