import Foundation
import OvnipModel

@testable import OvnipKube

/// Small objects shaped like `kubectl get --raw` output.
enum Fixtures {
  static func ip(_ name: String, pod: String = "", namespace: String = "default", subnet: String = "ovn-default",
    address: String = "10.16.0.5", rv: String = "100") -> String
  {
    #"{"apiVersion":"kubeovn.io/v1","kind":"IP","metadata":{"name":"\#(name)","labels":{"ovn.kubernetes.io/subnet":"\#(subnet)"},"finalizers":["kubeovn.io/kube-ovn-controller"],"creationTimestamp":"2025-06-20T13:35:03Z","resourceVersion":"\#(rv)","uid":"uid-\#(name)"},"spec":{"podName":"\#(pod)","namespace":"\#(namespace)","subnet":"\#(subnet)","attachSubnets":[],"nodeName":"worker-1","ipAddress":"\#(address)","v4IpAddress":"\#(address)","v6IpAddress":"","attachIps":[],"macAddress":"00:00:00:aa:bb:cc","attachMacs":[],"containerID":"","podType":""}}"#
  }

  static func pod(_ name: String, namespace: String = "default", rv: String = "200", phase: String = "Running")
    -> String
  {
    #"{"metadata":{"name":"\#(name)","namespace":"\#(namespace)","uid":"uid-\#(name)","resourceVersion":"\#(rv)","creationTimestamp":"2025-06-20T13:35:03Z","annotations":{"ovn.kubernetes.io/ip_address":"10.16.0.5","kubectl.kubernetes.io/last-applied-configuration":"{\"huge\":\"}]{[\"}"}},"spec":{"nodeName":"worker-1","containers":[{"name":"c","image":"x"}]},"status":{"phase":"\#(phase)"}}"#
  }

  static func subnet(_ name: String, cidr: String = "10.16.0.0/16", rv: String = "50") -> String {
    #"{"apiVersion":"kubeovn.io/v1","kind":"Subnet","metadata":{"name":"\#(name)","resourceVersion":"\#(rv)","uid":"uid-\#(name)","creationTimestamp":"2025-06-20T13:00:00Z"},"spec":{"cidrBlock":"\#(cidr)","gateway":"10.16.0.1","protocol":"IPv4","provider":"ovn","excludeIps":["10.16.0.1"]},"status":{"v4availableIPs":65530,"v4usingIPs":3}}"#
  }

  /// A List page as the API server returns it through `--raw`.
  static func list(_ kind: String, apiVersion: String = "kubeovn.io/v1", items: [String], rv: String = "1000",
    continueToken: String = "", remaining: Int? = nil) -> [UInt8]
  {
    var meta = #""resourceVersion":"\#(rv)""#
    if !continueToken.isEmpty { meta += #","continue":"\#(continueToken)""# }
    if let remaining { meta += #","remainingItemCount":\#(remaining)"# }
    return Array(
      #"{"kind":"\#(kind)List","apiVersion":"\#(apiVersion)","metadata":{\#(meta)},"items":[\#(items.joined(separator: ","))]}"#
        .utf8)
  }

  static func event(_ type: String, _ object: String) -> [UInt8] {
    Array(#"{"type":"\#(type)","object":\#(object)}"#.utf8)
  }

  static func bookmark(rv: String) -> [UInt8] {
    Array(#"{"type":"BOOKMARK","object":{"kind":"IP","apiVersion":"kubeovn.io/v1","metadata":{"resourceVersion":"\#(rv)","annotations":{"k8s.io/initial-events-end":"true"}}}}"#.utf8)
  }

  static func expiredEvent() -> [UInt8] {
    Array(#"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (5000)","reason":"Expired","code":410}}"#.utf8)
  }

  static func resourceList(_ groupVersion: String, _ names: [String]) -> [UInt8] {
    let resources = names.map { #"{"name":"\#($0)","singularName":"","namespaced":false,"kind":"X","verbs":["get","list","watch"]}"# }
    return Array(#"{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"\#(groupVersion)","resources":[\#(resources.joined(separator: ","))]}"#.utf8)
  }
}
