import Foundation
import OvnipKube
import OvnipModel

/// Re-creates IP CRs deleted by a cleanup action, from its journal.
///
/// An item is restored only where its subnet exists and no holder (IP CR, IptablesEIP,
/// OvnEip, Vip) has any of its addresses now; otherwise it is refused with the reason.
/// The object is POSTed as journaled minus the server-set fields (uid, resourceVersion,
/// creationTimestamp, generation, managedFields, deletionTimestamp, …) and minus `status`.
public struct RestoreEngine: Sendable {
  public var client: KubectlClient

  public init(client: KubectlClient) { self.client = client }

  /// Metadata fields the API server sets; a create must not carry them.
  public static let serverSetMetadata: Set<String> = [
    "uid", "resourceVersion", "creationTimestamp", "generation", "managedFields",
    "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink",
  ]

  /// The items of a journal that restore may put back: a `delete` line (the object as
  /// fetched) whose outcome is `deleted`, `failed` (the DELETE may have landed) or missing
  /// (killed after the DELETE was sent). The last record per name wins.
  public static func deletedItems(_ records: [JournalRecord]) -> [(name: String, object: Data)] {
    var order: [String] = []
    var objects: [String: Data] = [:]
    var outcomes: [String: String] = [:]
    for record in records {
      guard let name = record.name else { continue }
      switch record.type {
      case .delete:
        if let object = record.object {
          if objects[name] == nil { order.append(name) }
          objects[name] = object
          outcomes[name] = nil
        }
      case .outcome:
        if objects[name] != nil { outcomes[name] = record.outcome }
      default: break
      }
    }
    return order.compactMap { name in
      guard let object = objects[name] else { return nil }
      switch outcomes[name] {
      case nil, "deleted", "failed": return (name, object)
      default: return nil
      }
    }
  }

  /// The create body: the journaled object without server-set fields and status.
  public static func createBody(from object: Data) throws(JournalError) -> Data {
    guard var top = (try? JSONSerialization.jsonObject(with: object)) as? [String: Any],
      var metadata = top["metadata"] as? [String: Any]
    else { throw JournalError("the journaled object is not a Kubernetes object") }
    for key in serverSetMetadata { metadata.removeValue(forKey: key) }
    top["metadata"] = metadata
    top.removeValue(forKey: "status")
    top["apiVersion"] = "kubeovn.io/v1"
    top["kind"] = "IP"
    guard
      let body = try? JSONSerialization.data(
        withJSONObject: top, options: [.sortedKeys, .withoutEscapingSlashes])
    else { throw JournalError("the journaled object cannot be re-encoded") }
    return body
  }

  /// Restores `names` (all deletable items when empty) from the journal at `path`.
  /// Returns one result per item; throws only when the journal cannot be used at all.
  public func run(journal path: String, names: [String] = [], dryRun: Bool = false) async throws(JournalError) -> [RestoreResult] {
    let (records, _) = try Journal.read(path)
    if let header = records.first {
      do {
        let current = try await client.identity()
        if current.context != header.context || current.server != header.server {
          throw JournalError(
            "the journal is from context \(CleanupText.line(header.context)) at \(CleanupText.line(header.server)); kubectl now points at \(CleanupText.line(current.context)) at \(CleanupText.line(current.server))")
        }
      } catch let error as JournalError {
        throw error
      } catch {
        throw JournalError("could not determine the current context: \(error)")
      }
    }
    let available = Self.deletedItems(records)
    var selected = available
    var results: [RestoreResult] = []
    if !names.isEmpty {
      let wanted = Set(names)
      selected = available.filter { wanted.contains($0.name) }
      let have = Set(available.map(\.name))
      for name in names where !have.contains(name) {
        results.append(RestoreResult(name: name, outcome: .refused, detail: "not deleted by this action (see the journal)"))
      }
    }
    if selected.isEmpty { return results }

    var holders: AddressHolders
    do {
      holders = try await AddressHolders.load(client)
    } catch {
      return results + selected.map {
        RestoreResult(name: $0.name, outcome: .refused, detail: "cannot check who holds addresses now: \(error.message)")
      }
    }
    var subnetExists: [String: Result<Bool, KubeError>] = [:]
    for item in selected {
      results.append(await restore(item, holders: &holders, subnets: &subnetExists, dryRun: dryRun))
    }
    return results
  }

  private func restore(
    _ item: (name: String, object: Data), holders: inout AddressHolders,
    subnets: inout [String: Result<Bool, KubeError>], dryRun: Bool
  ) async -> RestoreResult {
    func refuse(_ why: String) -> RestoreResult { RestoreResult(name: item.name, outcome: .refused, detail: why) }
    let ip: IPCR
    let body: Data
    do {
      ip = try JSONDecoder().decode(IPCR.self, from: item.object)
      body = try Self.createBody(from: item.object)
    } catch {
      return refuse("the journaled object cannot be read: \(error)")
    }
    if let existing = holders.ipNames[item.name] {
      return refuse("an IP CR named \(item.name) exists now (uid \(existing))")
    }
    let subnet = ip.spec.subnet
    guard !subnet.isEmpty else { return refuse("the journaled IP CR names no subnet") }
    if subnets[subnet] == nil {
      do {
        _ = try await client.get(ResourceKind.subnets.objectPath(name: subnet))
        subnets[subnet] = .success(true)
      } catch let error as KubeError {
        subnets[subnet] = error.kind == .notFound ? .success(false) : .failure(error)
      } catch {
        subnets[subnet] = .failure(KubeError(.other, "\(error)"))
      }
    }
    switch subnets[subnet]! {
    case .success(false): return refuse("subnet \(subnet) not found")
    case .failure(let error): return refuse("could not check subnet \(subnet): \(error.message)")
    case .success(true): break
    }
    let addresses = [ip.spec.v4IpAddress, ip.spec.v6IpAddress].filter { !$0.isEmpty }
    for address in addresses {
      if let holder = holders.holder(of: address, subnet: subnet) {
        return refuse("address \(address) is held by \(holder.kind.rawValue) \(holder.name) now")
      }
    }
    let summary = "subnet \(subnet)" + (addresses.isEmpty ? "" : ", " + addresses.joined(separator: ", "))
    if dryRun {
      return RestoreResult(name: item.name, outcome: .wouldRestore, detail: summary)
    }
    do {
      _ = try await client.create(ResourceKind.ips.listPath, Array(body))
    } catch let error as KubeError {
      if error.kind == .conflict {
        return refuse("an IP CR named \(item.name) was created meanwhile: \(error.message)")
      }
      return RestoreResult(name: item.name, outcome: .failed, detail: "create: \(error.message)")
    } catch {
      return RestoreResult(name: item.name, outcome: .failed, detail: "create: \(error)")
    }
    holders.add(name: item.name, uid: "(restored)", subnet: subnet, addresses: addresses)
    return RestoreResult(name: item.name, outcome: .restored, detail: summary)
  }
}
