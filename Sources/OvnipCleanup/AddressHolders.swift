#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Foundation
import OvnipAccounting
import OvnipKube
import OvnipModel

/// Who holds which address now, read fresh for restore: IP CRs, IptablesEIPs, OvnEips, Vips.
struct AddressHolders: Sendable {
  private struct Entry: Sendable {
    var subnet: String
    var holder: Holder
  }
  private var byAddress: [String: [Entry]] = [:]
  /// IP CR name → uid.
  private(set) var ipNames: [String: String] = [:]

  /// The external subnet an IptablesEIP with an empty `externalSubnet` uses.
  static let defaultExternalSubnet = "ovn-vpc-external-network"

  /// Lists the four holder kinds. A kind that is not served counts as empty; any other
  /// failure, or a malformed object (it might hold the address), throws.
  static func load(_ client: KubectlClient) async throws(KubeError) -> AddressHolders {
    var holders = AddressHolders()
    for ip in try await list(IPCR.self, .ips, client) {
      holders.ipNames[ip.metadata.name] = ip.metadata.uid
      holders.add(.ip, ip.metadata.name, ip.spec.subnet, [ip.spec.v4IpAddress, ip.spec.v6IpAddress])
    }
    for eip in try await list(IptablesEIP.self, .iptablesEIPs, client) {
      let subnet =
        !eip.spec.externalSubnet.isEmpty
        ? eip.spec.externalSubnet
        : eip.metadata.labels["ovn.kubernetes.io/subnet"] ?? defaultExternalSubnet
      holders.add(.iptablesEIP, eip.metadata.name, subnet, [eip.spec.v4ip, eip.status.ip, eip.spec.v6ip])
    }
    for eip in try await list(OvnEip.self, .ovnEips, client) {
      let subnet = eip.externalSubnet.isEmpty ? eip.metadata.labels["ovn.kubernetes.io/subnet"] ?? "" : eip.externalSubnet
      holders.add(.ovnEip, eip.metadata.name, subnet, [eip.v4Ip, eip.v6Ip])
    }
    for vip in try await list(Vip.self, .vips, client) {
      holders.add(.vip, vip.metadata.name, vip.subnet, [vip.v4ip, vip.v6ip])
    }
    return holders
  }

  private static func list<T: Decodable & Sendable>(
    _ type: T.Type, _ kind: ResourceKind, _ client: KubectlClient
  ) async throws(KubeError) -> [T] {
    let bytes: [UInt8]
    do {
      bytes = try await client.get(kind.listPath)
    } catch let error as KubeError {
      if kind.isOptional, error.kind == .notServed || error.kind == .notFound { return [] }
      throw KubeError(error.kind, "\(kind.plural): \(error.message)")
    } catch {
      throw KubeError(.other, "\(kind.plural): \(error)")
    }
    do {
      let list = try KubeList<T>.decode(Data(bytes), resource: kind.plural)
      if let issue = list.issues.first {
        throw KubeError(
          .malformed,
          "\(kind.plural): \(list.issues.count) malformed object(s), e.g. \(issue.object): \(issue.message)")
      }
      return list.items
    } catch let error as KubeError {
      throw error
    } catch {
      throw KubeError(.malformed, "\(kind.plural): \(error)")
    }
  }

  private mutating func add(_ kind: HolderKind, _ name: String, _ subnet: String, _ addresses: [String]) {
    for address in Set(addresses.compactMap(Self.normalize)) {
      byAddress[address, default: []].append(Entry(subnet: subnet, holder: Holder(kind: kind, name: name)))
    }
  }

  /// Records a restored IP CR so a later item with the same address is refused.
  mutating func add(name: String, uid: String, subnet: String, addresses: [String]) {
    ipNames[name] = uid
    add(.ip, name, subnet, addresses)
  }

  /// A holder of `address` in `subnet` — or in no known subnet (unknown means in use).
  func holder(of address: String, subnet: String) -> Holder? {
    guard let key = Self.normalize(address) else { return nil }
    return byAddress[key]?.first { $0.subnet == subnet || $0.subnet.isEmpty }?.holder
  }

  /// The canonical text of an address (IPv6 compressed forms compare equal); nil if empty.
  static func normalize(_ address: String) -> String? {
    let trimmed = address.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return nil }
    guard trimmed.contains(":") else { return trimmed }
    var raw = in6_addr()
    guard inet_pton(AF_INET6, trimmed, &raw) == 1 else { return trimmed.lowercased() }
    return withUnsafeBytes(of: &raw) { $0.map { String(format: "%02x", $0) }.joined() }
  }
}
