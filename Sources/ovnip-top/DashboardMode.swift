import Foundation
import OvnipAccounting
import OvnipDashboard
import OvnipKube
import OvnipModel
import OvnipTerminal

/// The interactive ncurses dashboard.
///
/// WIRING POINT (for the lead): `run(_:)` must build a `DashboardWiring` from the command once
/// the live pieces are on main, then call `run(wiring:)`:
/// - `events`: the live poller's `AsyncStream<PollerEvent>`; `refreshNow`: the poller's refresh trigger;
/// - `account`: the accounting engine (`(ClusterSnapshot, Date) -> Report`);
/// - `trackOrphans`: the orphan tracker with `--grace` (candidate → confirmed);
/// - `fetch`: `KubectlClient.get`; `checkDeletePermission`: `canI("delete", "ips.kubeovn.io")`;
/// - `runCleanup`: the cleanup engine's per-item protocol (re-verify, journal, delete with preconditions);
/// - `themes`/`startupMessage`: from `themes(for:)`; `initialFilter`: `command.subnet.first`.
/// `DemoMode` builds the same wiring over the in-process stand-in.
enum DashboardMode {
  static func run(_ command: OvnipTop) async throws {
    throw Fatal("the live dashboard is not wired yet: the poller and accounting engine are not on main (see DashboardMode.swift)")
  }

  /// Runs the dashboard over `wiring`; exits the process with 128+signal when a signal ended it.
  static func run(wiring: DashboardWiring) async throws {
    do {
      if let signal = try await DashboardLoop.run(wiring) { exit(128 + signal) }
    } catch let error as TerminalError {
      throw Fatal(error.description)
    }
  }

  /// The themes for `--theme`, the chosen one first, and a warning when it could not be used.
  static func themes(for command: OvnipTop) -> ThemeLoader.Resolved {
    ThemeLoader.resolve(command.theme)
  }
}
