import Foundation
import OvnipAccounting
import OvnipKube
import OvnipModel

/// The checks made once per action, before any item: read-only, permissions, a fresh
/// snapshot, the same cluster.
public enum CleanupPreflight {
  /// The `kubectl auth can-i` resource name of a kind: `pods`, `statefulsets.apps`,
  /// `ips.kubeovn.io`.
  public static func canIResource(_ kind: ResourceKind) -> String {
    kind.group.isEmpty ? kind.plural : "\(kind.plural).\(kind.group)"
  }

  /// Permission check for the dashboard at start (cleanup keys disabled with the message)
  /// and for every action: delete and get on IP CRs, get on each owner kind in `ownerKinds`.
  public static func permissions(
    client: KubectlClient, ownerKinds: Set<OwnerKind> = Set(OwnerKind.allCases)
  ) async -> CleanupRefusal? {
    do {
      guard try await client.canI("delete", canIResource(.ips)) else { return .noDeletePermission }
      let resources =
        [canIResource(.ips)]
        + ownerKinds.map { canIResource($0.resource) }.sorted()
      for resource in resources {
        guard try await client.canI("get", resource) else {
          return .noGetPermission(resource: resource)
        }
      }
      return nil
    } catch let error as KubeError {
      return .permissionCheckFailed(error.message)
    } catch {
      return .permissionCheckFailed("\(error)")
    }
  }

  /// Pure part: read-only and staleness.
  public static func local(_ context: CleanupContext, now: Date) -> CleanupRefusal? {
    if context.readOnly { return .readOnly }
    let age = now.timeIntervalSince(context.snapshotAt)
    if age > context.staleLimit || age < -context.staleLimit {
      return .staleSnapshot(age: age, limit: context.staleLimit)
    }
    return nil
  }

  /// Everything, in order: local checks, the cluster identity, then permissions for the
  /// owner kinds `orphans` will look up.
  public static func check(
    _ context: CleanupContext, orphans: [Orphan], client: KubectlClient, now: Date
  ) async -> CleanupRefusal? {
    if let refusal = local(context, now: now) { return refusal }
    do {
      let current = try await client.identity()
      if current != context.identity {
        return .clusterChanged(snapshot: context.identity, now: current)
      }
    } catch let error as KubeError {
      return .identityUnknown(error.message)
    } catch {
      return .identityUnknown("\(error)")
    }
    let kinds = Set(orphans.flatMap { $0.checks.map(\.kind) })
    return await permissions(client: client, ownerKinds: kinds)
  }
}
