import ArgumentParser

@main
struct OvnipTop: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ovnip-top",
    abstract: "Live IP accounting for Kube-OVN: subnet usage, double-counted addresses, leaked IP CRs."
  )
  func run() async throws {}
}
