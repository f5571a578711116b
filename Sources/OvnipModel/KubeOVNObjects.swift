import Foundation

// Decodable mirrors of exactly the Kube-OVN fields ovnip-top reads (kubeovn.io/v1,
// all cluster-scoped). Every field is optional in the wire format across v1.11–v1.16;
// absent or null gives an empty value. A value of the wrong JSON type makes the
// whole object malformed (reported and skipped by `KubeList`).

/// `Subnet` (kubeovn.io/v1).
public struct Subnet: Sendable, Hashable, Decodable {
  public var metadata: ObjectMeta
  public var spec: Spec
  public var status: Status

  public struct Spec: Sendable, Hashable, Decodable, EmptyDecodable {
    public var cidrBlock = ""
    public var gateway = ""
    public var provider = ""
    public var vpc = ""
    public var `protocol` = ""
    public var vlan = ""
    public var excludeIps: [String] = []
    public var u2oInterconnection = false
    public static let empty = Spec()
    init() {}
    enum CodingKeys: String, CodingKey {
      case cidrBlock, gateway, provider, vpc, `protocol`, vlan, excludeIps, u2oInterconnection
    }
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      cidrBlock = try c.string(.cidrBlock)
      gateway = try c.string(.gateway)
      provider = try c.string(.provider)
      vpc = try c.string(.vpc)
      `protocol` = try c.string(.protocol)
      vlan = try c.string(.vlan)
      excludeIps = try c.strings(.excludeIps)
      u2oInterconnection = try c.bool(.u2oInterconnection)
    }
  }

  public struct Status: Sendable, Hashable, Decodable, EmptyDecodable {
    public var v4availableIPs: BigCount?
    public var v4usingIPs: BigCount?
    public var v6availableIPs: BigCount?
    public var v6usingIPs: BigCount?
    /// Absent before v1.12 (nil); `""` means an empty set.
    public var v4usingIPrange: String?
    public var v4availableIPrange: String?
    public var v6usingIPrange: String?
    public var v6availableIPrange: String?
    public var u2oInterconnectionIP = ""
    public var mcastQuerierIP = ""
    public static let empty = Status()
    init() {}
    enum CodingKeys: String, CodingKey {
      case v4availableIPs, v4usingIPs, v6availableIPs, v6usingIPs, v4usingIPrange,
        v4availableIPrange, v6usingIPrange, v6availableIPrange, u2oInterconnectionIP,
        mcastQuerierIP
    }
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      v4availableIPs = try c.decodeIfPresent(BigCount.self, forKey: .v4availableIPs)
      v4usingIPs = try c.decodeIfPresent(BigCount.self, forKey: .v4usingIPs)
      v6availableIPs = try c.decodeIfPresent(BigCount.self, forKey: .v6availableIPs)
      v6usingIPs = try c.decodeIfPresent(BigCount.self, forKey: .v6usingIPs)
      v4usingIPrange = try c.decodeIfPresent(String.self, forKey: .v4usingIPrange)
      v4availableIPrange = try c.decodeIfPresent(String.self, forKey: .v4availableIPrange)
      v6usingIPrange = try c.decodeIfPresent(String.self, forKey: .v6usingIPrange)
      v6availableIPrange = try c.decodeIfPresent(String.self, forKey: .v6availableIPrange)
      u2oInterconnectionIP = try c.string(.u2oInterconnectionIP)
      mcastQuerierIP = try c.string(.mcastQuerierIP)
    }
  }

  enum CodingKeys: String, CodingKey { case metadata, spec, status }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
    spec = try c.object(.spec)
    status = try c.object(.status)
  }
}

/// `IP` (kubeovn.io/v1): one per pod NIC, node, VM or special address. Spec only.
public struct IPCR: Sendable, Hashable, Decodable {
  public var metadata: ObjectMeta
  public var spec: Spec

  public struct Spec: Sendable, Hashable, Decodable, EmptyDecodable {
    public var podName = ""
    public var namespace = ""
    public var subnet = ""
    public var nodeName = ""
    public var ipAddress = ""
    public var v4IpAddress = ""
    public var v6IpAddress = ""
    public var macAddress = ""
    /// `""`, `"StatefulSet"` or `"VirtualMachine"`.
    public var podType = ""
    public var attachSubnets: [String] = []
    public static let empty = Spec()
    init() {}
    enum CodingKeys: String, CodingKey {
      case podName, namespace, subnet, nodeName, ipAddress, v4IpAddress, v6IpAddress, macAddress,
        podType, attachSubnets
    }
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      podName = try c.string(.podName)
      namespace = try c.string(.namespace)
      subnet = try c.string(.subnet)
      nodeName = try c.string(.nodeName)
      ipAddress = try c.string(.ipAddress)
      v4IpAddress = try c.string(.v4IpAddress)
      v6IpAddress = try c.string(.v6IpAddress)
      macAddress = try c.string(.macAddress)
      podType = try c.string(.podType)
      attachSubnets = try c.strings(.attachSubnets)
    }
  }

  enum CodingKeys: String, CodingKey { case metadata, spec }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
    spec = try c.object(.spec)
  }

  /// True when labelled `ovn.kubernetes.io/ip_reserved=true` (user-reserved).
  public var isReserved: Bool { metadata.labels["ovn.kubernetes.io/ip_reserved"] == "true" }
}

/// `IptablesEIP` (kubeovn.io/v1).
public struct IptablesEIP: Sendable, Hashable, Decodable {
  public var metadata: ObjectMeta
  public var spec: Spec
  public var status: Status

  public struct Spec: Sendable, Hashable, Decodable, EmptyDecodable {
    public var v4ip = ""
    public var v6ip = ""
    public var macAddress = ""
    /// The VpcNatGateway name.
    public var natGwDp = ""
    /// `""` means `ovn-vpc-external-network`.
    public var externalSubnet = ""
    public static let empty = Spec()
    init() {}
    enum CodingKeys: String, CodingKey { case v4ip, v6ip, macAddress, natGwDp, externalSubnet }
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      v4ip = try c.string(.v4ip)
      v6ip = try c.string(.v6ip)
      macAddress = try c.string(.macAddress)
      natGwDp = try c.string(.natGwDp)
      externalSubnet = try c.string(.externalSubnet)
    }
  }
  public struct Status: Sendable, Hashable, Decodable, EmptyDecodable {
    public var ip = ""
    public var ready = false
    public var nat = ""
    public static let empty = Status()
    init() {}
    enum CodingKeys: String, CodingKey { case ip, ready, nat }
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      ip = try c.string(.ip)
      ready = try c.bool(.ready)
      nat = try c.string(.nat)
    }
  }

  enum CodingKeys: String, CodingKey { case metadata, spec, status }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
    spec = try c.object(.spec)
    status = try c.object(.status)
  }
}

/// `IptablesFIPRule`, `IptablesSnatRule` or `IptablesDnatRule`: only the EIP reference matters.
public struct IptablesNatRule: Sendable, Hashable, Decodable {
  public var metadata: ObjectMeta
  /// The IptablesEIP name (`spec.eip`).
  public var eip: String
  /// `status.natGwDp`.
  public var natGwDp: String
  /// Filled by the list decoder's caller: "IptablesFIPRule", "IptablesSnatRule", "IptablesDnatRule".
  public var kind: String

  enum CodingKeys: String, CodingKey { case metadata, spec, status, kind }
  enum Inner: String, CodingKey { case eip, natGwDp }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
    kind = try c.string(.kind)
    if c.contains(.spec), try !c.decodeNil(forKey: .spec) {
      eip = try c.nestedContainer(keyedBy: Inner.self, forKey: .spec).string(.eip)
    } else {
      eip = ""
    }
    if c.contains(.status), try !c.decodeNil(forKey: .status) {
      natGwDp = try c.nestedContainer(keyedBy: Inner.self, forKey: .status).string(.natGwDp)
    } else {
      natGwDp = ""
    }
  }
}

/// `OvnEip` (kubeovn.io/v1).
public struct OvnEip: Sendable, Hashable, Decodable {
  public var metadata: ObjectMeta
  public var externalSubnet: String
  /// `status.v4Ip`, else `spec.v4Ip`, else v1.11's `spec.v4ip`.
  public var v4Ip: String
  public var v6Ip: String
  public var type: String

  enum CodingKeys: String, CodingKey { case metadata, spec, status }
  enum Inner: String, CodingKey { case externalSubnet, v4Ip, v6Ip, v4ip, v6ip, type }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
    var spec: KeyedDecodingContainer<Inner>? = nil
    var status: KeyedDecodingContainer<Inner>? = nil
    if c.contains(.spec), try !c.decodeNil(forKey: .spec) {
      spec = try c.nestedContainer(keyedBy: Inner.self, forKey: .spec)
    }
    if c.contains(.status), try !c.decodeNil(forKey: .status) {
      status = try c.nestedContainer(keyedBy: Inner.self, forKey: .status)
    }
    func first(_ candidates: [(KeyedDecodingContainer<Inner>?, Inner)]) throws -> String {
      for (container, key) in candidates {
        if let value = try container?.string(key), !value.isEmpty { return value }
      }
      return ""
    }
    externalSubnet = try spec?.string(.externalSubnet) ?? ""
    v4Ip = try first([(status, .v4Ip), (spec, .v4Ip), (spec, .v4ip)])
    v6Ip = try first([(status, .v6Ip), (spec, .v6Ip), (spec, .v6ip)])
    type = try first([(status, .type), (spec, .type)])
  }
}

/// `Vip` (kubeovn.io/v1).
public struct Vip: Sendable, Hashable, Decodable {
  public var metadata: ObjectMeta
  public var subnet: String
  public var namespace: String
  /// `status.v4ip`, else `spec.v4ip`.
  public var v4ip: String
  public var v6ip: String
  public var type: String

  enum CodingKeys: String, CodingKey { case metadata, spec, status }
  enum Inner: String, CodingKey { case subnet, namespace, v4ip, v6ip, type }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
    var spec: KeyedDecodingContainer<Inner>? = nil
    var status: KeyedDecodingContainer<Inner>? = nil
    if c.contains(.spec), try !c.decodeNil(forKey: .spec) {
      spec = try c.nestedContainer(keyedBy: Inner.self, forKey: .spec)
    }
    if c.contains(.status), try !c.decodeNil(forKey: .status) {
      status = try c.nestedContainer(keyedBy: Inner.self, forKey: .status)
    }
    subnet = try spec?.string(.subnet) ?? ""
    namespace = try spec?.string(.namespace) ?? ""
    let s4 = try status?.string(.v4ip) ?? ""
    v4ip = s4.isEmpty ? try spec?.string(.v4ip) ?? "" : s4
    let s6 = try status?.string(.v6ip) ?? ""
    v6ip = s6.isEmpty ? try spec?.string(.v6ip) ?? "" : s6
    let st = try status?.string(.type) ?? ""
    type = st.isEmpty ? try spec?.string(.type) ?? "" : st
  }
}

/// `VpcNatGateway` (kubeovn.io/v1).
public struct VpcNatGateway: Sendable, Hashable, Decodable {
  public var metadata: ObjectMeta
  public var vpc: String
  public var subnet: String
  public var lanIp: String
  public var externalSubnets: [String]

  enum CodingKeys: String, CodingKey { case metadata, spec }
  enum Inner: String, CodingKey { case vpc, subnet, lanIp, externalSubnets }
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
    if c.contains(.spec), try !c.decodeNil(forKey: .spec) {
      let s = try c.nestedContainer(keyedBy: Inner.self, forKey: .spec)
      vpc = try s.string(.vpc)
      subnet = try s.string(.subnet)
      lanIp = try s.string(.lanIp)
      externalSubnets = try s.strings(.externalSubnets)
    } else {
      vpc = ""
      subnet = ""
      lanIp = ""
      externalSubnets = []
    }
  }
}
