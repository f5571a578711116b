import Foundation
import OvnipAccounting
import OvnipKube
import OvnipModel

/// `--once` against a live cluster: discovery, one full list through kubectl (holders before
/// owners), the same report and exit status as `--once --from DIR`.
enum OnceLive {
  static func run(_ command: OvnipTop) async throws {
    let session = try await LiveSession.open(command.kube.kubectlOptions, pageSize: command.kube.pageSize)
    let snapshot: ClusterSnapshot
    do {
      snapshot = try await Collector(client: session.client, pageLimit: command.kube.pageSize)
        .snapshot(discovery: session.discovery)
    } catch {
      throw Fatal(error.message)
    }
    let report = Accountant().report(
      snapshot, now: Date(), source: "kubectl:\(session.identity.context)", subnets: command.subnet)
    try OnceMode.emit(report, format: command.output)
  }
}
