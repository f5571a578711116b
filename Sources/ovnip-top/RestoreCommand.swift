import ArgumentParser
import Foundation
import OvnipCleanup

/// `ovnip-top restore JOURNAL [--name NAME]... [--dry-run]`.
struct RestoreCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "restore",
    abstract: "Re-create IP CRs from a deletion journal.",
    discussion: """
      Re-creates the IP CRs a cleanup action deleted, as journaled, without uid, \
      resourceVersion or other server-set fields — only where the subnet exists and no IP CR, \
      IptablesEIP, OvnEip or Vip holds the address now; otherwise the item is refused with the \
      reason. One result line per item. Exit status: 0 all restored, 1 an item was refused or \
      failed, 2 could not run.
      """)

  @OptionGroup var kube: KubeOptions

  @Argument(help: "A journal file (…/ovnip-top/journal/<action-id>.jsonl).")
  var journal: String
  @Option(name: .customLong("name"), help: "Only this IP CR (repeatable).")
  var names: [String] = []
  @Flag(help: "Check every item and say what would be restored; create nothing.")
  var dryRun = false
  @OptionGroup var safety: SafetyOptions

  func run() async throws {
    do {
      try await perform()
    } catch let fatal as Fatal {
      throw CleanupWiring.exit(2, "ovnip-top restore: \(fatal.description)")
    }
  }

  private func perform() async throws {
    if safety.readonly, !dryRun {
      throw Fatal("read-only mode (--readonly): restore is disabled (use --dry-run to check)")
    }
    let client = try await CleanupWiring.client(kube)
    let results: [RestoreResult]
    do {
      results = try await RestoreEngine(client: client).run(journal: journal, names: names, dryRun: dryRun)
    } catch {
      throw Fatal(error.description)
    }
    for result in results { print(result.line) }
    let count = { (o: RestoreResult.Outcome) in results.filter { $0.outcome == o }.count }
    let done = dryRun ? "would restore \(count(.wouldRestore))" : "restored \(count(.restored))"
    print("\(done), refused \(count(.refused)), failed \(count(.failed))")
    if count(.refused) + count(.failed) > 0 { throw ExitCode(1) }
  }
}
