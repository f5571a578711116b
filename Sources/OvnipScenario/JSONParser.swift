import Foundation

/// A small recursive-descent JSON parser that keeps object key order.
struct JSONParser {
  let bytes: [UInt8]
  var index = 0
  var depth = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var atEnd: Bool { index >= bytes.count }

  mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
  }

  func fail(_ message: String) -> JSONParseError { JSONParseError(offset: index, message: message) }

  mutating func parseValue() throws -> JSONValue {
    skipSpace()
    guard index < bytes.count else { throw fail("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    default: return try parseNumber()
    }
  }

  mutating func literal(_ word: String) throws {
    let w = Array(word.utf8)
    guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
      throw fail("expected \(word)")
    }
    index += w.count
  }

  mutating func parseObject() throws -> JSONValue {
    depth += 1
    defer { depth -= 1 }
    guard depth < 512 else { throw fail("nesting too deep") }
    index += 1
    var o = JSONObject()
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(o)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected key") }
      let key = try parseString()
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
      index += 1
      o[key] = try parseValue()
      skipSpace()
      guard index < bytes.count else { throw fail("unexpected end of input") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(o)
      } else {
        throw fail("expected ',' or '}'")
      }
    }
  }

  mutating func parseArray() throws -> JSONValue {
    depth += 1
    defer { depth -= 1 }
    guard depth < 512 else { throw fail("nesting too deep") }
    index += 1
    var a: [JSONValue] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(a)
    }
    while true {
      a.append(try parseValue())
      skipSpace()
      guard index < bytes.count else { throw fail("unexpected end of input") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(a)
      } else {
        throw fail("expected ',' or ']'")
      }
    }
  }

  mutating func parseString() throws -> String {
    index += 1
    var out: [UInt8] = []
    while index < bytes.count {
      let b = bytes[index]
      index += 1
      if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
      if b != UInt8(ascii: "\\") {
        out.append(b)
        continue
      }
      guard index < bytes.count else { break }
      let e = bytes[index]
      index += 1
      switch e {
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "u"):
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code), index + 6 <= bytes.count,
          bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
        {
          index += 2
          let low = try hex4()
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
      default: out.append(e)
      }
    }
    throw fail("unterminated string")
  }

  mutating func hex4() throws -> UInt32 {
    guard index + 4 <= bytes.count,
      let v = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
    else { throw fail("bad \\u escape") }
    index += 4
    return v
  }

  mutating func parseNumber() throws -> JSONValue {
    let start = index
    while index < bytes.count,
      "+-0123456789.eE".utf8.contains(bytes[index])
    {
      index += 1
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if let i = Int(text) { return .int(i) }
    if let d = Double(text) { return .double(d) }
    index = start
    throw fail("unexpected character")
  }
}
