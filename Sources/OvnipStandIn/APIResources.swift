import Foundation
import OvnipModel
import OvnipScenario

/// Discovery facts per resource (kube-ovn-domain.md §2.2; Kubernetes built-ins).
enum APIResources {
  static let verbs: [String] = [
    "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch",
  ]

  static func singular(_ k: ResourceKind) -> String {
    switch k {
    case .subnets: "subnet"
    case .ips: "ip"
    case .iptablesEIPs: "iptables-eip"
    case .iptablesFIPRules: "iptables-fip-rule"
    case .iptablesSnatRules: "iptables-snat-rule"
    case .iptablesDnatRules: "iptables-dnat-rule"
    case .ovnEips: "ovn-eip"
    case .vips: "vip"
    case .vpcNatGateways: "vpc-nat-gateway"
    case .pods: "pod"
    case .nodes: "node"
    case .configMaps: "configmap"
    case .statefulSets: "statefulset"
    case .virtualMachines: "virtualmachine"
    }
  }

  static func shortNames(_ k: ResourceKind) -> [String] {
    switch k {
    case .subnets: ["subnet"]
    case .ips: ["ip"]
    case .iptablesEIPs: ["eip"]
    case .iptablesFIPRules: ["fip"]
    case .iptablesSnatRules: ["snat"]
    case .iptablesDnatRules: ["dnat"]
    case .ovnEips: ["oeip"]
    case .vips: ["vip"]
    case .vpcNatGateways: ["vpc-nat-gw"]
    case .pods: ["po"]
    case .nodes: ["no"]
    case .configMaps: ["cm"]
    case .statefulSets: ["sts"]
    case .virtualMachines: ["vm", "vms"]
    }
  }

  /// Group names in the order `/apis` lists them.
  static func groups(served: Set<ResourceKind>) -> [String] {
    var seen: [String] = []
    for k in ResourceKind.allCases where served.contains(k) && !k.group.isEmpty {
      if !seen.contains(k.group) { seen.append(k.group) }
    }
    return ["apps", "authorization.k8s.io"] + seen.filter { $0 != "apps" }.sorted()
  }

  static func kinds(group: String, served: Set<ResourceKind>) -> [ResourceKind] {
    ResourceKind.allCases.filter { served.contains($0) && $0.group == group }
  }

  /// Legacy `APIResourceList` for one group/version.
  static func resourceList(group: String, served: Set<ResourceKind>) -> JSONValue {
    var resources: [JSONValue] = []
    if group == "authorization.k8s.io" {
      resources.append([
        "name": "selfsubjectaccessreviews", "singularName": "selfsubjectaccessreview", "namespaced": false,
        "kind": "SelfSubjectAccessReview", "verbs": ["create"],
      ])
    }
    for k in kinds(group: group, served: served) {
      resources.append([
        "name": .string(k.plural), "singularName": .string(singular(k)), "namespaced": .bool(k.namespaced),
        "kind": .string(k.kind), "verbs": .strings(verbs), "shortNames": .strings(shortNames(k)),
      ])
    }
    return [
      "kind": "APIResourceList", "apiVersion": "v1",
      "groupVersion": .string(group.isEmpty ? "v1" : "\(group)/v1"), "resources": .array(resources),
    ]
  }

  /// Legacy `APIGroupList` (`/apis`).
  static func groupList(served: Set<ResourceKind>) -> JSONValue {
    let groups: [JSONValue] = groups(served: served).map { g in
      let gv: JSONValue = ["groupVersion": .string("\(g)/v1"), "version": "v1"]
      return ["name": .string(g), "versions": [gv], "preferredVersion": gv]
    }
    return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
  }

  /// Aggregated discovery (`apidiscovery.k8s.io/v2` `APIGroupDiscoveryList`) for `/api` or `/apis`.
  static func aggregated(core: Bool, served: Set<ResourceKind>) -> JSONValue {
    let groups = core ? [""] : groups(served: served)
    let items: [JSONValue] = groups.map { g in
      var resources: [JSONValue] = []
      if g == "authorization.k8s.io" {
        resources.append([
          "resource": "selfsubjectaccessreviews",
          "responseKind": ["group": "authorization.k8s.io", "version": "v1", "kind": "SelfSubjectAccessReview"],
          "scope": "Cluster", "singularResource": "selfsubjectaccessreview", "verbs": ["create"],
        ])
      }
      for k in kinds(group: g, served: served) {
        resources.append([
          "resource": .string(k.plural),
          "responseKind": ["group": .string(g), "version": "v1", "kind": .string(k.kind)],
          "scope": .string(k.namespaced ? "Namespaced" : "Cluster"),
          "singularResource": .string(singular(k)), "verbs": .strings(verbs),
          "shortNames": .strings(shortNames(k)),
        ])
      }
      let meta: JSONValue = g.isEmpty ? ["creationTimestamp": nil] : ["name": .string(g), "creationTimestamp": nil]
      return [
        "metadata": meta,
        "versions": [["version": "v1", "resources": .array(resources), "freshness": "Current"]],
      ]
    }
    return [
      "kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": [:],
      "items": .array(items),
    ]
  }

  /// `<plural>.<group>` or `<plural>` for core, as API error messages name resources.
  static func qualified(_ k: ResourceKind) -> String { k.group.isEmpty ? k.plural : "\(k.plural).\(k.group)" }
}
