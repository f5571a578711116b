import Foundation
import OvnipModel

/// Which resource kinds the API serves, found once per session.
///
/// One `get --raw` per group version (`/api/v1`, `/apis/apps/v1`, `/apis/kubeovn.io/v1`,
/// `/apis/kubevirt.io/v1`), read as an `APIResourceList`. A group version the server does not
/// know (404) serves none of its kinds; one we may not read (403) leaves them unknown.
public struct Discovery: Sendable, Equatable {
  /// Availability of every kind: `.present` when served (not yet listed), `.notServed`, or
  /// `.unknown(reason)`.
  public var kinds: [ResourceKind: Availability]

  public init(kinds: [ResourceKind: Availability]) { self.kinds = kinds }

  /// Every kind assumed served: for tests and sources that need no discovery.
  public static let allServed = Discovery(
    kinds: Dictionary(uniqueKeysWithValues: ResourceKind.allCases.map { ($0, .present) }))

  /// Kinds to list, in collection order.
  public var servedKinds: [ResourceKind] {
    ResourceKind.collectionOrder.filter { kinds[$0] == .present }
  }

  struct ResourceList: Decodable {
    struct Resource: Decodable { var name: String }
    var resources: [Resource]?
  }

  /// Runs discovery through `client`.
  ///
  /// Throws the clear "Kube-OVN CRDs not found in context X" error when `subnets` or `ips` are
  /// not served, and rethrows failures that mean the cluster cannot be read at all
  /// (unreachable, unauthorized, unknown context, kubectl missing).
  public static func run(client: KubectlClient, context: String) async throws(KubeError)
    -> Discovery
  {
    let groups = Dictionary(grouping: ResourceKind.allCases, by: \.apiPrefix)
    let answers: [(String, Result<[UInt8], KubeError>)]
    answers = await withTaskGroup(of: (String, Result<[UInt8], KubeError>).self) { group in
      for prefix in groups.keys {
        group.addTask {
          do {
            return (prefix, .success(try await client.get(prefix)))
          } catch let error as KubeError {
            return (prefix, .failure(error))
          } catch {
            return (prefix, .failure(KubeError(.other, Sanitize.line("\(error)"))))
          }
        }
      }
      var all: [(String, Result<[UInt8], KubeError>)] = []
      for await answer in group { all.append(answer) }
      return all
    }
    var kinds: [ResourceKind: Availability] = [:]
    for (prefix, result) in answers.sorted(by: { $0.0 < $1.0 }) {
      let members = groups[prefix] ?? []
      switch result {
      case .success(let bytes):
        let list: ResourceList
        do {
          list = try JSONDecoder().decode(ResourceList.self, from: Data(bytes))
        } catch {
          throw KubeError(.malformed, "discovery of \(prefix) returned something that is not an APIResourceList")
        }
        let names = Set((list.resources ?? []).map(\.name))
        for kind in members { kinds[kind] = names.contains(kind.plural) ? .present : .notServed }
      case .failure(let error):
        switch error.kind {
        case .notFound, .notServed:
          for kind in members { kinds[kind] = .notServed }
        case .forbidden:
          for kind in members { kinds[kind] = .unknown(reason: "discovery forbidden: \(error.message)") }
        default:
          throw error
        }
      }
    }
    if kinds[.subnets] != .present || kinds[.ips] != .present {
      if case .unknown(let reason) = kinds[.ips] ?? .notServed {
        throw KubeError(.forbidden, "cannot read Kube-OVN resources in context \(Sanitize.line(context)): \(reason)")
      }
      throw KubeError.crdsNotFound(context: context)
    }
    // Core kinds always exist on a real API server; if one is missing, do not pretend it is
    // empty (that would invent orphans): it is unknown.
    for kind in ResourceKind.allCases where !kind.isOptional && kinds[kind] == .notServed {
      kinds[kind] = .unknown(reason: "\(kind.plural) not served by the API server")
    }
    return Discovery(kinds: kinds)
  }
}
