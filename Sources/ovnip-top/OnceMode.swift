import ArgumentParser
import Foundation

/// `--once`: one report, from files or from the live cluster.
enum OnceMode {
  static func runFromFiles(_ command: OvnipTop, directory: String) async throws {
    throw Fatal("--once --from is not built yet")
  }
  static func runLive(_ command: OvnipTop) async throws {
    throw Fatal("--once on a live cluster is not built yet")
  }
}

/// A one-line error that ends the run with exit status 2.
struct Fatal: Error, CustomStringConvertible {
  var description: String
  init(_ message: String) { description = message }
}
