import Foundation
import OvnipModel
import Testing

@testable import OvnipAccounting

/// Fresh GET bodies as `kubectl get --raw` prints single objects.
enum OwnerBodies {
  static func sts(replicas: Int?, start: Int? = nil) -> Data {
    var spec: [String] = []
    if let replicas { spec.append("\"replicas\":\(replicas)") }
    if let start { spec.append("\"ordinals\":{\"start\":\(start)}") }
    spec.append("\"serviceName\":\"\"")
    return Data(
      """
      {"kind":"StatefulSet","apiVersion":"apps/v1","metadata":{"name":"vpc-nat-gw-gw1","namespace":"kube-system","uid":"u1","resourceVersion":"10","creationTimestamp":"2025-06-20T13:35:00Z"},"spec":{\(spec.joined(separator: ","))},"status":{"replicas":1}}
      """.utf8)
  }

  static func pod(networks: String?, terminating: Bool = false) -> Data {
    var annotations = "\"ovn.kubernetes.io/allocated\":\"true\""
    if let networks {
      let escaped = networks.replacingOccurrences(of: "\"", with: "\\\"")
      annotations += ",\"k8s.v1.cni.cncf.io/networks\":\"\(escaped)\""
    }
    let deletion = terminating ? ",\"deletionTimestamp\":\"2025-06-21T10:00:00Z\"" : ""
    return Data(
      """
      {"kind":"Pod","apiVersion":"v1","metadata":{"name":"vpc-nat-gw-gw1-0","namespace":"kube-system","uid":"p1","resourceVersion":"11","creationTimestamp":"2025-06-20T13:35:03Z"\(deletion),"annotations":{\(annotations)}},"spec":{"nodeName":"worker-1"},"status":{"phase":"Running"}}
      """.utf8)
  }
}

struct OwnerCheckVerifyTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var label: String
    var check: OwnerCheck
    var fetch: OwnerFetch
    var expected: String  // "orphan" | "present" | "unknown"
    var testDescription: String { label }
  }

  static let provider = "ovn-vpc-external-network.kube-system"
  static let podCheck = OwnerCheck(
    kind: .pod, namespace: "kube-system", name: "vpc-nat-gw-gw1-0", expectation: .podWithoutProvider,
    detail: provider)
  static let stsCheck = OwnerCheck(
    kind: .statefulSet, namespace: "kube-system", name: "vpc-nat-gw-gw1",
    expectation: .statefulSetBelowOrdinal, detail: "2")
  static let absentCheck = OwnerCheck(kind: .vpcNatGateway, name: "gw1")

  static let cases: [Case] = [
    Case(label: "absent: 404 still orphan", check: absentCheck, fetch: .notFound, expected: "orphan"),
    Case(label: "absent: found is present", check: absentCheck, fetch: .found(Data("{}".utf8)), expected: "present"),
    Case(label: "absent: failure is unknown", check: absentCheck, fetch: .failed("forbidden"), expected: "unknown"),
    Case(label: "sts: 404 still orphan", check: stsCheck, fetch: .notFound, expected: "orphan"),
    Case(label: "sts: scaled back up covers ordinal", check: stsCheck, fetch: .found(OwnerBodies.sts(replicas: 3)), expected: "present"),
    Case(label: "sts: still scaled down", check: stsCheck, fetch: .found(OwnerBodies.sts(replicas: 2)), expected: "orphan"),
    Case(label: "sts: ordinals.start shifts the range", check: stsCheck, fetch: .found(OwnerBodies.sts(replicas: 1, start: 2)), expected: "present"),
    Case(label: "sts: absent replicas defaults to 1", check: stsCheck, fetch: .found(OwnerBodies.sts(replicas: nil)), expected: "orphan"),
    Case(label: "sts: undecodable body is unknown", check: stsCheck, fetch: .found(Data("{\"spec\":".utf8)), expected: "unknown"),
    Case(label: "sts: failure is unknown", check: stsCheck, fetch: .failed("timeout"), expected: "unknown"),
    Case(label: "pod: provider still detached", check: podCheck, fetch: .found(OwnerBodies.pod(networks: "kube-system/other-net")), expected: "orphan"),
    Case(label: "pod: provider attached again (list)", check: podCheck, fetch: .found(OwnerBodies.pod(networks: "kube-system/ovn-vpc-external-network")), expected: "present"),
    Case(label: "pod: provider attached again (JSON)", check: podCheck, fetch: .found(OwnerBodies.pod(networks: #"[{"name":"ovn-vpc-external-network","namespace":"kube-system","interface":"net1"}]"#)), expected: "present"),
    Case(label: "pod: terminating is unknown", check: podCheck, fetch: .found(OwnerBodies.pod(networks: nil, terminating: true)), expected: "unknown"),
    Case(label: "pod: gone is unknown", check: podCheck, fetch: .notFound, expected: "unknown"),
    Case(label: "pod: unparsable attachments is unknown", check: podCheck, fetch: .found(OwnerBodies.pod(networks: "[{")), expected: "unknown"),
  ]

  @Test(arguments: cases)
  func evaluate(_ c: Case) {
    let verdict = c.check.evaluate(c.fetch)
    let got: String =
      switch verdict {
      case .stillOrphan: "orphan"
      case .ownerPresent: "present"
      case .ownerUnknown: "unknown"
      }
    #expect(got == c.expected, "\(verdict)")
  }

  @Test func combinedPrefersPresentThenUnknown() {
    #expect(OwnerVerdict.combined([.stillOrphan, .stillOrphan]) == .stillOrphan)
    #expect(OwnerVerdict.combined([.stillOrphan, .ownerUnknown(evidence: "u")]) == .ownerUnknown(evidence: "u"))
    #expect(OwnerVerdict.combined([.ownerUnknown(evidence: "u"), .ownerPresent(evidence: "p")]) == .ownerPresent(evidence: "p"))
    #expect(OwnerVerdict.combined([]) != .stillOrphan)
  }

  @Test func pathOfNamespacedAndClusterOwners() {
    #expect(Self.podCheck.path == "/api/v1/namespaces/kube-system/pods/vpc-nat-gw-gw1-0")
    #expect(Self.absentCheck.path == "/apis/kubeovn.io/v1/vpc-nat-gateways/gw1")
  }
}
