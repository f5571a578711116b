import Foundation
import Testing

@testable import OvnipModel

struct KubeListDecodeTests {
  static let goodIP =
    #"{"apiVersion":"kubeovn.io/v1","kind":"IP","metadata":{"name":"web-0.apps","uid":"a1","resourceVersion":"5","creationTimestamp":"2025-06-20T13:35:03Z","labels":{"ovn.kubernetes.io/subnet":"ovn-default","ovn-default":""}},"spec":{"podName":"web-0","namespace":"apps","subnet":"ovn-default","attachSubnets":[],"nodeName":"worker-1","ipAddress":"10.16.0.5","v4IpAddress":"10.16.0.5","v6IpAddress":"","attachIps":[],"macAddress":"0a:58:0a:10:00:05","attachMacs":[],"containerID":"","podType":"StatefulSet"}}"#
  static let badIP =
    #"{"apiVersion":"kubeovn.io/v1","kind":"IP","metadata":{"name":"broken.apps","uid":"a2","resourceVersion":"6"},"spec":{"podName":"broken","namespace":"apps","subnet":["ovn-default"]}}"#

  static func list(_ items: [String]) -> Data {
    Data(#"{"kind":"IPList","apiVersion":"kubeovn.io/v1","metadata":{"resourceVersion":"9001","continue":"tok"},"items":[\#(items.joined(separator: ","))]}"#.utf8)
  }

  @Test func malformedObjectIsReportedAndSkipped() throws {
    let list = try KubeList<IPCR>.decode(Self.list([Self.goodIP, Self.badIP]), resource: "ips")
    #expect(list.items.map(\.metadata.name) == ["web-0.apps"])
    let issue = try #require(list.issues.first)
    #expect(issue.object == "broken.apps")
    #expect(issue.message.contains("subnet"), "\(issue.message)")
    #expect(list.resourceVersion == "9001")
    #expect(list.continueToken == "tok")
  }

  @Test func objectWithoutNameIsReportedByIndex() throws {
    let list = try KubeList<IPCR>.decode(Self.list([Self.goodIP, #"{"metadata":{},"spec":{}}"#]), resource: "ips")
    #expect(list.issues.map(\.object) == ["#1"])
  }

  @Test func truncatedJSONThrows() {
    let data = Self.list([Self.goodIP])
    #expect(throws: ModelError.self) {
      _ = try KubeList<IPCR>.decode(data.prefix(data.count / 2), resource: "ips")
    }
  }

  @Test func statusInsteadOfListThrows() {
    let status = Data(#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ips.kubeovn.io is forbidden","reason":"Forbidden","code":403}"#.utf8)
    #expect(throws: ModelError.self) { _ = try KubeList<IPCR>.decode(status, resource: "ips") }
  }
}
