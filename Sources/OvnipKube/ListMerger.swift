import Foundation

/// Merges the pages of one paginated List into a single List JSON, byte for byte: each item
/// is copied exactly as the server sent it. Only the top level of each page is scanned, so a
/// 100k-object list is never parsed into a tree.
struct ListMerger: Sendable {
  private var kind: [UInt8]?
  private var apiVersion: [UInt8]?
  private var resourceVersion: String?
  private var items: [UInt8] = []
  private(set) var pages = 0

  struct PageMeta: Decodable {
    var resourceVersion: String?
    var `continue`: String?
  }

  /// Adds one page; returns its continue token and resourceVersion.
  mutating func add(page: [UInt8]) throws(ListMergeError) -> (
    continueToken: String, resourceVersion: String
  ) {
    var scanner = TopLevelScanner(bytes: page)
    let members = try scanner.members()
    guard let itemsRange = members["items"] else {
      if let kindRange = members["kind"], Array(page[kindRange]) == Array(#""Status""#.utf8) {
        throw ListMergeError("server returned a Status, not a List")
      }
      throw ListMergeError("no items: not a List")
    }
    var meta = PageMeta()
    if let metaRange = members["metadata"] {
      meta = (try? JSONDecoder().decode(PageMeta.self, from: Data(page[metaRange]))) ?? meta
    }
    if pages == 0 {
      kind = members["kind"].map { Array(page[$0]) }
      apiVersion = members["apiVersion"].map { Array(page[$0]) }
      resourceVersion = meta.resourceVersion
    }
    // The items array without its brackets and surrounding blanks.
    var lower = itemsRange.lowerBound + 1
    var upper = itemsRange.upperBound - 1
    guard page[itemsRange.lowerBound] == UInt8(ascii: "["), page[upper] == UInt8(ascii: "]") else {
      if Array(page[itemsRange]) == Array("null".utf8) {
        pages += 1
        return (meta.continue ?? "", meta.resourceVersion ?? "")
      }
      throw ListMergeError("items is not an array")
    }
    while lower < upper, TopLevelScanner.isBlank(page[lower]) { lower += 1 }
    while upper > lower, TopLevelScanner.isBlank(page[upper - 1]) { upper -= 1 }
    if lower < upper {
      if !items.isEmpty { items.append(UInt8(ascii: ",")) }
      items.append(contentsOf: page[lower..<upper])
    }
    pages += 1
    return (meta.continue ?? "", meta.resourceVersion ?? "")
  }

  /// `{"kind":…,"apiVersion":…,"metadata":{"resourceVersion":…},"items":[…]}`.
  func merged() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(items.count + 200)
    out += Array(#"{"kind":"#.utf8) + (kind ?? Array(#""List""#.utf8))
    out += Array(#","apiVersion":"#.utf8) + (apiVersion ?? Array(#""v1""#.utf8))
    let rv = (try? JSONEncoder().encode(resourceVersion ?? "")).map(Array.init) ?? Array(#""""#.utf8)
    out += Array(#","metadata":{"resourceVersion":"#.utf8) + rv + Array("},".utf8)
    out += Array(#""items":["#.utf8) + items + Array("]}\n".utf8)
    return out
  }
}

/// A page that is not a well-formed List.
struct ListMergeError: Error, Sendable, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = "malformed list JSON: \(description)" }
}

/// Finds the members of a JSON object's top level and the byte range of each value, skipping
/// nested values without parsing them (strings with escapes are honoured).
struct TopLevelScanner {
  let bytes: [UInt8]
  var index = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  mutating func members() throws(ListMergeError) -> [String: Range<Int>] {
    skipBlanks()
    try expect(UInt8(ascii: "{"))
    var found: [String: Range<Int>] = [:]
    skipBlanks()
    if peek() == UInt8(ascii: "}") { return found }
    while true {
      skipBlanks()
      let keyRange = try skipString()
      let key = String(decoding: bytes[(keyRange.lowerBound + 1)..<(keyRange.upperBound - 1)], as: UTF8.self)
      skipBlanks()
      try expect(UInt8(ascii: ":"))
      skipBlanks()
      let start = index
      try skipValue()
      found[key] = start..<index
      skipBlanks()
      guard let next = peek() else { throw ListMergeError("truncated (ends inside the top-level object)") }
      index += 1
      if next == UInt8(ascii: "}") { return found }
      guard next == UInt8(ascii: ",") else { throw ListMergeError("unexpected byte at offset \(index - 1)") }
    }
  }

  func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

  mutating func skipBlanks() {
    while index < bytes.count, Self.isBlank(bytes[index]) { index += 1 }
  }

  mutating func expect(_ byte: UInt8) throws(ListMergeError) {
    guard let b = peek() else { throw ListMergeError("truncated at offset \(index)") }
    guard b == byte else { throw ListMergeError("unexpected byte at offset \(index)") }
    index += 1
  }

  /// Skips a string starting at `index`; returns its range including quotes.
  mutating func skipString() throws(ListMergeError) -> Range<Int> {
    let start = index
    try expect(UInt8(ascii: "\""))
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: "\\") {
        index += 2
        continue
      }
      index += 1
      if b == UInt8(ascii: "\"") { return start..<index }
    }
    throw ListMergeError("truncated (ends inside a string)")
  }

  /// Skips one value of any type.
  mutating func skipValue() throws(ListMergeError) {
    guard let first = peek() else { throw ListMergeError("truncated at offset \(index)") }
    switch first {
    case UInt8(ascii: "\""):
      _ = try skipString()
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      var depth = 0
      while index < bytes.count {
        let b = bytes[index]
        if b == UInt8(ascii: "\"") {
          _ = try skipString()
          continue
        }
        index += 1
        if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
          depth += 1
        } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
          depth -= 1
          if depth == 0 { return }
        }
      }
      throw ListMergeError("truncated (ends inside an object or array)")
    default:
      let start = index
      while index < bytes.count {
        let b = bytes[index]
        if b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || Self.isBlank(b) {
          break
        }
        index += 1
      }
      if index == start { throw ListMergeError("unexpected byte at offset \(index)") }
    }
  }
}
