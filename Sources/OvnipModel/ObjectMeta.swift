import Foundation

/// The metadata fields ovnip-top uses, from any Kubernetes object.
public struct ObjectMeta: Sendable, Hashable, Codable {
  public var name: String
  public var namespace: String
  public var uid: String
  public var resourceVersion: String
  public var creationTimestamp: String
  /// Set while the object is being deleted (finalizers pending).
  public var deletionTimestamp: String?
  public var labels: [String: String]
  /// Only the annotations a model type asks for (see `AnnotationFilter`); empty otherwise.
  public var annotations: [String: String]
  public var finalizers: [String]
  public var ownerReferences: [OwnerReference]

  public init(
    name: String, namespace: String = "", uid: String = "", resourceVersion: String = "",
    creationTimestamp: String = "", deletionTimestamp: String? = nil,
    labels: [String: String] = [:], annotations: [String: String] = [:],
    finalizers: [String] = [], ownerReferences: [OwnerReference] = []
  ) {
    self.name = name
    self.namespace = namespace
    self.uid = uid
    self.resourceVersion = resourceVersion
    self.creationTimestamp = creationTimestamp
    self.deletionTimestamp = deletionTimestamp
    self.labels = labels
    self.annotations = annotations
    self.finalizers = finalizers
    self.ownerReferences = ownerReferences
  }

  enum CodingKeys: String, CodingKey {
    case name, namespace, uid, resourceVersion, creationTimestamp, deletionTimestamp, labels,
      annotations, finalizers, ownerReferences
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.string(.name)
    guard !name.isEmpty else {
      throw DecodingError.dataCorruptedError(
        forKey: .name, in: c, debugDescription: "metadata.name is missing")
    }
    namespace = try c.string(.namespace)
    uid = try c.string(.uid)
    resourceVersion = try c.string(.resourceVersion)
    creationTimestamp = try c.string(.creationTimestamp)
    deletionTimestamp = try c.decodeIfPresent(String.self, forKey: .deletionTimestamp)
    labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
    if let filter = decoder.userInfo[AnnotationFilter.userInfoKey] as? AnnotationFilter {
      annotations = try filter.decode(from: c, forKey: .annotations)
    } else {
      annotations = [:]
    }
    finalizers = try c.decodeIfPresent([String].self, forKey: .finalizers) ?? []
    ownerReferences = try c.decodeIfPresent([OwnerReference].self, forKey: .ownerReferences) ?? []
  }

  public var isTerminating: Bool { deletionTimestamp != nil }
  /// `namespace/name` for namespaced objects, `name` otherwise.
  public var key: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}

/// An ownerReference entry.
public struct OwnerReference: Sendable, Hashable, Codable {
  public var kind: String
  public var name: String
  public var uid: String
  public init(kind: String, name: String, uid: String = "") {
    self.kind = kind
    self.name = name
    self.uid = uid
  }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    kind = try c.string(.kind)
    name = try c.string(.name)
    uid = try c.string(.uid)
  }
}

/// Decides which annotations are kept while decoding (pods carry many; we need few).
public struct AnnotationFilter: Sendable {
  public static let userInfoKey = CodingUserInfoKey(rawValue: "ovnip.annotationFilter")!
  public let keep: @Sendable (String) -> Bool
  public init(keep: @escaping @Sendable (String) -> Bool) { self.keep = keep }

  /// The keys the orphan rules read on pods: Multus attachments, the default-network override,
  /// and Kube-OVN's per-provider `ip_address` / `allocated` / `logical_switch` /
  /// `virtualmachine` keys.
  public static let podRules = AnnotationFilter { key in
    key == "k8s.v1.cni.cncf.io/networks" || key == "v1.multus-cni.io/default-network"
      || key.hasSuffix(".kubernetes.io/ip_address") || key.hasSuffix(".kubernetes.io/allocated")
      || key.hasSuffix(".kubernetes.io/logical_switch")
      || key == "ovn.kubernetes.io/vpc_nat_gw"
      || key.hasSuffix(".kubernetes.io/virtualmachine")
  }

  func decode<K: CodingKey>(from c: KeyedDecodingContainer<K>, forKey key: K) throws -> [String:
    String]
  {
    guard c.contains(key), try !c.decodeNil(forKey: key) else { return [:] }
    let nested = try c.nestedContainer(keyedBy: AnyKey.self, forKey: key)
    var out: [String: String] = [:]
    for k in nested.allKeys where keep(k.stringValue) {
      out[k.stringValue] = try nested.decodeIfPresent(String.self, forKey: k) ?? ""
    }
    return out
  }
}

/// A coding key for arbitrary map keys.
public struct AnyKey: CodingKey, Sendable {
  public var stringValue: String
  public var intValue: Int?
  public init(stringValue: String) { self.stringValue = stringValue }
  public init?(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
}

extension KeyedDecodingContainer {
  /// A string field; absent or null gives `""`. A value of another type is an error.
  public func string(_ key: Key) throws -> String {
    try decodeIfPresent(String.self, forKey: key) ?? ""
  }
  /// A string array; absent or null gives `[]`.
  public func strings(_ key: Key) throws -> [String] {
    try decodeIfPresent([String].self, forKey: key) ?? []
  }
  /// A bool; absent or null gives `false`.
  public func bool(_ key: Key) throws -> Bool {
    try decodeIfPresent(Bool.self, forKey: key) ?? false
  }
  /// A nested object decoded with `T`'s tolerant init, or `T.empty` when absent/null.
  public func object<T: Decodable & EmptyDecodable>(_ key: Key) throws -> T {
    try decodeIfPresent(T.self, forKey: key) ?? T.empty
  }
}

/// A spec/status struct that has a value for "field absent".
public protocol EmptyDecodable {
  static var empty: Self { get }
}
