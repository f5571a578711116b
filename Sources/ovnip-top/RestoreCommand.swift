import ArgumentParser

struct RestoreCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "restore", abstract: "Re-create IP CRs from a deletion journal.")
  func run() async throws { throw Fatal("restore is not built yet") }
}
