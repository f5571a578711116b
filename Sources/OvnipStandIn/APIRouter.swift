import Foundation
import OvnipModel
import OvnipScenario

/// What to answer a request with.
enum Reply: Sendable {
  /// A complete response. `truncate` sends only the first half of the body.
  case body(status: Int, contentType: String, bytes: [UInt8], truncate: Bool = false)
  /// A watch stream.
  case watch(WatchRequest)
}

/// A watch the handler should stream.
struct WatchRequest: Sendable {
  var kind: ResourceKind
  var selection: Selection
  var fromRV: Int?
  var bookmarks: Bool
  var dropAfter: Int?
}

/// Maps one request to a reply: discovery, list/get/watch/create/delete, access reviews.
/// Pure apart from the `ClusterState` it reads and mutates.
struct APIRouter {
  let state: ClusterState
  let knobs: StandInKnobs

  static let json = "application/json"
  static let aggregatedType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

  func route(method: String, path: String, query: String, accept: String, body: [UInt8]) -> Reply {
    let params = QueryString.parse(query)
    let seg = path.split(separator: "/").map(String.init)
    let served = state.served
    let aggregated = accept.contains("as=APIGroupDiscoveryList") && accept.contains("v=v2")
    if knobs.unauthorized {
      return status(StatusBody.failure(code: 401, reason: "Unauthorized", message: "Unauthorized"))
    }
    switch seg {
    case ["version"]:
      return ok([
        "major": "1", "minor": "32", "gitVersion": .string(knobs.gitVersion),
        "gitCommit": "0000000000000000000000000000000000000000", "gitTreeState": "clean",
        "buildDate": "2025-04-22T16:00:00Z", "goVersion": "go1.23.8", "compiler": "gc",
        "platform": "linux/amd64",
      ])
    case ["api"]:
      if aggregated { return ok(APIResources.aggregated(core: true, served: served), type: Self.aggregatedType) }
      return ok([
        "kind": "APIVersions", "versions": ["v1"],
        "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"]],
      ])
    case ["apis"]:
      if aggregated { return ok(APIResources.aggregated(core: false, served: served), type: Self.aggregatedType) }
      return ok(APIResources.groupList(served: served))
    case ["api", "v1"]:
      return ok(APIResources.resourceList(group: "", served: served))
    case _ where seg.count == 3 && seg[0] == "apis" && seg[2] == "v1":
      guard APIResources.groups(served: served).contains(seg[1]) else { return notFoundPath() }
      return ok(APIResources.resourceList(group: seg[1], served: served))
    case ["apis", "authorization.k8s.io", "v1", "selfsubjectaccessreviews"]:
      return method == "POST" ? accessReview(body) : status(StatusBody.methodNotAllowed())
    default:
      break
    }
    let rest: ArraySlice<String>
    let group: String
    if seg.count >= 3, seg[0] == "api", seg[1] == "v1" {
      group = ""
      rest = seg[2...]
    } else if seg.count >= 4, seg[0] == "apis", seg[2] == "v1" {
      group = seg[1]
      rest = seg[3...]
    } else {
      return notFoundPath()
    }
    var namespace = ""
    var parts = Array(rest)
    if parts.count >= 3, parts[0] == "namespaces" {
      namespace = parts[1]
      parts = Array(parts[2...])
    }
    guard parts.count == 1 || parts.count == 2,
      let kind = ResourceKind.allCases.first(where: { $0.group == group && $0.plural == parts[0] }),
      served.contains(kind), namespace.isEmpty || kind.namespaced
    else { return notFoundPath() }
    let name = parts.count == 2 ? parts[1] : nil
    return resource(method: method, kind: kind, namespace: namespace, name: name, params: params, body: body)
  }

  func resource(
    method: String, kind: ResourceKind, namespace: String, name: String?, params: [String: String], body: [UInt8]
  ) -> Reply {
    let isWatch = params["watch"].map { $0 == "1" || $0 == "true" } ?? false
    let verb: String
    switch (method, name) {
    case ("GET", nil): verb = isWatch ? "watch" : "list"
    case ("GET", _): verb = "get"
    case ("DELETE", _?): verb = "delete"
    case ("POST", nil): verb = "create"
    default: return status(StatusBody.methodNotAllowed())
    }
    if knobs.serverError.contains(kind.plural) {
      return status(StatusBody.internalError("injected failure on \(APIResources.qualified(kind))"))
    }
    guard knobs.allows(verb, kind.plural) else {
      return status(
        StatusBody.forbidden(kind, verb: verb, namespace: namespace, name: name, user: knobs.user))
    }
    switch verb {
    case "list", "watch":
      var selection = Selection(namespace: namespace)
      if let fs = params["fieldSelector"], !fs.isEmpty {
        for term in fs.split(separator: ",") {
          let kv = term.split(separator: "=", maxSplits: 1).map(String.init)
          let key = kv[0].hasSuffix("=") ? String(kv[0].dropLast()) : kv[0]
          let value = kv.count > 1 ? kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "=")) : ""
          switch key {
          case "metadata.name": selection.name = value
          case "metadata.namespace":
            if !namespace.isEmpty && namespace != value { return listOf(kind, [], rv: state.currentRV) }
            selection.namespace = value
          default:
            return status(StatusBody.badRequest("field label not supported: \(key)"))
          }
        }
      }
      if let ls = params["labelSelector"], !ls.isEmpty {
        guard let sel = LabelSelector(ls) else {
          return status(StatusBody.badRequest("unable to parse requirement: unsupported selector \(ls)"))
        }
        selection.labels = sel
      }
      if verb == "watch" {
        let rv = params["resourceVersion"].flatMap { Int($0) }
        if let raw = params["resourceVersion"], !raw.isEmpty, rv == nil {
          return status(StatusBody.badRequest("invalid resource version: \(raw)"))
        }
        return .watch(
          WatchRequest(
            kind: kind, selection: selection, fromRV: rv, bookmarks: params["allowWatchBookmarks"] == "true",
            dropAfter: knobs.dropWatchAfterEvents[kind.plural]))
      }
      return list(kind, selection: selection, params: params)
    case "get":
      guard let o = state.get(kind, namespace: namespace, name: name!) else {
        return status(StatusBody.notFound(kind, name!))
      }
      return .body(status: 200, contentType: Self.json, bytes: o.bytes, truncate: knobs.truncated.contains(kind.plural))
    case "delete":
      return delete(kind, namespace: namespace, name: name!, body: body)
    default:
      return create(kind, namespace: namespace, body: body)
    }
  }

  func list(_ kind: ResourceKind, selection: Selection, params: [String: String]) -> Reply {
    var startAfter: String? = nil
    var tokenRV: Int? = nil
    if let c = params["continue"], !c.isEmpty {
      guard let token = ContinueToken.decode(c) else {
        return status(StatusBody.badRequest("continue key is not valid: illegal base64 data"))
      }
      startAfter = token.start
      tokenRV = token.rv
    }
    let limit = params["limit"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    let page = state.list(kind, selection: selection, startAfter: startAfter, limit: limit)
    let rv = tokenRV ?? page.rv
    var meta: JSONValue = ["resourceVersion": .string(String(rv))]
    if let last = page.last {
      meta["continue"] = .string(ContinueToken.encode(rv: rv, start: last))
      // Like the API server: no count when a selector filters the list.
      if selection.name == nil && selection.labels.isEmpty { meta["remainingItemCount"] = .int(page.remaining) }
    }
    return listBody(kind, page.items, meta: meta)
  }

  func listOf(_ kind: ResourceKind, _ items: [StoredObject], rv: Int) -> Reply {
    listBody(kind, items, meta: ["resourceVersion": .string(String(rv))])
  }

  func listBody(_ kind: ResourceKind, _ items: [StoredObject], meta: JSONValue) -> Reply {
    var out = Array(
      "{\"kind\":\"\(kind.kind)List\",\"apiVersion\":\"\(kind.groupVersion)\",\"metadata\":".utf8)
    meta.write(into: &out)
    out.append(contentsOf: Array(",\"items\":[".utf8))
    // Built-in types drop apiVersion/kind from list items; custom resources keep them.
    let builtIn = kind.group.isEmpty || kind.group == "apps"
    let prefix = Array("{\"apiVersion\":\"\(kind.groupVersion)\",\"kind\":\"\(kind.kind)\",".utf8)
    for (i, o) in items.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      if builtIn, o.bytes.starts(with: prefix) {
        out.append(UInt8(ascii: "{"))
        out.append(contentsOf: o.bytes[prefix.count...])
      } else {
        out.append(contentsOf: o.bytes)
      }
    }
    out.append(contentsOf: Array("]}".utf8))
    return .body(status: 200, contentType: Self.json, bytes: out, truncate: knobs.truncated.contains(kind.plural))
  }

  func delete(_ kind: ResourceKind, namespace: String, name: String, body: [UInt8]) -> Reply {
    var uid: String? = nil
    var rv: String? = nil
    if !body.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) {
      guard let options = try? JSONValue.parse(body), options.objectValue != nil else {
        return status(StatusBody.badRequest("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf"))
      }
      uid = options.value(at: ["preconditions", "uid"])?.stringValue
      rv = options.value(at: ["preconditions", "resourceVersion"])?.stringValue
    }
    let delay = knobs.finalizerDelay
    switch state.delete(
      kind, namespace: namespace, name: name, uid: uid, resourceVersion: rv, markTerminating: delay != nil)
    {
    case .ok(let o): return .body(status: 200, contentType: Self.json, bytes: o.bytes)
    case .terminating(let o):
      let state = self.state
      DispatchQueue.global().asyncAfter(deadline: .now() + (delay ?? 0)) {
        state.finalize(kind, namespace: namespace, name: name)
      }
      return .body(status: 200, contentType: Self.json, bytes: o.bytes)
    case .notFound: return status(StatusBody.notFound(kind, name))
    case .preconditionFailed(let why): return status(StatusBody.conflict(kind, name, why))
    case .alreadyExists: return status(StatusBody.alreadyExists(kind, name))
    }
  }

  func create(_ kind: ResourceKind, namespace: String, body: [UInt8]) -> Reply {
    guard var o = try? JSONValue.parse(body), o.objectValue != nil else {
      return status(StatusBody.badRequest("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf"))
    }
    if let k = o["kind"]?.stringValue, k != kind.kind {
      return status(StatusBody.badRequest("the API version in the data (\(o["apiVersion"]?.stringValue ?? "")) does not match the expected API version (\(kind.groupVersion))"))
    }
    guard !o.name.isEmpty else {
      return status(StatusBody.failure(code: 422, reason: "Invalid", message: "\(kind.kind) \"\" is invalid: metadata.name: Required value: name or generateName is required", kind: kind))
    }
    if kind.namespaced {
      if o.namespace.isEmpty { o.set(["metadata", "namespace"], .string(namespace)) }
      if o.namespace != namespace || namespace.isEmpty {
        return status(StatusBody.badRequest("the namespace of the provided object does not match the namespace sent on the request"))
      }
    }
    o.set(["metadata", "uid"], nil)
    o.set(["metadata", "resourceVersion"], nil)
    o.set(["metadata", "creationTimestamp"], nil)
    o.set(["metadata", "deletionTimestamp"], nil)
    switch state.create(kind, o) {
    case .ok(let s), .terminating(let s): return .body(status: 201, contentType: Self.json, bytes: s.bytes)
    case .alreadyExists: return status(StatusBody.alreadyExists(kind, o.name))
    default: return status(StatusBody.internalError("create failed"))
    }
  }

  func accessReview(_ body: [UInt8]) -> Reply {
    guard var review = ProtobufAccessReview.decode(body) ?? (try? JSONValue.parse(body)),
      review.objectValue != nil
    else {
      return status(StatusBody.badRequest("the body of the request was in an unknown format"))
    }
    let attrs = review.value(at: ["spec", "resourceAttributes"])
    let verb = attrs?["verb"]?.stringValue ?? ""
    let resource = attrs?["resource"]?.stringValue ?? ""
    let allowed = knobs.allows(verb, resource)
    review.set(["metadata"], ["creationTimestamp": nil])
    review.set(["status"], allowed ? ["allowed": true, "reason": "stand-in allows it"] : ["allowed": false])
    return .body(status: 201, contentType: Self.json, bytes: review.serialized())
  }

  func ok(_ v: JSONValue, type: String = Self.json) -> Reply {
    .body(status: 200, contentType: type, bytes: v.serialized())
  }

  func status(_ s: JSONValue) -> Reply {
    .body(status: s["code"]?.intValue ?? 500, contentType: Self.json, bytes: s.serialized())
  }

  /// What the API server answers for a path no group/resource serves (a Status with empty details).
  func notFoundPath() -> Reply {
    status([
      "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
      "message": "the server could not find the requested resource", "reason": "NotFound", "details": [:],
      "code": 404,
    ])
  }
}

/// `metadata.continue` tokens shaped like the API server's: base64 of
/// `{"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}`.
enum ContinueToken {
  static func encode(rv: Int, start: String) -> String {
    let v: JSONValue = ["v": "meta.k8s.io/v1", "rv": .int(rv), "start": .string(start + "\u{0}")]
    return Data(v.serialized()).base64EncodedString()
  }
  static func decode(_ token: String) -> (rv: Int, start: String)? {
    var t = token
    while t.count % 4 != 0 { t += "=" }
    guard let data = Data(base64Encoded: t), let v = try? JSONValue.parse(Array(data)),
      let rv = v["rv"]?.intValue, var start = v["start"]?.stringValue
    else { return nil }
    if start.hasSuffix("\u{0}") { start.removeLast() }
    return (rv, start)
  }
}
