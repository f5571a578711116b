import OvnipTestSupport
import Foundation
import OvnipAccounting
import OvnipDashboard
import OvnipRender
import Testing

@Suite struct HostileStringTests {
  @Test(arguments: [
    ("evil\u{1b}[31mred", "evil?[31mred"), ("bell\u{07}", "bell?"), ("nl\nx\r", "nl?x?"),
    ("c1\u{9b}2J", "c1?2J"), ("rtl\u{202e}txt", "rtl?txt"), ("del\u{7f}", "del?"), ("plain-1", "plain-1"),
  ])
  func sanitizeNeutralisesControls(raw: String, safe: String) {
    #expect(Sanitize.text(raw) == safe)
  }

  @Test func aSubnetNamedWithAnEscapeSequenceIsDrawnHarmlessly() {
    var report = Fixtures.report
    report.subnets[1].name = "net\u{1b}]0;pwned\u{07}\u{1b}[2J"
    var s = AppState(context: "ctx\u{1b}[5m", now: Fixtures.t0)
    _ = reduce(&s, .terminalResized(width: 120, height: 40))
    _ = reduce(&s, .pollSucceeded(report, at: Fixtures.t0, watching: true, statuses: [:]))
    let screen = render(s, width: 120, height: 40)
    for cell in screen.cells {
      #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) })
    }
    #expect(screen.quotedText.contains("net?]0;pwned??[2J"))
    #expect(screen.row(0).contains("ctx?[5m"))
  }

  @Test(arguments: [
    ("abc", 3), ("日本語", 6), ("é", 1), ("e\u{301}", 1), ("🚀", 2), ("❤️", 2), ("a\u{200b}b", 2), ("Ｆ", 2),
  ])
  func displayWidth(text: String, columns: Int) {
    #expect(DisplayWidth.of(text) == columns)
  }

  @Test func wideCharactersTakeTwoCellsAndAreNotSplitAtTheEdge() {
    var screen = Screen(width: 5, height: 1)
    #expect(screen.put("日本語", x: 0, y: 0) == 4)
    #expect(screen.row(0) == "日本 ")
    #expect(screen[1, 0].text == "")
  }

  @Test func fitCutsByDisplayWidth() {
    #expect(Format.fit("日本語テキスト", 7) == "日本語…")
    #expect(Format.fit("ab", 4, right: true) == "  ab")
  }
}
