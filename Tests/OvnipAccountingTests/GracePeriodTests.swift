import Foundation
import OvnipAccounting
import Testing

@Suite struct GracePeriodTests {
  @Test(arguments: [
    ("0", 0.0), ("30s", 30), ("2m", 120), ("1h", 3600), ("1m30s", 90), ("1h2m3s", 3723),
    (" 45s ", 45), ("0s", 0), ("90s", 90), ("168h", 604_800),
  ])
  func parses(text: String, seconds: Double) throws {
    #expect(try GracePeriod.parse(text) == seconds)
  }

  @Test(arguments: [
    ("", "empty duration"),
    ("5", "\"5\" has no unit (e.g. 5s)"),
    ("5x", "unexpected \"x\" (units are h, m, s)"),
    ("-1m", "negative durations are not allowed"),
    ("m", "\"m\" needs a number before it"),
    ("30s1m", "units must appear once each, in the order h, m, s"),
    ("1m1m", "units must appear once each, in the order h, m, s"),
    ("1.5m", "unexpected \".\" (units are h, m, s)"),
    ("169h", "longer than 168h"),
    ("99999999999s", "number too large"),
    ("1m\u{1b}", "unexpected U+001B (units are h, m, s)"),
  ])
  func refuses(text: String, problem: String) {
    #expect(throws: GracePeriodError(input: text, problem: problem)) { try GracePeriod.parse(text) }
  }

  @Test func errorIsOneSafeLine() {
    let error = GracePeriodError(input: "1m\u{1b}[2J", problem: "x")
    #expect(error.description == "invalid --grace \"1m?[2J\": x; use e.g. 2m, 30s, 1h, 1m30s or 0")
  }

  @Test(arguments: [(0.0, "0"), (45, "45s"), (120, "2m"), (90, "1m30s"), (3900, "1h5m"), (-3, "0")])
  func formats(seconds: Double, text: String) throws {
    #expect(GracePeriod.format(seconds) == text)
    if seconds >= 0 { #expect(try GracePeriod.parse(text) == seconds) }
  }
}
