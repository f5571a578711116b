import Foundation
import OvnipRender
import Testing

@Suite struct ThemeParserTests {
  @Test(arguments: [
    ("theme[main_fg]=\"#102030\"", "main_fg", RGB(0x10, 0x20, 0x30) as RGB?),
    ("  theme[main_fg] = \"#7f\"  ", "main_fg", RGB(0x7f, 0x7f, 0x7f)),
    ("theme[bar_fill]=\"1 2 3\"", "bar_fill", RGB(1, 2, 3)),
    ("theme[bar_fill]=#abcdef", "bar_fill", RGB(0xab, 0xcd, 0xef)),
    ("theme[main_bg]=\"\"", "main_bg", nil),
    ("# comment\n\ntheme[key_fg]=\"#000000\"\r", "key_fg", RGB(0, 0, 0)),
  ])
  func goodLines(text: String, key: String, color: RGB?) throws {
    let theme = try ThemeParser.parse(text, name: "t", file: "t.theme")
    #expect(theme.colors[key] == .some(color))
    #expect(theme.colors["title_fg"] == BuiltinThemes.dark.colors["title_fg"])  // the rest from default
  }

  @Test(arguments: [
    ("theme[main_fg]=\"#12345\"", 1, "bad colour \"#12345\" (use #RRGGBB, #GG or \"R G B\")"),
    ("# ok\ntheme[nope]=\"#000000\"", 2, "unknown key \"nope\""),
    ("theme[main_fg]\"#000000\"", 1, "expected = after theme[main_fg]"),
    ("main_fg=#000000", 1, "expected theme[key]=\"value\""),
    ("\n\ntheme[main_fg]=\"#000000", 3, "unterminated quote"),
    ("theme[main_fg]=\"300 0 0\"", 1, "bad colour \"300 0 0\" (use #RRGGBB, #GG or \"R G B\")"),
    ("theme[main_fg]=\"#GGHHII\"", 1, "bad colour \"#GGHHII\" (use #RRGGBB, #GG or \"R G B\")"),
  ])
  func badFilesNameFileAndLine(text: String, line: Int, message: String) {
    #expect(throws: ThemeError(file: "/x/bad.theme", line: line, message: message)) {
      try ThemeParser.parse(text, name: "bad", file: "/x/bad.theme")
    }
    let error = ThemeError(file: "/x/bad.theme", line: line, message: message)
    #expect(error.description == "/x/bad.theme:\(line): \(message)")
  }

  @Test func shippedThemeFilesMatchTheBuiltIns() throws {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("themes")
    for source in BuiltinThemes.sources {
      let path = dir.appendingPathComponent(source.name + ".theme").path
      let text = try String(contentsOfFile: path, encoding: .utf8)
      let parsed = try ThemeParser.parse(text, name: source.name, file: path)
      #expect(parsed == BuiltinThemes.named(source.name), "\(source.name)")
      for key in Theme.keys { #expect(text.contains("theme[\(key)]"), "\(source.name) lacks \(key)") }
    }
    #expect(BuiltinThemes.all.map(\.name) == ["default", "light", "monochrome", "high-contrast"])
  }

  @Test func monochromeUsesAttributesNotColours() throws {
    let mono = try #require(BuiltinThemes.named("monochrome"))
    #expect(StyleRole.allCases.allSatisfy { mono.style(for: $0).foreground == nil && mono.style(for: $0).background == nil })
    #expect(mono.style(for: .selection).reverse)
    #expect(mono.style(for: .buttonFocus).reverse)
    #expect(!BuiltinThemes.dark.style(for: .selection).reverse)
  }
}

@Suite struct ColorPaletteTests {
  @Test(arguments: [
    (RGB(0, 0, 0), 16), (RGB(255, 255, 255), 231), (RGB(255, 0, 0), 196), (RGB(0x5F, 0xAF, 0xFF), 75),
    (RGB(0x80, 0x80, 0x80), 244), (RGB(0x26, 0x26, 0x26), 235),
  ])
  func nearest256(rgb: RGB, index: Int) {
    #expect(ColorDepth.palette256.index(rgb) == index)
  }

  @Test func lowerDepthsAndNoColor() {
    #expect(ColorDepth.sixteen.index(RGB(255, 0, 0)) == 9)
    #expect(ColorDepth.eight.index(RGB(250, 10, 10)) == 1)
    #expect(ColorDepth.none.index(RGB(1, 2, 3)) == nil)
    #expect(ColorDepth.detect(colors: 256, hasColors: true, noColor: true) == .none)
    #expect(ColorDepth.detect(colors: 256, hasColors: true, noColor: false) == .palette256)
    #expect(ColorDepth.detect(colors: 16, hasColors: true, noColor: false) == .sixteen)
    #expect(ColorDepth.detect(colors: 8, hasColors: true, noColor: false) == .eight)
    #expect(ColorDepth.detect(colors: 0, hasColors: false, noColor: false) == .none)
  }
}

@Suite struct FormatTests {
  @Test(arguments: [
    (UInt128(253), "253"), (UInt128(99_999), "99999"), (UInt128(1) << 64, "2^64"),
    (UInt128(131_066), "131k"), (UInt128(1_234_567), "1.2M"), (UInt128(1_500_000), "1.5M"), ((UInt128(1) << 64) - 3, "~2^63"),
    (UInt128(1) << 17, "2^17"),
  ] as [(UInt128, String)])
  func counts(value: UInt128, text: String) {
    #expect(Format.count(value) == text)
  }

  @Test func sparklineScalesToTheSeries() {
    #expect(Widgets.sparkline([0, 1, 2, 3, 4, 5, 6, 7], width: 8, glyphs: .unicode) == "▁▂▃▄▅▆▇█")
    #expect(Widgets.sparkline([5, 5], width: 8, glyphs: .unicode) == "▅▅")
    #expect(Widgets.sparkline([0, 0], width: 8, glyphs: .unicode) == "▁▁")
    #expect(Widgets.sparkline(Array(0..<20), width: 4, glyphs: .unicode) == "▁▃▅█")
  }
}
