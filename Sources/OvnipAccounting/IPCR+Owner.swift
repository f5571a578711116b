import OvnipModel

extension IPCR {
  /// The provider encoded in the name: `<pod>.<ns>` → `ovn`, `<pod>.<ns>.<provider>` →
  /// provider; nil when the name does not follow Kube-OVN's pattern.
  public var provider: String? {
    let base = "\(spec.podName).\(spec.namespace)"
    let name = metadata.name
    if name == base { return "ovn" }
    if name.hasPrefix(base + "."), name.count > base.count + 1 {
      return String(name.dropFirst(base.count + 1))
    }
    return nil
  }

  /// The addresses this CR holds, v4 then v6 (`v4IpAddress`/`v6IpAddress`, else the
  /// comma list in `ipAddress`).
  public var addressStrings: [String] {
    let explicit = [spec.v4IpAddress, spec.v6IpAddress].filter { !$0.isEmpty }
    if !explicit.isEmpty { return explicit }
    return spec.ipAddress.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  /// The VpcNatGateway name when the CR is named `<prefix>-<gw>-0.<ns>[.<provider>]`.
  public func natGatewayName(prefix: String) -> String? {
    let podPart: Substring
    if !spec.podName.isEmpty, metadata.name.hasPrefix(spec.podName + ".") {
      podPart = Substring(spec.podName)
    } else if let dot = metadata.name.firstIndex(of: ".") {
      podPart = metadata.name[..<dot]
    } else {
      return nil
    }
    let head = prefix + "-"
    guard podPart.hasPrefix(head), podPart.hasSuffix("-0"), podPart.count > head.count + 2 else {
      return nil
    }
    return String(podPart.dropFirst(head.count).dropLast(2))
  }

  /// `(statefulSet, ordinal)` from a pod name `<sts>-<N>`; nil when there is no ordinal.
  public var statefulSetOrdinal: (name: String, ordinal: Int)? {
    guard let dash = spec.podName.lastIndex(of: "-"),
      let ordinal = Int(spec.podName[spec.podName.index(after: dash)...]), ordinal >= 0
    else { return nil }
    let name = String(spec.podName[..<dash])
    return name.isEmpty ? nil : (name, ordinal)
  }
}
