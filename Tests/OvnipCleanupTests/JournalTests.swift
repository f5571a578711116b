import Foundation
import OvnipCleanup
import Testing

@Suite struct JournalTests {
  func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
  }

  @Test func directoryIsPrivateAndFilesAre0600() throws {
    let dir = Fixture.journalDirectory()
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
    let writer = try JournalWriter(directory: dir, actionID: "20261128T042612Z-abcdef")
    try writer.append(JournalRecord(type: .start, time: "t", actionId: "20261128T042612Z-abcdef", context: "c", server: "s"))
    writer.close()
    #expect(try mode(dir.path) == 0o700)
    #expect(try mode(writer.path) == 0o600)
    #expect(writer.path.hasSuffix("/20261128T042612Z-abcdef.jsonl"))
    // One action, one file: a second writer with the same id does not append to it.
    #expect(throws: JournalError.self) { try JournalWriter(directory: dir, actionID: "20261128T042612Z-abcdef") }
  }

  @Test func defaultDirectoryFollowsXDG() {
    #expect(Journal.defaultDirectory(environment: ["XDG_STATE_HOME": "/var/lib/me", "HOME": "/home/u"]).path == "/var/lib/me/ovnip-top/journal")
    #expect(Journal.defaultDirectory(environment: ["HOME": "/home/u"]).path == "/home/u/.local/state/ovnip-top/journal")
    // A relative XDG_STATE_HOME is invalid per the spec and ignored.
    #expect(Journal.defaultDirectory(environment: ["XDG_STATE_HOME": "rel", "HOME": "/home/u"]).path == "/home/u/.local/state/ovnip-top/journal")
  }

  @Test func objectIsSplicedVerbatimAndReadBack() throws {
    var record = JournalRecord(type: .delete, time: "2026-11-28T04:26:12.000Z", actionId: "a", context: "c", server: "s", name: "n\u{1b}[31m")
    record.object = Data(#"{"metadata":{"name":"n","uid":"u"},"spec":{"v4IpAddress":"10.0.0.1"}}"#.utf8)
    let line = try record.encodedLine()
    let text = String(decoding: line, as: UTF8.self)
    #expect(!text.contains("\n") && !text.contains("\u{1b}"))
    #expect(text.hasSuffix(#","object":{"metadata":{"name":"n","uid":"u"},"spec":{"v4IpAddress":"10.0.0.1"}}}"#))
    let back = try JournalRecord.decode(line: line)
    #expect(back.name == "n\u{1b}[31m")
    let object = try #require(back.object)
    let parsed = try JSONSerialization.jsonObject(with: object) as? [String: Any]
    #expect((parsed?["metadata"] as? [String: Any])?["uid"] as? String == "u")
  }

  @Test func aTornLastLineIsReportedNotFatal() throws {
    let dir = Fixture.journalDirectory()
    let writer = try JournalWriter(directory: dir, actionID: "x")
    try writer.append(JournalRecord(type: .start, time: "t", actionId: "x", context: "c", server: "s"))
    writer.close()
    let handle = try #require(FileHandle(forWritingAtPath: writer.path))
    handle.seekToEndOfFile()
    handle.write(Data(#"{"type":"delete","time":"t","actio"#.utf8))
    try handle.close()
    let (records, problems) = try Journal.read(writer.path)
    #expect(records.count == 1)
    #expect(problems == ["line 2: not a journal record"])
  }

  @Test func notAJournalIsAOneLineError() throws {
    let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("nj-\(UUID()).jsonl")
    try Data("hello\n".utf8).write(to: file)
    #expect(throws: JournalError("\(file.path) is not an ovnip-top journal (no records)")) { try Journal.read(file.path) }
    #expect(throws: JournalError("cannot read journal /nonexistent/j.jsonl")) { try Journal.read("/nonexistent/j.jsonl") }
  }
}
