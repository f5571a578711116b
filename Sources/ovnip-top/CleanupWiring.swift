import ArgumentParser
import Foundation
import OvnipAccounting
import OvnipCleanup
import OvnipKube

/// How `cleanup` and `restore` reach the cluster.
///
/// WIRING POINT: the live kubectl client, the collector and discovery come from developer
/// "kube" (`KubectlClient.live`, `LiveSession`, `Collector`); until they are on main these
/// throw a one-line error.
enum CleanupWiring {
  static func client(_ kube: KubeOptions) async throws -> KubectlClient {
    throw Fatal("the live kubectl client is not wired yet (needs the kube module on main)")
  }

  static func freshReport(_ kube: KubeOptions, client: KubectlClient) async throws
    -> HeadlessCleanup.Fresh
  {
    throw Fatal("taking a fresh snapshot is not wired yet (needs the collector on main)")
  }

  /// Prints `message` on stderr and returns the exit status to throw.
  static func exit(_ status: Int32, _ message: String) -> ExitCode {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    return ExitCode(status)
  }

  /// `--journal DIR`, else `$XDG_STATE_HOME/ovnip-top/journal`.
  static func journalDirectory(_ option: String?) -> URL {
    option.map { URL(fileURLWithPath: $0) } ?? Journal.defaultDirectory()
  }
}
