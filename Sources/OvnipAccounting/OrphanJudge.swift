import OvnipModel

/// The verdict on one IP CR.
enum IPVerdict {
  case owned
  case orphan(reasons: [OrphanReason], evidence: String, checks: [OwnerCheck])
  case exempt(ExemptReason, evidence: String)
}

/// Decides, for each IP CR, owned / orphan (with reasons) / exempt (domain §5.3, §6, §9).
/// Every owner list is indexed once; each judgement is O(1).
///
/// Rules, in order:
/// 1. `ip_reserved=true` → exempt `reserved`.
/// 2. `u2o-interconnection.*` / `mcast-querier.*`: owned by their subnet → `special-ip`
///    when it exists, `subnet-missing` when not.
/// 3. `node-<name>` with no namespace: the Node must exist → else `node-missing`.
/// 4. `VirtualMachine`: the VM `<ns>/<podName>` (or a live launcher pod annotated with it)
///    must exist; a VM without a running pod is `vm-present`; kubevirt not served → `vm-missing`.
/// 5. Pods (`""` and `StatefulSet`): a live pod owns the CR unless the CR's provider is no
///    longer among its attachments (`nic-detached`); a terminating pod → `pod-terminating`.
///    Without a pod: `pod-missing` (`""`), or for `StatefulSet` the sts decides:
///    missing → `statefulset-missing`, ordinal ≥ start+replicas → `statefulset-scaled-down`,
///    else `statefulset-member`.
/// 6. NAT-gateway CRs (`<prefix>-<gw>-0.<ns>[.<provider>]`) with their pod gone: the
///    VpcNatGateway missing adds `nat-gateway-missing`; while it exists the controller
///    will recreate the pod, so the CR is a `statefulset-member`.
/// `subnet-missing` is added whenever the subnet is gone, but never makes a CR with a live
/// owner an orphan. Any list needed for the owner that could not be read → `owner-unknown`.
struct OrphanJudge {
  let subnets: KeyedList<Subnet>
  let natGateways: KeyedList<VpcNatGateway>
  let pods: KeyedList<Pod>
  let statefulSets: KeyedList<StatefulSet>
  let virtualMachines: KeyedList<VirtualMachine>
  let nodes: KeyedList<Node>
  /// `ns/vm` of live (not terminating) launcher pods, from `<p>.kubernetes.io/virtualmachine`.
  let vmPods: Set<String>
  let natGwPrefix: String

  static let defaultNatGwPrefix = "vpc-nat-gw"

  init(_ snapshot: ClusterSnapshot) {
    subnets = KeyedList(snapshot.subnets) { $0.metadata.name }
    natGateways = KeyedList(snapshot.natGateways) { $0.metadata.name }
    pods = KeyedList(snapshot.pods) { $0.metadata.key }
    statefulSets = KeyedList(snapshot.statefulSets) { $0.metadata.key }
    virtualMachines = KeyedList(snapshot.virtualMachines) { $0.metadata.key }
    nodes = KeyedList(snapshot.nodes) { $0.metadata.name }
    var vmPods: Set<String> = []
    for pod in snapshot.pods.value ?? [] where !pod.metadata.isTerminating {
      for (key, value) in pod.metadata.annotations
      where key.hasSuffix(".kubernetes.io/virtualmachine") && !value.isEmpty {
        vmPods.insert("\(pod.metadata.namespace)/\(value)")
      }
    }
    self.vmPods = vmPods
    var prefix = Self.defaultNatGwPrefix
    if let config = snapshot.configMaps.value?.first(where: {
      $0.metadata.namespace == "kube-system" && $0.metadata.name == "ovn-vpc-nat-config"
    }), let custom = config.data["natGwNamePrefix"], !custom.isEmpty {
      prefix = custom
    }
    natGwPrefix = prefix
  }

  /// Collects reasons, facts (one per negative finding) and checks in rule order.
  private struct Findings {
    var reasons: [OrphanReason] = []
    var facts: [String] = []
    var checks: [OwnerCheck] = []
    mutating func add(_ reason: OrphanReason?, _ fact: String, _ check: OwnerCheck) {
      if let reason, !reasons.contains(reason) { reasons.append(reason) }
      facts.append(fact)
      checks.append(check)
    }
    func orphan() -> IPVerdict {
      let order = OrphanReason.allCases
      let sorted = reasons.sorted { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }
      return .orphan(reasons: sorted, evidence: facts.joined(separator: "; "), checks: checks)
    }
  }

  func judge(_ ip: IPCR) -> IPVerdict {
    let name = ip.metadata.name
    let spec = ip.spec
    if ip.isReserved {
      return .exempt(.reserved, evidence: "Labelled ovn.kubernetes.io/ip_reserved=true: reserved by a user")
    }
    var findings = Findings()
    var subnetUnknown: String?
    switch subnets.lookup(spec.subnet) {
    case .found: break
    case .missing where spec.subnet.isEmpty:
      // Kube-OVN's gcIP treats an empty subnet as missing; there is nothing to GET again.
      findings.reasons.append(.subnetMissing)
      findings.facts.append("spec.subnet is empty")
    case .missing:
      findings.add(.subnetMissing, "Subnet \(spec.subnet) not found", OwnerCheck(kind: .subnet, name: spec.subnet))
    case .unknown(let reason): subnetUnknown = reason
    }

    // Special IPs belong to their subnet.
    if name.hasPrefix("u2o-interconnection.") || name.hasPrefix("mcast-querier.") {
      if !findings.reasons.isEmpty { return findings.orphan() }
      if let subnetUnknown {
        return .exempt(.ownerUnknown, evidence: "Subnet list could not be read (\(subnetUnknown))")
      }
      return .exempt(.specialIP, evidence: "Interconnection/multicast IP of Subnet \(spec.subnet), which exists")
    }

    // Node IPs (join subnet).
    if spec.namespace.isEmpty && name.hasPrefix("node-") {
      let node = spec.podName.isEmpty ? String(name.dropFirst(5)) : spec.podName
      switch nodes.lookup(node) {
      case .found: return .owned
      case .unknown(let reason):
        return .exempt(.ownerUnknown, evidence: "Node list could not be read (\(reason))")
      case .missing:
        findings.add(.nodeMissing, "Node \(node) not found", OwnerCheck(kind: .node, name: node))
        return findings.orphan()
      }
    }

    let ns = spec.namespace
    switch spec.podType {
    case "VirtualMachine":
      let key = "\(ns)/\(spec.podName)"
      if vmPods.contains(key) { return .owned }
      switch virtualMachines.lookup(key) {
      case .found:
        return .exempt(.vmPresent, evidence: "VirtualMachine \(key) exists (stopped or restarting): the controller keeps its IP")
      case .unknown(let reason):
        return .exempt(.ownerUnknown, evidence: "VirtualMachine list could not be read (\(reason))")
      case .missing(let notServed):
        if case .unknown(let reason) = pods.lookup(key) {
          return .exempt(.ownerUnknown, evidence: "Pod list could not be read (\(reason))")
        }
        let suffix = notServed ? " (kubevirt.io VirtualMachines are not served)" : ""
        findings.add(
          .vmMissing, "VirtualMachine \(key) not found\(suffix)",
          OwnerCheck(kind: .virtualMachine, namespace: ns, name: spec.podName))
        return findings.orphan()
      }
    case "", "StatefulSet":
      return judgePodOwned(ip, findings: findings)
    default:
      return .exempt(.ownerUnknown, evidence: "Unknown podType \"\(spec.podType)\": owner cannot be judged")
    }
  }

  private func judgePodOwned(_ ip: IPCR, findings initial: Findings) -> IPVerdict {
    var findings = initial
    let spec = ip.spec
    let ns = spec.namespace
    if spec.podName.isEmpty || ns.isEmpty {
      return .exempt(.ownerUnknown, evidence: "spec.podName or spec.namespace is empty: no owner to look up")
    }
    let podKey = "\(ns)/\(spec.podName)"
    switch pods.lookup(podKey) {
    case .unknown(let reason):
      return .exempt(.ownerUnknown, evidence: "Pod list could not be read (\(reason))")
    case .found(let pod):
      if pod.metadata.isTerminating {
        return .exempt(.podTerminating, evidence: "Pod \(podKey) is terminating; the controller releases its IPs on deletion")
      }
      let provider = ip.provider ?? ""
      if !PodAttachments(pod: pod).isAttached(provider: provider) {
        findings.add(
          .nicDetached, "Pod \(podKey) exists but provider \(provider) is not among its attachments",
          OwnerCheck(kind: .pod, namespace: ns, name: spec.podName, expectation: .podWithoutProvider, detail: provider))
        return findings.orphan()
      }
      return .owned
    case .missing:
      break
    }
    let podFact = "Pod \(podKey) not found"
    let podCheck = OwnerCheck(kind: .pod, namespace: ns, name: spec.podName)

    // NAT gateway CRs: the gateway is the intent behind the pod.
    if let gw = ip.natGatewayName(prefix: natGwPrefix) {
      switch natGateways.lookup(gw) {
      case .found:
        return .exempt(
          .statefulsetMember, evidence: "VpcNatGateway \(gw) exists; its pod \(podKey) is being recreated")
      case .unknown(let reason):
        return .exempt(.ownerUnknown, evidence: "VpcNatGateway list could not be read (\(reason))")
      case .missing:
        findings.add(.natGatewayMissing, "VpcNatGateway \(gw) not found", OwnerCheck(kind: .vpcNatGateway, name: gw))
      }
    }

    if spec.podType != "StatefulSet" {
      findings.add(.podMissing, podFact, podCheck)
      return findings.orphan()
    }
    guard let (stsName, ordinal) = ip.statefulSetOrdinal else {
      return .exempt(.ownerUnknown, evidence: "StatefulSet pod name \(spec.podName) has no ordinal")
    }
    let stsKey = "\(ns)/\(stsName)"
    switch statefulSets.lookup(stsKey) {
    case .unknown(let reason):
      return .exempt(.ownerUnknown, evidence: "StatefulSet list could not be read (\(reason))")
    case .missing:
      findings.add(.statefulsetMissing, "StatefulSet \(stsKey) not found", OwnerCheck(kind: .statefulSet, namespace: ns, name: stsName))
      findings.add(nil, podFact, podCheck)
      return findings.orphan()
    case .found(let sts):
      let end = sts.ordinalsStart + sts.replicas
      if ordinal < end {
        return .exempt(
          .statefulsetMember,
          evidence: "StatefulSet \(stsKey) exists with replicas \(sts.replicas); ordinal \(ordinal) is in range; \(podFact) (restarting)")
      }
      findings.add(
        .statefulsetScaledDown,
        "StatefulSet \(stsKey) has replicas \(sts.replicas) from ordinal \(sts.ordinalsStart), so ordinal \(ordinal) is out of range",
        OwnerCheck(kind: .statefulSet, namespace: ns, name: stsName, expectation: .statefulSetBelowOrdinal, detail: String(ordinal)))
      findings.add(nil, podFact, podCheck)
      return findings.orphan()
    }
  }
}
