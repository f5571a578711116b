import Foundation
import OvnipModel
import Testing

@testable import OvnipKube

/// `--from DIR` loading: one file per resource, exactly as `kubectl get --raw` prints it.
struct FileSnapshotTests {
  static func directory(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ovnip-files-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
    return dir
  }

  static let nodes = #"{"kind":"NodeList","apiVersion":"v1","metadata":{"resourceVersion":"5"},"items":[{"metadata":{"name":"worker-1","uid":"n1","resourceVersion":"4"},"spec":{}}]}"#

  @Test func listsStatusesAndMissingFiles() throws {
    let dir = try Self.directory([
      "nodes.json": Self.nodes,
      "virtualmachines.json": #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}"#,
      "pods.json": #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods is forbidden: User \"viewer\" cannot list resource \"pods\"","reason":"Forbidden","details":{"kind":"pods"},"code":403}"#,
      "ips.json": #"{"kind":"IPList","apiVersion":"kubeovn.io/v1","metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"a"#,
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let snapshot = try FileSnapshot.load(directory: dir.path)
    #expect(snapshot.nodes.value?.map(\.metadata.name) == ["worker-1"])
    #expect(snapshot.virtualMachines == .notServed)
    guard case .unknown(let podsReason) = snapshot.pods else {
      Issue.record("pods should be unknown")
      return
    }
    #expect(podsReason.hasPrefix("Forbidden: pods is forbidden"))
    guard case .unknown(let ipsReason) = snapshot.ips else {
      Issue.record("truncated ips.json should be unknown")
      return
    }
    #expect(ipsReason.contains("malformed list JSON"))
    #expect(snapshot.subnets == .unknown(reason: "not collected (no subnets.json)"))
    #expect(snapshot.errors.map(\.resource).contains("subnets"))
  }

  @Test func missingDirectoryThrowsOneLine() {
    #expect(throws: FileSnapshotError("cannot read /nonexistent/ovnip: no such directory")) {
      _ = try FileSnapshot.load(directory: "/nonexistent/ovnip")
    }
  }

  @Test func directoryWithoutResourceFilesThrows() throws {
    let dir = try Self.directory(["notes.txt": "hello"])
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(throws: FileSnapshotError.self) { _ = try FileSnapshot.load(directory: dir.path) }
  }
}
