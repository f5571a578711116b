import ArgumentParser
import Foundation

/// Report output format.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json
}

/// How to reach the cluster through kubectl (shared by every live mode).
struct KubeOptions: ParsableArguments {
  @Option(help: "Path of the kubectl binary (default: kubectl on PATH).")
  var kubectl: String?
  @Option(help: "kubeconfig context to use (default: the current context).")
  var context: String?
  @Option(help: "kubeconfig file (KUBECONFIG is honoured by kubectl itself).")
  var kubeconfig: String?
  @Option(help: "kubectl discovery/http cache directory (default: a private dir under the user cache).")
  var cacheDir: String?
  @Option(help: "Seconds between refreshes (floor 0.5).")
  var refresh: Double = 2
  @Option(help: "Objects per list page (kubectl get --raw '...?limit=N').")
  var pageSize: Int = 5000
}

@main
struct OvnipTop: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ovnip-top",
    abstract: "Live IP accounting for Kube-OVN: subnet usage, double-counted addresses, leaked IP CRs.",
    subcommands: [Collect.self, StandInCommand.self, CleanupCommand.self, RestoreCommand.self]
  )

  @OptionGroup var kube: KubeOptions

  @Flag(help: "Print one report and exit (0 clean, 1 anomalies, 2 could not run).")
  var once = false
  @Option(help: "Read a snapshot directory (one <plural>.json per resource) instead of a cluster.")
  var from: String?
  @Option(name: .shortAndLong, help: "Report format for --once: table or json.")
  var output: OutputFormat = .table
  @Option(help: "Only this subnet (repeatable); in the dashboard, the starting filter.")
  var subnet: [String] = []

  @Flag(help: "Run against a built-in stand-in cluster with live NAT-gateway churn.")
  var demo = false
  @Option(help: "Theme name or path (default, light, monochrome, high-contrast).")
  var theme: String?
  /// `--readonly`, `--grace`, `--journal`: a group shared with `cleanup` and `restore`
  /// (a same-named plain option on a subcommand would never receive its value).
  @OptionGroup var safety: SafetyOptions
  /// Disable every mutation (no delete keys).
  var readonly: Bool { safety.readonly }
  /// How long an orphan must stay one before it can be deleted (e.g. 2m, 30s, 0).
  var grace: String { safety.grace }
  /// Journal directory for deletions (default: $XDG_STATE_HOME/ovnip-top/journal).
  var journal: String? { safety.journal }

  func run() async throws {
    do {
      try await dispatch()
    } catch let error as ExitCode {
      throw error
    } catch let error as ValidationError {
      throw error
    } catch let error as CleanExit {
      throw error
    } catch {
      // Every other failure: one line on stderr, exit status 2 ("could not run").
      let text = "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
      FileHandle.standardError.write(Data("ovnip-top: \(text)\n".utf8))
      throw ExitCode(2)
    }
  }

  private func dispatch() async throws {
    if demo {
      try await DemoMode.run(self)
    } else if once, let from {
      try await OnceMode.runFromFiles(self, directory: from)
    } else if once {
      try await OnceMode.runLive(self)
    } else if let from {
      try await DashboardMode.runFromFiles(self, directory: from)
    } else {
      try await DashboardMode.run(self)
    }
  }
}
