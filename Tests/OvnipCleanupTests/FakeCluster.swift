import Foundation
import OvnipKube
import OvnipModel

/// A closure test double of the API server behind `KubectlClient`: objects by path, a
/// request log, injected failures. Deletes honour uid/resourceVersion preconditions the way
/// the API server does (409), missing objects give 404.
actor FakeCluster {
  struct Request: Sendable, Hashable {
    var method: String
    var path: String
    var body: String
  }

  private(set) var objects: [String: Data] = [:]
  private(set) var requests: [Request] = []
  var identity = ClusterIdentity(context: "kind-ovn", server: "https://127.0.0.1:6443")
  /// "verb resource" → allowed; absent means allowed.
  var permissions: [String: Bool] = [:]
  /// "METHOD path" → the error that request gets (once per request, every time).
  var failures: [String: KubeError] = [:]
  /// After this many requests every call fails as unreachable (a dropped connection).
  var dropAfter: Int?
  /// Called before a request is answered (e.g. to recreate an object meanwhile).
  var onRequest: (@Sendable (Request, FakeCluster) async -> Void)?
  private var nextRV = 1000

  func put(_ path: String, _ json: String) { objects[path] = Data(json.utf8) }
  func remove(_ path: String) { objects[path] = nil }
  func set(failure: KubeError?, for key: String) { failures[key] = failure }
  func set(permission: Bool, _ key: String) { permissions[key] = permission }
  func set(dropAfter n: Int?) { dropAfter = n }
  func set(identity: ClusterIdentity) { self.identity = identity }
  func set(onRequest hook: (@Sendable (Request, FakeCluster) async -> Void)?) { onRequest = hook }
  func clearLog() { requests = [] }

  func count(_ method: String) -> Int { requests.filter { $0.method == method }.count }
  func deletes() -> [String] { requests.filter { $0.method == "DELETE" }.map(\.path) }

  private func begin(_ method: String, _ path: String, _ body: [UInt8] = []) async throws -> Void {
    let request = Request(method: method, path: path, body: String(decoding: body, as: UTF8.self))
    requests.append(request)
    if let hook = onRequest { await hook(request, self) }
    if let dropAfter, requests.count > dropAfter {
      throw KubeError(.unreachable, "The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?")
    }
    if let failure = failures["\(method) \(path)"] { throw failure }
  }

  private func notFound(_ path: String) -> KubeError {
    KubeError(.notFound, "Error from server (NotFound): \(path.split(separator: "/").last ?? "") not found")
  }

  func get(_ path: String) async throws -> [UInt8] {
    try await begin("GET", path)
    if let object = objects[path] { return Array(object) }
    let prefix = path + "/"
    let items = objects.filter { $0.key.hasPrefix(prefix) && !$0.key.dropFirst(prefix.count).contains("/") }
    if !items.isEmpty || Self.isList(path) {
      let body = items.sorted { $0.key < $1.key }.map { String(decoding: $0.value, as: UTF8.self) }
        .joined(separator: ",")
      return Array("{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"\(nextRV)\"},\"items\":[\(body)]}".utf8)
    }
    throw notFound(path)
  }

  static func isList(_ path: String) -> Bool {
    ResourceKind.allCases.contains { $0.listPath == path }
  }

  func delete(_ path: String, _ body: [UInt8]) async throws -> [UInt8] {
    try await begin("DELETE", path, body)
    guard let object = objects[path] else { throw notFound(path) }
    let meta = try Self.meta(object)
    if let options = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
      let pre = options["preconditions"] as? [String: Any]
    {
      if let uid = pre["uid"] as? String, uid != meta.uid {
        throw KubeError(.conflict, "Error from server (Conflict): Operation cannot be fulfilled: Precondition failed: UID in precondition: \(uid), UID in object meta: \(meta.uid)")
      }
      if let rv = pre["resourceVersion"] as? String, rv != meta.rv {
        throw KubeError(.conflict, "Error from server (Conflict): Operation cannot be fulfilled: Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(meta.rv)")
      }
    }
    objects[path] = nil
    return Array(object)
  }

  func create(_ path: String, _ body: [UInt8]) async throws -> [UInt8] {
    try await begin("POST", path, body)
    guard var top = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
      var meta = top["metadata"] as? [String: Any], let name = meta["name"] as? String
    else { throw KubeError(.other, "Error from server (BadRequest): bad object") }
    if meta["uid"] != nil || meta["resourceVersion"] != nil {
      throw KubeError(.other, "Error from server (BadRequest): resourceVersion should not be set on objects to be created")
    }
    let target = path + "/" + name
    if objects[target] != nil {
      throw KubeError(.conflict, "Error from server (AlreadyExists): ips.kubeovn.io \"\(name)\" already exists")
    }
    nextRV += 1
    meta["uid"] = "restored-\(nextRV)"
    meta["resourceVersion"] = "\(nextRV)"
    meta["creationTimestamp"] = "2026-11-28T05:00:00Z"
    top["metadata"] = meta
    let stored = try JSONSerialization.data(withJSONObject: top, options: [.sortedKeys])
    objects[target] = stored
    return Array(stored)
  }

  func canI(_ verb: String, _ resource: String) async throws -> Bool {
    try await begin("CANI", "\(verb) \(resource)")
    return permissions["\(verb) \(resource)"] ?? true
  }

  func currentIdentity() async throws -> ClusterIdentity {
    try await begin("IDENTITY", "")
    return identity
  }

  static func meta(_ object: Data) throws -> (uid: String, rv: String) {
    let top = try JSONSerialization.jsonObject(with: object) as? [String: Any]
    let meta = top?["metadata"] as? [String: Any]
    return (meta?["uid"] as? String ?? "", meta?["resourceVersion"] as? String ?? "")
  }

  /// The client whose closures call this fake.
  nonisolated var client: KubectlClient {
    KubectlClient(
      get: { try await self.get($0) },
      delete: { try await self.delete($0, $1) },
      create: { try await self.create($0, $1) },
      watch: { _, _ in throw KubeError(.other, "watch is not faked") },
      canI: { try await self.canI($0, $1) },
      identity: { try await self.currentIdentity() })
  }
}
