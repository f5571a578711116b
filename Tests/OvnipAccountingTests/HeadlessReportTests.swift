import Foundation
import Testing

/// Runs the built `ovnip-top --once --from DIR` and checks the examples' known answers and
/// the exit statuses (0 clean, 1 anomalies, 2 could not run).
@Suite(.serialized)
struct HeadlessReportTests {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The binary next to the test bundle, else in `.build/debug`.
  static func binary() throws -> URL {
    let bundleDir = Bundle.main.bundleURL.deletingLastPathComponent()
    let candidates = [
      Bundle.main.bundleURL.appendingPathComponent("ovnip-top"),
      bundleDir.appendingPathComponent("ovnip-top"),
      packageRoot.appendingPathComponent(".build/debug/ovnip-top"),
    ]
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "ovnip-top not built (swift build first)"])
    }
    return found
  }

  struct Run {
    var status: Int32
    var stdout: Data
    var stderr: String
  }

  static func run(_ arguments: [String]) throws -> Run {
    let process = Process()
    process.executableURL = try binary()
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
  }

  /// The report as a JSON tree without `generatedAt` (the only field that changes per run).
  static func normalized(_ data: Data) throws -> NSDictionary {
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    object.removeValue(forKey: "generatedAt")
    return object as NSDictionary
  }

  @Test(arguments: [("nat-gateway-leak", Int32(1)), ("healthy", Int32(0))])
  func exampleMatchesKnownAnswer(_ example: String, _ status: Int32) throws {
    let result = try Self.run(["--once", "--from", "examples/\(example)", "-o", "json"])
    #expect(result.status == status, "stderr: \(result.stderr)")
    let expected = try Data(contentsOf: Self.packageRoot.appendingPathComponent("examples/\(example)/expected.json"))
    let got = try Self.normalized(result.stdout)
    let want = try Self.normalized(expected)
    #expect(got == want, "output differs from examples/\(example)/expected.json:\n\(String(decoding: result.stdout, as: UTF8.self))")
    #expect(result.stdout.count > 0 && result.stderr.isEmpty)
  }

  @Test func tableOutputNamesTheLeaks() throws {
    let result = try Self.run(["--once", "--from", "examples/nat-gateway-leak"])
    #expect(result.status == 1)
    let text = String(decoding: result.stdout, as: UTF8.self)
    #expect(text.contains("LEAKED IP CRs (4)"))
    #expect(text.contains("why: Subnet net4 not found; VpcNatGateway gw4 not found"))
    #expect(text.contains("using-exceeds-capacity"))
  }

  @Test func subnetFilterKeepsOnlyThatSubnet() throws {
    let result = try Self.run(["--once", "--from", "examples/nat-gateway-leak", "-o", "json", "--subnet", "net1"])
    #expect(result.status == 1)  // the gw2 LAN IP CR in net1 is a leak
    let tree = try Self.normalized(result.stdout)
    let subnets = try #require(tree["subnets"] as? [[String: Any]])
    #expect(subnets.map { $0["name"] as? String } == ["net1"])
    let orphans = try #require(tree["orphans"] as? [[String: Any]])
    #expect(orphans.map { $0["name"] as? String } == ["vpc-nat-gw-gw2-0.kube-system"])
    #expect((tree["danglingEIPs"] as? [Any])?.isEmpty == true)
  }

  @Test(arguments: ["examples/does-not-exist", "examples/generate.py", "Sources"])
  func unreadableDirectoryExitsTwoWithOneLine(_ directory: String) throws {
    let result = try Self.run(["--once", "--from", directory])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1 && lines[0].hasPrefix("ovnip-top: cannot read \(directory)"), "\(result.stderr)")
  }
}
