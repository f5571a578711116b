import Foundation

extension JSONValue {
  /// Compact serialisation (like Go's `encoding/json`): no spaces, keys in order,
  /// `<`, `>`, `&` escaped as `\u003c` etc. the way the API server writes them.
  public func serialized() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    write(into: &out)
    return out
  }

  /// Compact serialisation as a String.
  public var jsonString: String { String(decoding: serialized(), as: UTF8.self) }

  /// Appends the compact serialisation to `out`.
  public func write(into out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .int(let i): out.append(contentsOf: String(i).utf8)
    case .double(let d):
      if d.isFinite, d.rounded() == d, abs(d) < 1e21 {
        if abs(d) < 9e15 {
          out.append(contentsOf: String(Int(d)).utf8)
        } else {
          out.append(contentsOf: Self.goInteger(d).utf8)
        }
      } else if d.isFinite {
        out.append(contentsOf: "\(d)".utf8)
      } else {
        out.append(contentsOf: "null".utf8)
      }
    case .string(let s): Self.writeString(s, into: &out)
    case .array(let a):
      out.append(UInt8(ascii: "["))
      for (i, v) in a.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        v.write(into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let o):
      out.append(UInt8(ascii: "{"))
      var first = true
      for (k, v) in o {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        Self.writeString(k, into: &out)
        out.append(UInt8(ascii: ":"))
        v.write(into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  static let hex = Array("0123456789abcdef".utf8)

  /// An integral double below 1e21 the way Go's encoding/json writes it: the shortest
  /// round-trip digits, padded with zeros (`18446744073709552000`, not …551616).
  static func goInteger(_ d: Double) -> String {
    let text = "\(d)"  // e.g. 1.8446744073709552e+19
    guard let e = text.firstIndex(of: "e"), let exp = Int(text[text.index(after: e)...]) else {
      return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
    var mantissa = String(text[..<e])
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa.removeFirst() }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
    let intDigits = parts[0].count + exp
    let body = digits.count >= intDigits
      ? String(digits.prefix(intDigits)) : digits + String(repeating: "0", count: intDigits - digits.count)
    return (negative ? "-" : "") + body
  }

  static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
      case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
      case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
      case 0..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
        out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
      default: out.append(b)
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// Parses JSON bytes (object key order is kept as in the input).
  public static func parse(_ bytes: some Collection<UInt8>) throws -> JSONValue {
    var p = JSONParser(Array(bytes))
    let v = try p.parseValue()
    p.skipSpace()
    guard p.atEnd else { throw JSONParseError(offset: p.index, message: "trailing characters") }
    return v
  }
}

/// A JSON syntax error at a byte offset.
public struct JSONParseError: Error, CustomStringConvertible, Sendable {
  public var offset: Int
  public var message: String
  public var description: String { "invalid JSON at byte \(offset): \(message)" }
}

extension JSONValue: Codable {
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let i = try? c.decode(Int.self) {
      self = .int(i)
    } else if let d = try? c.decode(Double.self) {
      self = .double(d)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONValue].self) {
      self = .array(a)
    } else {
      // Keyed containers do not keep the document order; sort for determinism.
      let d = try c.decode([String: JSONValue].self)
      self = .object(JSONObject(d.keys.sorted().map { ($0, d[$0]!) }))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .null: try c.encodeNil()
    case .bool(let b): try c.encode(b)
    case .int(let i): try c.encode(i)
    case .double(let d): try c.encode(d)
    case .string(let s): try c.encode(s)
    case .array(let a): try c.encode(a)
    case .object(let o):
      var d: [String: JSONValue] = [:]
      for (k, v) in o { d[k] = v }
      try c.encode(d)
    }
  }
}
