import ArgumentParser

struct StandInCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "standin", abstract: "Run the loopback API stand-in alone.")
  func run() async throws { throw Fatal("standin is not built yet") }
}
