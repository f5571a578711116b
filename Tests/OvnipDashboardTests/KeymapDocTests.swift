import Foundation
import Testing

@testable import OvnipDashboard

@Suite struct KeymapDocTests {
  static let docPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/keybindings.md")

  @Test func everyCommandHasExactlyOneBindingAndNoKeyIsBoundTwice() {
    for command in KeyCommand.allCases {
      #expect(Keymap.bindings.filter { $0.command == command }.count == 1, "\(command)")
    }
    let keys = Keymap.bindings.flatMap(\.keys)
    #expect(Set(keys).count == keys.count)
  }

  @Test func docsKeybindingsIsGeneratedFromTheKeymap() throws {
    let expected = Keymap.markdown()
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
      try expected.write(to: Self.docPath, atomically: true, encoding: .utf8)
      Issue.record("Recorded docs/keybindings.md; run again without RECORD_SNAPSHOTS")
      return
    }
    let actual = try? String(contentsOf: Self.docPath, encoding: .utf8)
    #expect(actual == expected, "docs/keybindings.md is stale: run RECORD_SNAPSHOTS=1 swift test --filter KeymapDocTests")
  }
}
