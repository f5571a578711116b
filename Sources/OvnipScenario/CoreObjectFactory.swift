import Foundation
import OvnipModel

extension ObjectFactory {
  /// A pod as the API returns it, with the Kube-OVN annotations for its primary NIC.
  public mutating func pod(
    name: String, namespace: String, node: String, subnet: String, address: String, mac: String,
    phase: String = "Running", ownerSts: String? = nil, terminating: Bool = false,
    extraAnnotations: [String: String] = [:], age: Int = 3600, cidr: String = "10.16.0.0/16"
  ) -> JSONValue {
    var annotations = extraAnnotations
    if !address.isEmpty {
      annotations["ovn.kubernetes.io/allocated"] = "true"
      annotations["ovn.kubernetes.io/cidr"] = cidr
      if let block = IPv4CIDR(cidr) { annotations["ovn.kubernetes.io/gateway"] = block.address(1) }
      annotations["ovn.kubernetes.io/ip_address"] = address
      annotations["ovn.kubernetes.io/logical_switch"] = subnet
      annotations["ovn.kubernetes.io/mac_address"] = mac
      annotations["ovn.kubernetes.io/pod_nic_type"] = "veth-pair"
      annotations["ovn.kubernetes.io/routed"] = "true"
    }
    var extra: [(String, JSONValue)] = []
    if terminating {
      extra.append(("deletionTimestamp", .string(timestamp(5))))
      extra.append(("deletionGracePeriodSeconds", 30))
    }
    let app = ownerSts ?? String(name.split(separator: "-").first ?? "")
    var meta = metadata(
      name: name, namespace: namespace, labels: ["app": app],
      annotations: annotations, age: age, generation: nil, extra: extra)
    if let ownerSts {
      meta["ownerReferences"] = [
        [
          "apiVersion": "apps/v1", "kind": "StatefulSet", "name": .string(ownerSts),
          "uid": .string(rng.uuid()), "controller": true, "blockOwnerDeletion": true,
        ]
      ]
    }
    var status: JSONValue = ["phase": .string(phase)]
    if phase == "Running" {
      status["hostIP"] = "172.18.0.2"
      status["podIP"] = .string(address)
      status["podIPs"] = [["ip": .string(address)]]
      status["startTime"] = .string(timestamp(age))
    } else {
      let scheduled: JSONValue = [
        "type": "PodScheduled", "status": .string(node.isEmpty ? "False" : "True"), "lastProbeTime": nil,
        "lastTransitionTime": .string(timestamp(age)),
      ]
      status["conditions"] = [scheduled]
      status["qosClass"] = "BestEffort"
    }
    var spec: JSONValue = [
      "containers": [["name": "app", "image": "registry.k8s.io/pause:3.10", "resources": [:]]],
      "restartPolicy": "Always", "dnsPolicy": "ClusterFirst", "serviceAccountName": "default",
    ]
    if !node.isEmpty { spec["nodeName"] = .string(node) }
    return ["apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec, "status": status]
  }

  public mutating func node(name: String, address: String) -> JSONValue {
    [
      "apiVersion": "v1", "kind": "Node",
      "metadata": metadata(
        name: name,
        labels: [
          "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
        ],
        annotations: [
          "ovn.kubernetes.io/allocated": "true", "ovn.kubernetes.io/ip_address": address,
          "ovn.kubernetes.io/logical_switch": "join",
        ], age: 86400 * 60, generation: nil),
      "spec": ["podCIDR": "10.244.0.0/24"],
      "status": [
        "addresses": [["type": "InternalIP", "address": "172.18.0.2"], ["type": "Hostname", "address": .string(name)]],
        "conditions": [["type": "Ready", "status": "True", "reason": "KubeletReady"]],
      ],
    ]
  }

  public mutating func statefulSet(name: String, namespace: String, replicas: Int) -> JSONValue {
    [
      "apiVersion": "apps/v1", "kind": "StatefulSet",
      "metadata": metadata(name: name, namespace: namespace, labels: ["app": name], age: 86400),
      "spec": [
        "replicas": .int(replicas), "serviceName": .string(name),
        "selector": ["matchLabels": ["app": .string(name)]], "podManagementPolicy": "OrderedReady",
      ],
      "status": [
        "replicas": .int(replicas), "readyReplicas": .int(replicas), "currentReplicas": .int(replicas),
        "observedGeneration": 1,
      ],
    ]
  }

  public mutating func virtualMachine(name: String, namespace: String, running: Bool) -> JSONValue {
    [
      "apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine",
      "metadata": metadata(name: name, namespace: namespace, age: 86400 * 3),
      "spec": [
        "runStrategy": .string(running ? "Always" : "Halted"),
        "template": ["spec": ["domain": ["devices": [:]]]],
      ],
      "status": [
        "printableStatus": .string(running ? "Running" : "Stopped"), "ready": .bool(running),
      ],
    ]
  }

  public mutating func configMap(name: String, namespace: String, data: [String: String]) -> JSONValue {
    [
      "apiVersion": "v1", "kind": "ConfigMap",
      "metadata": metadata(name: name, namespace: namespace, age: 86400 * 60, generation: nil),
      "data": .stringMap(data),
    ]
  }
}
