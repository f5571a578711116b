import Foundation
import Testing

/// Runs the real binary in tmux over a snapshot directory (`--from DIR`) shaped like
/// `kubectl get --raw` output. Needs tmux and a debug build (`make test` builds it).
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
struct DashboardEndToEndTests {
  @Test func filterHelpEscapeQuitAndTheTerminalIsGivenBack() throws {
    let tmux = try TmuxSession(arguments: ["--from", TmuxSession.fixture])
    tmux.waitFor("Subnets (4)")
    try tmux.send("/")
    try tmux.type("net-4747")
    tmux.waitFor("/net-4747")
    try tmux.send("Enter")
    var screen = tmux.waitFor("Subnets (1 of 4)")
    #expect(screen.contains("filter /net-4747"))
    #expect(screen.contains("Detail: net-4747"))
    #expect(!screen.contains("ovn-default    "))
    try tmux.send("?")
    screen = tmux.waitFor("Keys (? or Esc closes)")
    #expect(screen.contains("Filter by subnet"))
    try tmux.send("Escape")
    screen = tmux.waitFor("help closed") { !$0.contains("Keys (? or Esc closes)") }
    #expect(screen.contains("Subnets (1 of 4)"))
    try tmux.send("q")
    screen = tmux.waitFor("MODES")
    #expect(screen.contains("EXIT=0"))
    #expect(screen.contains("icanon echo"))
    #expect(!screen.contains("Subnets ("))
  }

  @Test func enterInspectsAndEscReturnsWhereYouWere() throws {
    let tmux = try TmuxSession(arguments: ["--from", TmuxSession.fixture, "--subnet", "net-4747"])
    tmux.waitFor("Subnets (1 of 4)")
    try tmux.send("BTab")
    tmux.waitFor("gone-2.shop")
    try tmux.send("Enter")
    var screen = tmux.waitFor("\"podName\" : \"gone-2\"")
    #expect(screen.contains("Evidence: orphan"))
    #expect(screen.contains("Pod shop/gone-2 not found"))
    try tmux.send("Escape")
    screen = tmux.waitFor("inspect closed") { !$0.contains("Evidence: orphan") && $0.contains("Orphans (2 of 4)") }
    try tmux.send("q")
    tmux.waitFor("EXIT=0")
  }

  @Test func sigtermGivesTheTerminalBack() throws {
    let tmux = try TmuxSession(arguments: ["--from", TmuxSession.fixture])
    tmux.waitFor("Subnets (4)")
    let pid = try #require(tmux.pid)
    #expect(kill(pid, SIGTERM) == 0)
    let screen = tmux.waitFor("MODES")
    #expect(screen.contains("EXIT=143"))
    #expect(screen.contains("icanon echo"))
    #expect(!screen.contains("-icanon"))
  }

  @Test func aSubnetNamedWithAnEscapeSequenceIsDrawnHarmlessly() throws {
    let tmux = try TmuxSession(arguments: ["--from", TmuxSession.fixture])
    let screen = tmux.waitFor("Subnets (4)")
    #expect(screen.contains("evil?[31mred?]0;pwned?"))
    #expect(!tmux.paneTitle.contains("pwned"))
    try tmux.send("q")
    tmux.waitFor("EXIT=0")
  }
}
