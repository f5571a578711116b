import Foundation
import Testing

/// Runs the real binary's `--demo` (the churn stand-in in-process, read through the real
/// kubectl) in tmux, deletes one confirmed orphan through the dialog, and checks the screen and
/// the journal. Needs tmux, kubectl and a debug build (`make test` builds it).
@Suite(
  .serialized,
  .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")),
  .enabled(if: kubectlOnPath()))
struct DemoDeleteEndToEndTests {
  /// One row of the orphans pane as drawn: name (maybe cut with …) and stage.
  struct OrphanRow: Equatable {
    var name: String
    var stage: String
  }

  /// The rows of the orphans pane, read from the plain screen text: the pane's columns start
  /// where its `┌─ Orphans (` title does.
  static func orphanRows(_ screen: String) -> [OrphanRow] {
    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    let title = Array("┌─ Orphans (")
    func column(_ line: [Character]) -> Int? { line.indices.first { line[$0...].starts(with: title) } }
    guard let top = lines.firstIndex(where: { column($0) != nil }), let column = column(lines[top]) else {
      return []
    }
    var rows: [OrphanRow] = []
    for line in lines[(top + 2)...] where line.count > column {
      if line[column] == "└" { break }
      let words = String(line[(column + 1)...]).split(separator: " ").filter { $0 != "│" }
      guard words.count >= 3 else { continue }
      rows.append(OrphanRow(name: String(words[0]), stage: String(words[2])))
    }
    return rows
  }

  /// A confirmed orphan drawn with its full name, not one of the churn gateways' (the scenario
  /// cleans those up by itself after a while).
  static func target(_ screen: String) -> (name: String, index: Int)? {
    let rows = orphanRows(screen)
    guard
      let i = rows.firstIndex(where: {
        $0.stage == "confirmed" && !$0.name.contains("…") && !$0.name.contains("gw-churn")
      })
    else { return nil }
    return (rows[i].name, i)
  }

  static func dialogName(_ screen: String) -> String? {
    guard let r = screen.range(of: #"Delete IP CR (\S+)\?"#, options: .regularExpression) else { return nil }
    return String(screen[r].dropFirst("Delete IP CR ".count).dropLast())
  }

  @Test func deleteAConfirmedOrphanFromTheDemo() throws {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("ovnip-e2e-demo-\(UUID().uuidString)")
    let journal = home.appendingPathComponent("journal")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let tmux = try TmuxSession(
      arguments: ["--demo", "--grace", "0", "--journal", journal.path],
      environment: ["HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path])
    // The first snapshot goes through kubectl discovery, lists and watches: generous timeout.
    tmux.waitFor("a confirmed orphan", timeout: 90) { Self.target($0) != nil }
    try tmux.send("Tab")
    try tmux.send("Tab")
    // Rows move while the churn runs: select by index, and press OK only when the dialog
    // names the row read from the screen.
    var chosen: String?
    for _ in 0..<6 where chosen == nil {
      guard let (name, index) = Self.target(tmux.capture()) else {
        Thread.sleep(forTimeInterval: 1)
        continue
      }
      try tmux.send("g")
      for _ in 0..<index { try tmux.send("j") }
      try tmux.send("C-d")
      let screen = tmux.poll(timeout: 15) { Self.dialogName($0) != nil || $0.contains("once confirmed") }
      guard let asked = Self.dialogName(screen) else { continue }
      if asked == name {
        chosen = name
      } else {
        try tmux.send("Escape")
        tmux.waitFor("dialog closed") { Self.dialogName($0) == nil }
      }
    }
    let name = try #require(chosen, "no dialog for a confirmed orphan; screen:\n\(tmux.capture())")
    var screen = tmux.capture()
    #expect(screen.contains("[ Cancel ]"))
    // Cancel is focused first; Tab moves the focus to the delete button.
    try tmux.send("Tab")
    try tmux.send("Enter")
    screen = tmux.waitFor("the result", timeout: 60) { $0.contains("Clean-up result") && $0.contains("failed ") }
    #expect(screen.contains("deleted 1, skipped 0, failed 0"))
    #expect(screen.contains(journal.path.prefix(40)))
    try tmux.send("Escape")
    screen = tmux.waitFor("\(name) gone from the orphans pane", timeout: 60) {
      !$0.contains("Clean-up result") && !Self.orphanRows($0).isEmpty
        && !Self.orphanRows($0).contains { $0.name == name }
    }
    // The journal has the object (written before the delete) and the outcome.
    let files = try FileManager.default.contentsOfDirectory(atPath: journal.path).filter { $0.hasSuffix(".jsonl") }
    #expect(files.count == 1)
    let lines = try files.flatMap {
      try String(contentsOf: journal.appendingPathComponent($0), encoding: .utf8).split(separator: "\n")
    }
    #expect(lines.contains { $0.contains("\"name\":\"\(name)\"") && $0.contains("\"outcome\":\"deleted\"") })
    #expect(lines.contains { $0.contains("\"name\":\"\(name)\"") && $0.contains("\"resourceVersion\"") })
    try tmux.send("q")
    screen = tmux.waitFor("MODES", timeout: 30)
    #expect(screen.contains("EXIT=0"))
  }

  @Test func orphanRowsAreReadFromTheRightPane() {
    let screen = """
      ┌─ Detail: x ──────┐┌─ Orphans (3) ─────────────────────────────────┐
      │ v4 real 20/20    ││ IP CR               SUBNET       STAGE     AGE │
      │ usage ▅▅         ││ vpc-nat-gw-gw-chur… churn-net-1  confirmed 17s │
      │ Held twice (1)   ││ node-worker-gone    join         candidate 2s  │
      │                  ││ cache-1.default     ovn-default  confirmed 17s │
      └──────────────────┘└───────────────────────────────────────────────┘
      """
    #expect(
      Self.orphanRows(screen) == [
        OrphanRow(name: "vpc-nat-gw-gw-chur…", stage: "confirmed"),
        OrphanRow(name: "node-worker-gone", stage: "candidate"),
        OrphanRow(name: "cache-1.default", stage: "confirmed"),
      ])
    #expect(Self.target(screen)?.name == "cache-1.default")
    #expect(Self.target(screen)?.index == 2)
    #expect(Self.dialogName("│ Delete IP CR cache-2.default?   │") == "cache-2.default")
  }
}

/// Whether `kubectl` is on PATH (the demo reads its stand-in through the real kubectl).
private func kubectlOnPath() -> Bool {
  (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
    FileManager.default.isExecutableFile(atPath: "\($0)/kubectl")
  }
}
