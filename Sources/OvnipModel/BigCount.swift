import Foundation

/// A non-negative integer of any size, as Kube-OVN prints subnet counters.
///
/// Kube-OVN v1.11–v1.15 store the counters as float64 (`253`, `253.0`,
/// `1.8446744073709552e+19`); v1.16 stores a BigInt printed as a bare integer
/// literal of any length. Some tools quote them. `BigCount` keeps the exact
/// integer as normalised decimal digits, so no Double is ever involved.
public struct BigCount: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Decimal digits without leading zeros; `"0"` for zero.
  public let digits: String

  public init(_ value: UInt128) { digits = String(value) }
  public init(_ value: Int) { digits = String(max(0, value)) }

  /// Parses `253`, `253.0`, `1.8446744073709552e+19`, `"+7"`. Fractions are floored.
  /// Returns nil for negatives, empty text, and anything that is not a number.
  public init?(parsing raw: String) {
    var text = raw.trimmingCharacters(in: .whitespaces)
    if text.hasPrefix("+") { text.removeFirst() }
    guard !text.isEmpty, !text.hasPrefix("-") else {
      if text == "-0" || text.hasPrefix("-0.") && text.dropFirst(3).allSatisfy({ $0 == "0" }) {
        digits = "0"
        return
      }
      return nil
    }
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<e]
      guard let exp = Int(text[text.index(after: e)...]), abs(exp) < 400 else { return nil }
      exponent = exp
    }
    var intPart = mantissa
    var fracPart: Substring = ""
    if let dot = mantissa.firstIndex(of: ".") {
      intPart = mantissa[..<dot]
      fracPart = mantissa[mantissa.index(after: dot)...]
    }
    guard !(intPart.isEmpty && fracPart.isEmpty),
      intPart.allSatisfy(\.isASCIIDigitChar), fracPart.allSatisfy(\.isASCIIDigitChar)
    else { return nil }
    var all = String(intPart) + String(fracPart)
    var pointAt = intPart.count + exponent
    if pointAt < 0 { pointAt = 0 }
    if pointAt > all.count { all += String(repeating: "0", count: pointAt - all.count) }
    let whole = all.prefix(pointAt).drop(while: { $0 == "0" })
    digits = whole.isEmpty ? "0" : String(whole)
  }

  /// The value when it fits in 128 bits.
  public var uint128: UInt128? { UInt128(digits) }

  public var isZero: Bool { digits == "0" }
  public var description: String { digits }

  public static func < (lhs: BigCount, rhs: BigCount) -> Bool {
    lhs.digits.count != rhs.digits.count
      ? lhs.digits.count < rhs.digits.count : lhs.digits < rhs.digits
  }
}

extension Character {
  fileprivate var isASCIIDigitChar: Bool { ("0"..."9").contains(self) }
}

extension BigCount: Codable {
  /// Decodes a JSON number of any shape, or a quoted number.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      guard let parsed = BigCount(parsing: text) else {
        throw DecodingError.dataCorruptedError(
          in: container, debugDescription: "not a non-negative number: \(text.prefix(40))")
      }
      self = parsed
      return
    }
    let decimal: Decimal
    do {
      decimal = try container.decode(Decimal.self)
    } catch {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected a number")
    }
    guard let parsed = BigCount(parsing: decimal.description) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "not a non-negative number: \(decimal)")
    }
    self = parsed
  }

  /// Encodes as a decimal string: report consumers get exact values past 64 bits.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(digits)
  }
}
