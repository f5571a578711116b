import Foundation
import OvnipModel

/// Seeded, reproducible scenarios in Kube-OVN's JSON shapes. Same name + options → same bytes.
public enum ScenarioGenerator {
  /// The named scenarios.
  public static let names = ["leaks", "healthy", "big", "no-kubeovn", "churn"]

  /// Builds a named scenario; throws a one-line error for an unknown name or bad sizes.
  public static func make(_ name: String, options: ScenarioOptions = ScenarioOptions()) throws -> Scenario {
    guard options.ips >= 0, options.pods >= 0 else { throw ScenarioError("--ips and --pods must be ≥ 0") }
    guard options.ips <= 5_000_000, options.pods <= 5_000_000 else {
      throw ScenarioError("--ips and --pods are limited to 5000000")
    }
    switch name {
    case "leaks": return leaks(options)
    case "healthy": return healthy(options)
    case "big": return big(options)
    case "no-kubeovn": return noKubeOVN(options)
    case "churn": return ChurnScenario.make(options)
    default:
      throw ScenarioError(
        "unknown scenario \"\(name)\" (known: \(names.joined(separator: ", ")))")
    }
  }

  static var allServed: Set<ResourceKind> { Set(ResourceKind.allCases) }

  /// Every planted failure mode and every legitimate look-alike, small.
  public static func leaks(_ o: ScenarioOptions) -> Scenario {
    var b = ClusterBuilder(seed: o.seed, now: o.now)
    LeaksLayout.build(&b, overflowExternal: true)
    return b.finish(name: "leaks", seed: o.seed, served: allServed)
  }

  /// A clean cluster: owned addresses and legitimate look-alikes only; no orphans, no overlaps.
  public static func healthy(_ o: ScenarioOptions) -> Scenario {
    var b = ClusterBuilder(seed: o.seed, now: o.now)
    LeaksLayout.base(&b, externalCIDR: "192.168.0.0/24")
    LeaksLayout.lookAlikes(&b)
    return b.finish(name: "healthy", seed: o.seed, served: allServed)
  }

  /// `leaks` plus `pods` running pods with IP CRs (and `ips − pods` leaked ones) in /16 subnets.
  public static func big(_ o: ScenarioOptions) -> Scenario {
    var b = ClusterBuilder(seed: o.seed, now: o.now)
    LeaksLayout.build(&b, overflowExternal: true)
    let owned = min(o.ips, o.pods)
    let perSubnet = 60000
    let subnetCount = (max(o.ips, o.pods) + perSubnet - 1) / perSubnet
    for i in 0..<subnetCount {
      b.subnet("bulk-\(i)", cidr: "10.\(100 + i).0.0/16")
    }
    let nodes = ["worker-1", "worker-2", "worker-3"]
    for i in 0..<max(o.ips, o.pods) {
      let subnet = "bulk-\(i / perSubnet)"
      let ns = "bulk-\(i % 20)"
      let name = "app-\(i)"
      if i < owned {
        b.podWithIP(name, ns: ns, subnet: subnet, node: nodes[i % 3])
      } else if i < o.ips {
        b.bareIP("gone-\(i).\(ns)", podName: "gone-\(i)", ns: ns, subnet: subnet)
        b.expected.orphans["gone-\(i).\(ns)"] = "pod-missing"
      } else {
        b.add(
          .pods,
          b.f.pod(
            name: name, namespace: ns, node: "", subnet: subnet, address: "", mac: "", phase: "Pending"))
      }
    }
    return b.finish(name: "big", seed: o.seed, served: allServed)
  }

  /// Kube-OVN not installed: only core and apps objects; kubeovn.io is not served.
  public static func noKubeOVN(_ o: ScenarioOptions) -> Scenario {
    var b = ClusterBuilder(seed: o.seed, now: o.now)
    LeaksLayout.base(&b, externalCIDR: "192.168.0.0/24")
    var served = allServed.subtracting(Scenario.kubeOVNKinds)
    served.remove(.virtualMachines)
    var s = b.finish(name: "no-kubeovn", seed: o.seed, served: served)
    s.expected = ExpectedFindings()
    return s
  }
}
