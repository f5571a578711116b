import ArgumentParser
import Foundation
import OvnipAccounting
import OvnipKube
import OvnipModel

/// `--once`: one report, from files or from the live cluster.
enum OnceMode {
  /// `--once --from DIR`: load the directory, account, print, exit 0 (clean) or 1 (anomalies).
  static func runFromFiles(_ command: OvnipTop, directory: String) async throws {
    let snapshot: ClusterSnapshot
    do {
      snapshot = try FileSnapshot.load(directory: directory)
    } catch {
      throw Fatal(error.description)
    }
    let report = Accountant().report(snapshot, now: Date(), source: "file:\(directory)", subnets: command.subnet)
    try emit(report, format: command.output)
  }

  static func runLive(_ command: OvnipTop) async throws {
    try await OnceLive.run(command)
  }

  /// Prints the report in `format` and ends with exit status 1 when it has anomalies.
  static func emit(_ report: Report, format: OutputFormat) throws {
    let data = format == .json ? report.jsonData() : Data(report.tableText().utf8)
    FileHandle.standardOutput.write(data)
    if report.hasAnomalies { throw ExitCode(1) }
  }
}


/// A one-line error that ends the run with exit status 2.
struct Fatal: Error, CustomStringConvertible {
  var description: String
  init(_ message: String) { description = message }
}
