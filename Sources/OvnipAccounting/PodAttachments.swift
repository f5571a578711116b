import Foundation
import OvnipModel

/// The Kube-OVN providers a pod is attached to, read from its Multus annotations
/// (domain §5.2).
///
/// - `k8s.v1.cni.cncf.io/networks`: a comma list of `ns/name[@if]` or a JSON array of
///   `{"name", "namespace", "interface"}`. A missing namespace is the pod's own.
/// - `v1.multus-cni.io/default-network`: `ns/name` replacing the default network.
///
/// A NAD `ns/name` backs provider `name.ns` (IPAM-only NIC, e.g. macvlan with
/// `ipam.type: kube-ovn`) or `name.ns.ovn` (kube-ovn NAD), plus `.<ifname>` when the same
/// NAD is attached twice. The default provider `ovn` always counts as attached.
public struct PodAttachments: Sendable, Hashable {
  /// `name.ns` of every attached NAD.
  public var nads: Set<String>
  /// False when an annotation could not be parsed: then nothing can be ruled out.
  public var parsed: Bool

  public static let networksKey = "k8s.v1.cni.cncf.io/networks"
  public static let defaultNetworkKey = "v1.multus-cni.io/default-network"

  public init(nads: Set<String>, parsed: Bool = true) {
    self.nads = nads
    self.parsed = parsed
  }

  /// Reads the attachments from a pod's (filtered) annotations.
  public init(pod: Pod) {
    self.init(annotations: pod.metadata.annotations, podNamespace: pod.metadata.namespace)
  }

  /// Reads the attachments from annotations; `podNamespace` fills a missing namespace.
  public init(annotations: [String: String], podNamespace: String) {
    var nads: Set<String> = []
    var ok = true
    for key in [Self.networksKey, Self.defaultNetworkKey] {
      guard let raw = annotations[key] else { continue }
      if let list = Self.parse(raw, podNamespace: podNamespace) {
        nads.formUnion(list)
      } else {
        ok = false
      }
    }
    self.init(nads: nads, parsed: ok)
  }

  /// True when `provider` (the IP CR's provider) is attached to the pod.
  /// An unparsable annotation answers true: unknown means in use.
  public func isAttached(provider: String) -> Bool {
    if provider.isEmpty || provider == "ovn" || !parsed { return true }
    if nads.contains(provider) { return true }
    // name.ns.ovn and name.ns.ovn.<ifname>
    let parts = provider.split(separator: ".", omittingEmptySubsequences: false)
    if parts.count >= 3, parts[2] == "ovn" {
      return nads.contains("\(parts[0]).\(parts[1])")
    }
    return false
  }

  /// Parses one annotation value into `name.ns` entries; nil when malformed.
  static func parse(_ raw: String, podNamespace: String) -> [String]? {
    let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.isEmpty { return [] }
    if text.hasPrefix("[") || text.hasPrefix("{") {
      struct Element: Decodable {
        var name: String
        var namespace: String?
      }
      let data = Data(text.utf8)
      let elements: [Element]
      if text.hasPrefix("[") {
        guard let list = try? JSONDecoder().decode([Element].self, from: data) else { return nil }
        elements = list
      } else {
        guard let one = try? JSONDecoder().decode(Element.self, from: data) else { return nil }
        elements = [one]
      }
      var out: [String] = []
      for element in elements {
        guard let entry = entry(namespace: element.namespace ?? "", name: element.name, podNamespace: podNamespace) else { return nil }
        out.append(entry)
      }
      return out
    }
    var out: [String] = []
    for item in text.split(separator: ",") {
      var spec = item.trimmingCharacters(in: .whitespaces)
      if let at = spec.firstIndex(of: "@") { spec = String(spec[..<at]) }
      let pieces = spec.split(separator: "/", omittingEmptySubsequences: false)
      let entry: String?
      switch pieces.count {
      case 1: entry = Self.entry(namespace: "", name: String(pieces[0]), podNamespace: podNamespace)
      case 2: entry = Self.entry(namespace: String(pieces[0]), name: String(pieces[1]), podNamespace: podNamespace)
      default: entry = nil
      }
      guard let entry else { return nil }
      out.append(entry)
    }
    return out
  }

  private static func entry(namespace: String, name: String, podNamespace: String) -> String? {
    let name = name.trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty else { return nil }
    let ns = namespace.isEmpty ? podNamespace : namespace
    return "\(name).\(ns)"
  }
}
