import Foundation
import OvnipScenario
import Testing

/// JSONValue keeps key order, escapes like Go's encoding/json, and parses what it writes.
@Suite struct JSONValueTests {
  @Test func keepsInsertionOrderAndWritesCompactly() {
    var v: JSONValue = ["kind": "IP", "apiVersion": "kubeovn.io/v1", "spec": ["b": 1, "a": [true, nil, 2.5]]]
    v["metadata"] = ["name": "x"]
    #expect(v.jsonString == #"{"kind":"IP","apiVersion":"kubeovn.io/v1","spec":{"b":1,"a":[true,null,2.5]},"metadata":{"name":"x"}}"#)
    v["spec"] = nil
    #expect(v.jsonString == #"{"kind":"IP","apiVersion":"kubeovn.io/v1","metadata":{"name":"x"}}"#)
  }

  @Test(arguments: [
    ("a\"b\\c", #""a\"b\\c""#),
    ("line\nbreak\ttab\r", #""line\nbreak\ttab\r""#),
    ("\u{1B}[31mred\u{7}", #""\u001b[31mred\u0007""#),
    ("<script>&", #""\u003cscript\u003e\u0026""#),
    ("héllo ✓", "\"héllo ✓\""),
  ])
  func escapesHostileStrings(raw: String, encoded: String) throws {
    let v = JSONValue.string(raw)
    #expect(v.jsonString == encoded)
    #expect(try JSONValue.parse(Array(encoded.utf8)) == v)
  }

  @Test func roundTripsThroughFoundation() throws {
    let v: JSONValue = ["n": 253, "big": 18_446_744_073_709_552_000.0, "s": "x", "l": [1, "2"], "o": [:], "z": nil]
    let data = Data(v.serialized())
    #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
    #expect(try JSONValue.parse(Array(data)) == v)
    #expect(v.jsonString.contains(#""big":18446744073709552000"#))
    let decoded = try JSONDecoder().decode(JSONValue.self, from: data)
    #expect(decoded["n"] == 253)
    #expect(decoded["l"] == [1, "2"])
  }

  @Test(arguments: ["", "{", "{\"a\":}", "[1,]", "{\"a\":1}x", "\"unterminated", "{\"a\" 1}", "nul"])
  func rejectsMalformed(text: String) {
    #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8)) }
  }

  @Test func parsesSurrogatePairsAndPaths() throws {
    let v = try JSONValue.parse(Array(#"{"a":{"b":"\ud83d\ude00"}}"#.utf8))
    #expect(v.value(at: ["a", "b"]) == "😀")
    var w = v
    w.set(["a", "c", "d"], 1)
    #expect(w.value(at: ["a", "c", "d"]) == 1)
  }
}
