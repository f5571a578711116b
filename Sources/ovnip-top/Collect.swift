import ArgumentParser

struct Collect: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "collect", abstract: "Write a support bundle in the --from DIR format.")
  func run() async throws { throw Fatal("collect is not built yet") }
}
