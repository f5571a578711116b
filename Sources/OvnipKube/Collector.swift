import Foundation
import OvnipModel

/// Lists resources through kubectl: `get --raw '<collectPath>?limit=N'`, following `continue`
/// tokens, each page decoded on its own; kinds in `ResourceKind.collectionOrder` (address
/// holders before their owners, so an owner created after our view of a holder is never
/// judged missing).
public struct Collector: Sendable {
  public var client: KubectlClient
  /// Items per page (`limit=`).
  public var pageLimit: Int
  /// Restarts of one list after its continue token expired (410) before giving up.
  public var expiredRestarts = 2

  public init(client: KubectlClient, pageLimit: Int = 5000) {
    self.client = client
    self.pageLimit = max(1, pageLimit)
  }

  /// `<listPath>?limit=N[&continue=TOKEN]`, the token percent-encoded.
  public func pagePath(_ kind: ResourceKind, continueToken: String) -> String {
    var path = "\(kind.collectPath)?limit=\(pageLimit)"
    if !continueToken.isEmpty {
      path += "&continue=\(Self.queryEscape(continueToken))"
    }
    return path
  }

  static func queryEscape(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
  }

  /// One `get --raw`, its error typed.
  func fetch(_ path: String) async throws(KubeError) -> [UInt8] {
    do {
      return try await client.get(path)
    } catch let error as KubeError {
      throw error
    } catch {
      throw KubeError(.other, Sanitize.line("\(error)"))
    }
  }

  /// Reads every page of `kind`, handing each page's bytes to `onPage`, which returns the
  /// page's continue token and resourceVersion. If a continue token expires (410), `restart`
  /// is called and the list starts over. Returns the resourceVersion of the last page.
  func readPages(
    _ kind: ResourceKind, restart: () -> Void,
    onPage: ([UInt8]) throws(KubeError) -> (continueToken: String, resourceVersion: String)
  ) async throws(KubeError) -> String {
    var restarts = 0
    var token = ""
    while true {
      let bytes: [UInt8]
      do {
        bytes = try await fetch(pagePath(kind, continueToken: token))
      } catch where error.kind == .gone && !token.isEmpty && restarts < expiredRestarts {
        restarts += 1
        token = ""
        restart()
        continue
      }
      let (next, rv) = try onPage(bytes)
      if next.isEmpty { return rv }
      token = next
    }
  }

  /// Lists `kind` into its store; the store changes only if every page was read.
  func list(_ kind: ResourceKind, into stores: inout StoreSet) async throws(KubeError) {
    var store = stores[kind]
    do throws(KubeError) {
      let rv = try await readPages(kind, restart: { store.discardList() }) {
        (bytes) throws(KubeError) in
        do throws(ModelError) {
          return try store.ingestPage(Data(bytes))
        } catch {
          throw KubeError(.malformed, error.description)
        }
      }
      store.commitList(resourceVersion: rv)
      stores[kind] = store
    } catch {
      store.discardList()
      stores[kind] = store
      throw error
    }
  }

  /// Lists `kind` into a fresh store (for re-lists while the old store stays in use).
  func freshStore(_ kind: ResourceKind) async throws(KubeError) -> any KindStoring {
    var stores = StoreSet()
    try await list(kind, into: &stores)
    return stores[kind]
  }

  /// Reads every served kind once, in collection order, into `stores`.
  ///
  /// A kind that fails for a reason of its own (forbidden, malformed JSON, a server error)
  /// becomes `.unknown(reason)` and collection goes on; failures that mean the cluster cannot
  /// be read at all (unreachable, unauthorized, unknown context, no kubectl) are thrown.
  /// Returns the errors of the kinds that became unknown.
  @discardableResult
  func collect(
    discovery: Discovery, into stores: inout StoreSet,
    progress: @Sendable (_ done: Int, _ total: Int, _ kind: ResourceKind) -> Void
  ) async throws(KubeError) -> [ResourceKind: KubeError] {
    var failures: [ResourceKind: KubeError] = [:]
    for kind in ResourceKind.collectionOrder {
      switch discovery.kinds[kind] ?? .notServed {
      case .present: continue
      case let other: stores[kind].markUnavailable(other)
      }
    }
    let kinds = discovery.servedKinds
    for (index, kind) in kinds.enumerated() {
      progress(index, kinds.count, kind)
      do {
        try await list(kind, into: &stores)
      } catch where Self.isFatal(error) {
        throw error
      } catch {
        failures[kind] = error
        stores[kind].markUnavailable(.unknown(reason: Self.reason(kind, error)))
      }
    }
    progress(kinds.count, kinds.count, kinds.last ?? .subnets)
    return failures
  }

  /// `pods: Error from server (Forbidden): ...`: the one-line reason a kind is unknown.
  static func reason(_ kind: ResourceKind, _ error: KubeError) -> String {
    "\(kind.plural): \(error.message)"
  }

  /// Reads the whole cluster once: the snapshot `--once` reports on.
  public func snapshot(
    discovery: Discovery,
    progress: @Sendable (_ done: Int, _ total: Int, _ kind: ResourceKind) -> Void = { _, _, _ in }
  ) async throws(KubeError) -> ClusterSnapshot {
    var stores = StoreSet()
    try await collect(discovery: discovery, into: &stores, progress: progress)
    return stores.snapshot()
  }

  /// Reads every page of `kind` and merges them into one List JSON, as the server returned
  /// it (for `collect --to DIR`).
  public func rawList(_ kind: ResourceKind) async throws(KubeError) -> [UInt8] {
    var merger = ListMerger()
    _ = try await readPages(kind, restart: { merger = ListMerger() }) {
      (bytes) throws(KubeError) in
      do throws(ListMergeError) {
        return try merger.add(page: bytes)
      } catch {
        throw KubeError(.malformed, "\(kind.plural): \(error.description)")
      }
    }
    return merger.merged()
  }

  /// Errors after which no other kind can be read either.
  static func isFatal(_ error: KubeError) -> Bool {
    switch error.kind {
    case .unreachable, .unauthorized, .unknownContext, .kubectlMissing: true
    default: false
    }
  }
}
