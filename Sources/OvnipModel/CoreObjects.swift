import Foundation

/// `Pod` (v1): only what the orphan rules need. Decode pod lists with
/// `AnnotationFilter.podRules` in the decoder's userInfo (`KubeList.decode` does).
public struct Pod: Sendable, Hashable, Decodable {
  public var metadata: ObjectMeta
  public var nodeName: String
  public var hostNetwork: Bool
  /// `status.phase`: Pending, Running, Succeeded, Failed, Unknown.
  public var phase: String

  enum CodingKeys: String, CodingKey { case metadata, spec, status }
  enum SpecKeys: String, CodingKey { case nodeName, hostNetwork }
  enum StatusKeys: String, CodingKey { case phase }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
    if c.contains(.spec), try !c.decodeNil(forKey: .spec) {
      let s = try c.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec)
      nodeName = try s.string(.nodeName)
      hostNetwork = try s.bool(.hostNetwork)
    } else {
      nodeName = ""
      hostNetwork = false
    }
    if c.contains(.status), try !c.decodeNil(forKey: .status) {
      phase = try c.nestedContainer(keyedBy: StatusKeys.self, forKey: .status).string(.phase)
    } else {
      phase = ""
    }
  }
}

/// `Node` (v1): existence is all that matters.
public struct Node: Sendable, Hashable, Decodable {
  public var metadata: ObjectMeta
}

/// `ConfigMap` (v1).
public struct ConfigMap: Sendable, Hashable, Decodable {
  public var metadata: ObjectMeta
  public var data: [String: String]
  enum CodingKeys: String, CodingKey { case metadata, data }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
    data = try c.decodeIfPresent([String: String].self, forKey: .data) ?? [:]
  }
}

/// `StatefulSet` (apps/v1).
public struct StatefulSet: Sendable, Hashable, Decodable {
  public var metadata: ObjectMeta
  /// `spec.replicas`; Kubernetes defaults an absent value to 1.
  public var replicas: Int
  /// `spec.ordinals.start`, default 0.
  public var ordinalsStart: Int

  enum CodingKeys: String, CodingKey { case metadata, spec }
  enum SpecKeys: String, CodingKey { case replicas, ordinals }
  enum OrdinalKeys: String, CodingKey { case start }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
    replicas = 1
    ordinalsStart = 0
    if c.contains(.spec), try !c.decodeNil(forKey: .spec) {
      let s = try c.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec)
      replicas = try s.decodeIfPresent(Int.self, forKey: .replicas) ?? 1
      if s.contains(.ordinals), try !s.decodeNil(forKey: .ordinals) {
        ordinalsStart =
          try s.nestedContainer(keyedBy: OrdinalKeys.self, forKey: .ordinals)
          .decodeIfPresent(Int.self, forKey: .start) ?? 0
      }
    }
  }
}

/// `VirtualMachine` (kubevirt.io/v1): existence is all that matters.
public struct VirtualMachine: Sendable, Hashable, Decodable {
  public var metadata: ObjectMeta
}
