import Foundation
import OvnipRender
import Testing

/// Compares a rendered screen (quoted text rows, then the style mask) with
/// `Snapshots/<name>.txt` beside this file. Records when the file is missing or
/// `RECORD_SNAPSHOTS` is set, and fails on record so a record run never passes.
func assertSnapshot(
  _ screen: Screen, named name: String, mask: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
) {
  let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  let file = directory.appendingPathComponent(name + ".txt")
  var actual = screen.quotedText + "\n"
  if mask { actual += "--- style mask (see StyleRole.maskLetter)\n" + screen.quotedStyleMask + "\n" }
  let recorded = try? String(contentsOf: file, encoding: .utf8)
  if recorded == nil || ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try? actual.write(to: file, atomically: true, encoding: .utf8)
    Issue.record("Recorded new baseline \(name).txt; run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
    return
  }
  guard let recorded, recorded != actual else { return }
  let expectedLines = recorded.split(separator: "\n", omittingEmptySubsequences: false)
  let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
  var diff: [String] = []
  for i in 0..<max(expectedLines.count, actualLines.count) {
    let e = i < expectedLines.count ? String(expectedLines[i]) : "<none>"
    let a = i < actualLines.count ? String(actualLines[i]) : "<none>"
    if e != a { diff.append("line \(i + 1):\n– \(e)\n+ \(a)") }
  }
  let shown = Array(diff.prefix(12)).joined(separator: "\n")
  Issue.record("Snapshot \(name) differs:\n\(shown)", sourceLocation: sourceLocation)
}
