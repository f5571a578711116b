import Foundation
import Testing

@testable import OvnipAccounting

struct PodAttachmentsTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var networks: String
    var provider: String
    var attached: Bool
    var testDescription: String { "\(networks) ~ \(provider)" }
  }
  static let cases: [Case] = [
    Case(networks: "kube-system/ovn-vpc-external-network", provider: "ovn-vpc-external-network.kube-system", attached: true),
    Case(networks: "kube-system/ext@net1, default/attachnet", provider: "attachnet.default.ovn", attached: true),
    Case(networks: "attachnet", provider: "attachnet.apps", attached: true),  // pod namespace fills in
    Case(networks: "attachnet", provider: "attachnet.default", attached: false),
    Case(networks: "default/attachnet", provider: "attachnet.default.ovn.eth2", attached: true),
    Case(networks: #"[{"name":"ext","namespace":"kube-system","interface":"net1"}]"#, provider: "ext.kube-system", attached: true),
    Case(networks: #"[{"name":"ext","namespace":"kube-system"}]"#, provider: "old-ext.kube-system", attached: false),
    Case(networks: "", provider: "ovn", attached: true),
    Case(networks: "", provider: "ext.kube-system", attached: false),
    Case(networks: "[{broken", provider: "ext.kube-system", attached: true),  // unknown means in use
  ]
  @Test(arguments: cases)
  func isAttached(_ c: Case) {
    let a = PodAttachments(annotations: [PodAttachments.networksKey: c.networks], podNamespace: "apps")
    #expect(a.isAttached(provider: c.provider) == c.attached)
  }
}
