import Testing

@testable import OvnipKube

@Suite struct LineFramerTests {
  func lines(_ chunks: [String], maxLine: Int = 1 << 20) throws -> [String] {
    var framer = LineFramer(maxLine: maxLine)
    var out: [String] = []
    for chunk in chunks { out += try framer.push(Array(chunk.utf8)).map(\.text) }
    if let tail = framer.finish() { out.append("TAIL:" + tail.text) }
    return out
  }

  @Test func splitsLinesCutAnywhereByThePipe() throws {
    #expect(try lines([#"{"type":"ADD"#, #"ED"}"# + "\n" + #"{"type":"DEL"#, "ETED\"}\n"])
      == [#"{"type":"ADDED"}"#, #"{"type":"DELETED"}"#])
  }

  @Test func manyLinesInOneBuffer() throws {
    #expect(try lines(["a\nb\nc\n"]) == ["a", "b", "c"])
  }

  @Test func dropsEmptyLinesAndCarriageReturns() throws {
    #expect(try lines(["a\r\n\n\r\nb\n"]) == ["a", "b"])
  }

  @Test func unterminatedTailIsHandedOverAtEnd() throws {
    #expect(try lines(["a\n", #"{"type":"ADDED","obj"#]) == ["a", #"TAIL:{"type":"ADDED","obj"#])
  }

  @Test func aRunawayLineIsAnError() {
    #expect(throws: FramingError.self) { try lines(["0123456789abcdef"], maxLine: 8) }
  }

  @Test func keepsMultibyteCharactersSplitAcrossBuffers() throws {
    let bytes = Array("ünï\n".utf8)
    var framer = LineFramer()
    var out = try framer.push(Array(bytes[0..<1]))
    out += try framer.push(Array(bytes[1...]))
    #expect(out.map(\.text) == ["ünï"])
  }
}
