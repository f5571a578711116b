import Foundation

/// `--demo`: stand-in in-process with the churn scenario, the normal pipeline through kubectl.
enum DemoMode {
  static func run(_ command: OvnipTop) async throws { throw Fatal("--demo is not built yet") }
}
