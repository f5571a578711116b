import ArgumentParser

struct CleanupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cleanup", abstract: "Delete leaked IP CRs listed in a report, re-verifying each.")
  func run() async throws { throw Fatal("cleanup is not built yet") }
}
