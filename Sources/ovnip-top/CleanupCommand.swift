import ArgumentParser
import Foundation
import OvnipAccounting
import OvnipCleanup

#if canImport(Glibc)
  import Glibc
#endif

/// `ovnip-top cleanup --from-report report.json [--dry-run] [--yes]`: calicoctl-style.
struct CleanupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cleanup",
    abstract: "Delete leaked IP CRs listed in a report, re-verifying each.",
    discussion: """
      Make the report with `ovnip-top --once -o json > report.json`. cleanup refuses a report \
      from another context or API server, takes a fresh snapshot, and deletes only the report's \
      orphans that are still orphans now with the same uid and resourceVersion: each one is \
      re-read and its owners looked up right before the delete, journaled, then deleted with \
      uid/resourceVersion preconditions. Exit status: 0 done, 1 an item failed (or declined), \
      2 refused or could not run.
      """)

  @OptionGroup var kube: KubeOptions

  @Option(name: .customLong("from-report"), help: "The `--once -o json` report to act on.")
  var fromReport: String
  @Flag(help: "Re-verify and show what would be deleted; delete nothing.")
  var dryRun = false
  @Flag(help: "Do not ask for confirmation (needed when stdin is not a terminal).")
  var yes = false
  @OptionGroup var safety: SafetyOptions

  func run() async throws {
    do {
      try await perform()
    } catch let fatal as Fatal {
      throw CleanupWiring.exit(2, "ovnip-top cleanup: \(fatal.description)")
    }
  }

  private func perform() async throws {
    let graceSeconds: TimeInterval
    do {
      graceSeconds = try GracePeriod.parse(safety.grace)
    } catch {
      throw Fatal(error.description)
    }
    guard let data = FileManager.default.contents(atPath: fromReport) else {
      throw Fatal("cannot read the report \(CleanupText.line(fromReport))")
    }
    if !yes, !dryRun, !safety.readonly, isatty(STDIN_FILENO) == 0 {
      throw Fatal("stdin is not a terminal, so cleanup cannot ask; pass --yes to delete without asking")
    }
    let kube = self.kube
    let client = try await CleanupWiring.client(kube)
    let headless = HeadlessCleanup(
      engine: CleanupEngine(client: client, journalDirectory: CleanupWiring.journalDirectory(safety.journal)),
      freshReport: { try await CleanupWiring.freshReport(kube, client: client) },
      grace: graceSeconds, readOnly: safety.readonly, refreshInterval: max(kube.refresh, 0.5))
    let status = await headless.run(
      report: data, dryRun: dryRun, assumeYes: yes,
      confirm: { question in Self.ask(question) },
      output: { print($0) },
      error: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
    if status != 0 { throw ExitCode(status) }
  }

  /// Asks on the terminal; only `y` or `yes` agrees.
  static func ask(_ question: String) -> Bool {
    FileHandle.standardError.write(Data(question.utf8))
    guard let answer = readLine() else { return false }
    return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
  }
}

/// The flags `cleanup` and `restore` share with the root command (`--readonly`, `--grace`,
/// `--journal`). An option group, because a plain option of the same name on a subcommand
/// is taken by the root command's parser and never reaches the subcommand.
struct SafetyOptions: ParsableArguments {
  @Flag(help: "Disable every mutation (no delete keys; cleanup and restore refuse, except --dry-run).")
  var readonly = false
  @Option(help: "How long an orphan must stay one before it can be deleted (e.g. 2m, 30s, 0); for cleanup --from-report, the report's minimum age.")
  var grace: String = "2m"
  @Option(help: "Journal directory for deletions (default: $XDG_STATE_HOME/ovnip-top/journal).")
  var journal: String?
}
