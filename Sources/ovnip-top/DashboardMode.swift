import Foundation
import OvnipAccounting
import OvnipCleanup
import OvnipDashboard
import OvnipKube
import OvnipModel
import OvnipTerminal
import Synchronization

/// The interactive ncurses dashboard.
///
/// Wiring: `run(_:)` builds a `DashboardWiring` for the live cluster with `liveWiring`
/// (poller events and refresh, the accounting engine, the orphan tracker with `--grace`,
/// `KubectlClient.get` for inspect, the cleanup engine with its permission check) and runs
/// `run(wiring:)`. `DemoMode` can build the same wiring over the in-process stand-in by
/// calling `liveWiring` with its client, poller and context.
enum DashboardMode {
  static func run(_ command: OvnipTop) async throws {
    let grace: TimeInterval
    do { grace = try GracePeriod.parse(command.grace) } catch { throw Fatal("--grace: \(error)") }
    let session = try await LiveSession.open(command.kube.kubectlOptions, pageSize: command.kube.pageSize)
    let poller = Poller(client: session.client, context: session.identity.context, options: command.kube.pollerOptions)
    ExitCleanup.shared.onSignal { DemoMode.stopBlocking(poller) }
    await poller.start()
    let wiring = liveWiring(
      command, client: session.client, identity: session.identity, poller: poller, grace: grace)
    try await run(wiring: wiring)
    await poller.stop()
  }

  /// The dashboard over a poller and kubectl client (live cluster or demo stand-in).
  static func liveWiring(
    _ command: OvnipTop, client: KubectlClient, identity: ClusterIdentity, poller: Poller,
    grace: TimeInterval
  ) -> DashboardWiring {
    let lastSnapshot = Mutex<Date>(.distantPast)
    let refresh = max(0.5, command.kube.refresh)
    let engine = CleanupEngine(client: client, journalDirectory: CleanupWiring.journalDirectory(command.journal))
    let resolved = themes(for: command)
    let context = identity.context
    return DashboardWiring(
      events: poller.events,
      account: { snapshot, at in
        lastSnapshot.withLock { $0 = at }
        return Accountant().report(snapshot, now: at, source: "kubectl:\(context)", subnets: [])
      },
      trackOrphans: CleanupWiring.dashboardTracker(grace: grace),
      refreshNow: { Task { await poller.refreshNow() } },
      fetch: { path in try await client.get(path) },
      runCleanup: CleanupWiring.dashboardRunner(engine: engine) {
        CleanupContext(
          identity: identity, snapshotAt: lastSnapshot.withLock { $0 }, refreshInterval: refresh,
          readOnly: command.readonly)
      },
      checkDeletePermission: CleanupWiring.dashboardPermission(client: client, readOnly: command.readonly),
      context: context, readOnly: command.readonly, refreshInterval: refresh,
      initialFilter: command.subnet.first ?? "", themes: resolved.themes, startupMessage: resolved.warning)
  }

  /// `--from DIR` without `--once`: the dashboard over a snapshot directory (as written by
  /// `collect`). `r` re-reads the directory; inspect reads the object from its list file;
  /// nothing can be deleted (there is no cluster behind it).
  static func runFromFiles(_ command: OvnipTop, directory: String) async throws {
    do {
      _ = try FileSnapshot.load(directory: directory)
    } catch {
      throw Fatal(error.description)
    }
    let (events, continuation) = AsyncStream.makeStream(of: PollerEvent.self, bufferingPolicy: .bufferingNewest(4))
    let load: @Sendable () -> Void = {
      do {
        continuation.yield(.snapshot(try FileSnapshot.load(directory: directory), at: Date(), watching: false))
      } catch {
        continuation.yield(.failed(KubeError(.other, "\(error)"), at: Date()))
      }
    }
    load()
    let resolved = themes(for: command)
    let wiring = DashboardWiring(
      events: events,
      account: { snapshot, now in
        Accountant().report(snapshot, now: now, source: "file:\(directory)", subnets: [])
      },
      trackOrphans: FirstSeenTracker().statuses,
      refreshNow: load,
      fetch: { path in try FileObjectReader.object(at: path, in: directory) },
      runCleanup: DashboardWiring.noCleanup,
      checkDeletePermission: { "reading files (--from): there is no cluster to delete from" },
      context: "file:\(directory)", readOnly: command.readonly,
      refreshInterval: .infinity, initialFilter: command.subnet.first ?? "",
      themes: resolved.themes, startupMessage: resolved.warning)
    try await run(wiring: wiring)
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

/// Remembers when each orphan was first seen; every orphan stays a candidate (no deleting
/// from files, so there is nothing to confirm).
final class FirstSeenTracker: Sendable {
  private let firstSeen = Mutex<[String: (Date, Int)]>([:])

  func statuses(_ report: Report, _ now: Date) -> [String: OrphanStatus] {
    firstSeen.withLock { seen in
      var out: [String: OrphanStatus] = [:]
      var next: [String: (Date, Int)] = [:]
      for orphan in report.orphans {
        let (first, count) = seen[orphan.name] ?? (now, 0)
        next[orphan.name] = (first, count + 1)
        out[orphan.name] = OrphanStatus(firstSeen: first, refreshesSeen: count + 1, stage: .candidate)
      }
      seen = next
      return out
    }
  }
}

/// Finds one object in a snapshot directory by its API path (for inspect in `--from` mode).
enum FileObjectReader {
  static func object(at path: String, in directory: String) throws -> [UInt8] {
    guard let kind = ResourceKind.allCases.first(where: { path.hasPrefix($0.apiPrefix + "/") && path.contains("/\($0.plural)/") }),
      let name = path.split(separator: "/").last.map(String.init)
    else { throw KubeError(.notFound, "\(path): not a known object path") }
    let file = URL(fileURLWithPath: directory).appendingPathComponent(kind.fileName)
    guard let data = try? Data(contentsOf: file),
      let list = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let items = list["items"] as? [[String: Any]]
    else { throw KubeError(.notFound, "\(kind.fileName) is missing or not a list") }
    for item in items {
      if let meta = item["metadata"] as? [String: Any], meta["name"] as? String == name {
        return Array(try JSONSerialization.data(withJSONObject: item))
      }
    }
    throw KubeError(.notFound, "\(kind.kind) \(name) not found in \(kind.fileName)")
  }
}
