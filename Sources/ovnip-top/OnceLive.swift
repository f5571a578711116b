import Foundation
import OvnipAccounting
import OvnipKube
import OvnipModel

/// `--once` against a live cluster: discovery, one full list through kubectl (holders before
/// owners), the same report and exit status as `--once --from DIR`.
enum OnceLive {
  static func run(_ command: OvnipTop) async throws {
    let session = try await LiveSession.open(command.kube.kubectlOptions, pageSize: command.kube.pageSize)
    let (report, _) = try await session.report(
      pageSize: command.kube.pageSize, subnets: command.subnet)
    try OnceMode.emit(report, format: command.output)
  }
}
