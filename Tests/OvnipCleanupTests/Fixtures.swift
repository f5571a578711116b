import Foundation
import OvnipAccounting
import OvnipCleanup
import OvnipKube
import OvnipModel

/// Small objects in the shape `kubectl get --raw` prints them.
enum Fixture {
  static let identity = ClusterIdentity(context: "kind-ovn", server: "https://127.0.0.1:6443")

  static func ipPath(_ name: String) -> String { ResourceKind.ips.objectPath(name: name) }

  /// A Kube-OVN IP CR (v1.13+ shape, finalizer included).
  static func ip(
    _ name: String, uid: String, rv: String = "183511", subnet: String = "net1",
    v4: String = "10.0.1.20", v6: String = "", pod: String = "", namespace: String = "default",
    podType: String = ""
  ) -> String {
    let podName = pod.isEmpty ? String(name.split(separator: ".").first ?? "") : pod
    let ipAddress = [v4, v6].filter { !$0.isEmpty }.joined(separator: ",")
    return """
      {"apiVersion":"kubeovn.io/v1","kind":"IP","metadata":{"name":"\(name)","labels":{"ovn.kubernetes.io/subnet":"\(subnet)","\(subnet)":""},"finalizers":["kubeovn.io/kube-ovn-controller"],"creationTimestamp":"2025-06-20T13:35:03Z","generation":1,"resourceVersion":"\(rv)","uid":"\(uid)","managedFields":[{"manager":"kube-ovn-controller","operation":"Update","apiVersion":"kubeovn.io/v1"}]},"spec":{"podName":"\(podName)","namespace":"\(namespace)","subnet":"\(subnet)","attachSubnets":[],"nodeName":"worker-1","ipAddress":"\(ipAddress)","v4IpAddress":"\(v4)","v6IpAddress":"\(v6)","attachIps":[],"macAddress":"7a:f0:ad:cd:5f:64","attachMacs":[],"containerID":"","podType":"\(podType)"}}
      """
  }

  static func subnet(_ name: String, cidr: String = "10.0.1.0/24") -> String {
    """
    {"apiVersion":"kubeovn.io/v1","kind":"Subnet","metadata":{"name":"\(name)","uid":"sub-\(name)","resourceVersion":"100","creationTimestamp":"2025-06-20T13:30:00Z"},"spec":{"cidrBlock":"\(cidr)","gateway":"10.0.1.1","protocol":"IPv4","provider":"ovn"},"status":{"v4usingIPs":1,"v4availableIPs":252}}
    """
  }

  static func pod(_ name: String, namespace: String = "default") -> String {
    """
    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\(name)","namespace":"\(namespace)","uid":"pod-\(name)","resourceVersion":"5","creationTimestamp":"2026-11-28T04:00:00Z"},"spec":{"nodeName":"worker-1"},"status":{"phase":"Running","podIP":"10.0.1.20"}}
    """
  }

  static func eip(_ name: String, v4: String, subnet: String = "ovn-vpc-external-network") -> String {
    """
    {"apiVersion":"kubeovn.io/v1","kind":"IptablesEIP","metadata":{"name":"\(name)","uid":"eip-\(name)","resourceVersion":"7","creationTimestamp":"2025-06-20T13:40:10Z","labels":{"ovn.kubernetes.io/subnet":"\(subnet)"}},"spec":{"v4ip":"\(v4)","v6ip":"","macAddress":"","natGwDp":"gw1","qosPolicy":"","externalSubnet":"\(subnet)"},"status":{"ready":true,"ip":"\(v4)","nat":"","redo":"","qosPolicy":""}}
    """
  }

  /// A pod-missing orphan as the accounting engine reports it.
  static func orphan(
    _ name: String, uid: String, rv: String = "183511", subnet: String = "net1",
    v4: String = "10.0.1.20", pod: String? = nil, namespace: String = "default"
  ) -> Orphan {
    let podName = pod ?? String(name.split(separator: ".").first ?? "")
    return Orphan(
      name: name, uid: uid, resourceVersion: rv, subnet: subnet, addresses: [v4],
      reasons: [.podMissing], evidence: "Pod \(namespace)/\(podName) not found",
      createdAt: "2025-06-20T13:35:03Z",
      checks: [OwnerCheck(kind: .pod, namespace: namespace, name: podName)])
  }

  /// A context whose snapshot was taken `age` seconds before `now`.
  static func context(now: Date, age: TimeInterval = 1, readOnly: Bool = false) -> CleanupContext {
    CleanupContext(
      identity: identity, snapshotAt: now.addingTimeInterval(-age), refreshInterval: 2,
      readOnly: readOnly, mode: "test")
  }

  /// A fresh private journal directory.
  static func journalDirectory() -> URL {
    URL(fileURLWithPath: NSTemporaryDirectory())
      .appendingPathComponent("ovnip-cleanup-tests-\(UUID().uuidString)/journal")
  }
}

/// Collects values from `@Sendable` callbacks in tests.
final class Recorder<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [T] = []
  func append(_ value: T) { lock.withLock { storage.append(value) } }
  var values: [T] { lock.withLock { storage } }
}
