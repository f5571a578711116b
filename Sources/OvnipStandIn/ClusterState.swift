import Foundation
import OvnipModel
import OvnipScenario

/// The stand-in's cluster: objects, the global resourceVersion, the event history and the
/// registered watches. Thread-safe; every mutation bumps the resourceVersion and feeds watchers.
final class ClusterState: @unchecked Sendable {
  private let lock = NSLock()
  private var tables: [ResourceKind: KindTable] = [:]
  private(set) var served: Set<ResourceKind>
  private var rv = 1
  private var history: [StoredEvent] = []
  private var historyLimit: Int
  /// A watch from a resourceVersion below this is answered 410 Gone.
  fileprivate var floorRV = 1
  private var watchers: [Int: WatcherEntry] = [:]
  private var nextWatcher = 1
  private var rng: SeededRandom
  private let now: @Sendable () -> Date

  init(scenario: Scenario, historyLimit: Int = 5000, now: @escaping @Sendable () -> Date) {
    served = scenario.served
    self.historyLimit = historyLimit
    rng = SeededRandom(seed: scenario.seed ^ 0x5EED)
    self.now = now
    for kind in ResourceKind.allCases where served.contains(kind) {
      var t = KindTable()
      for var o in scenario.items(kind) {
        rv += 1
        o.set(["metadata", "resourceVersion"], .string(String(rv)))
        let s = Self.stored(o, rv: rv)
        t.objects[s.key] = s
      }
      tables[kind] = t
    }
    floorRV = rv
  }

  static func stored(_ o: JSONValue, rv: Int) -> StoredObject {
    StoredObject(
      name: o.name, namespace: o.namespace, uid: o.value(at: ["metadata", "uid"])?.stringValue ?? "",
      resourceVersion: rv, bytes: o.serialized())
  }

  func withLock<T>(_ body: () throws -> T) rethrows -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }

  var currentRV: Int { withLock { rv } }
  func isServed(_ k: ResourceKind) -> Bool { withLock { served.contains(k) } }

  // MARK: Reads

  /// One page of a list, in key order, starting after `startAfter`.
  func list(_ kind: ResourceKind, selection: Selection, startAfter: String?, limit: Int?)
    -> (items: [StoredObject], last: String?, remaining: Int, rv: Int)
  {
    withLock {
      var t = tables[kind] ?? KindTable()
      let keys = t.sortedKeys()
      tables[kind] = t
      var i = 0
      if let startAfter {
        var lo = 0, hi = keys.count
        while lo < hi {
          let mid = (lo + hi) / 2
          if keys[mid] <= startAfter { lo = mid + 1 } else { hi = mid }
        }
        i = lo
      }
      var out: [StoredObject] = []
      var lastKey: String? = nil
      let max = limit ?? Int.max
      while i < keys.count {
        let o = t.objects[keys[i]]!
        i += 1
        guard selection.matches(o, labels: { Self.labels(of: o) }) else { continue }
        if out.count == max {
          // There is at least one more match.
          var remaining = 1
          while i < keys.count {
            let n = t.objects[keys[i]]!
            if selection.matches(n, labels: { Self.labels(of: n) }) { remaining += 1 }
            i += 1
          }
          return (out, lastKey, remaining, rv)
        }
        out.append(o)
        lastKey = o.key
      }
      return (out, nil, 0, rv)
    }
  }

  static func labels(of o: StoredObject) -> [String: String] {
    guard let v = try? JSONValue.parse(o.bytes),
      let l = v.value(at: ["metadata", "labels"])?.objectValue
    else { return [:] }
    var out: [String: String] = [:]
    for (k, v) in l { out[k] = v.stringValue ?? "" }
    return out
  }

  func get(_ kind: ResourceKind, namespace: String, name: String) -> StoredObject? {
    withLock { tables[kind]?.objects[key(namespace, name)] }
  }

  func key(_ ns: String, _ name: String) -> String { ns.isEmpty ? name : "\(ns)/\(name)" }

  // MARK: Mutations

  enum WriteResult {
    case ok(StoredObject)
    /// Marked for deletion; finalizers still hold it.
    case terminating(StoredObject)
    case notFound
    case alreadyExists
    case preconditionFailed(String)
  }

  /// Creates an object; assigns uid, resourceVersion, creationTimestamp. 409 if it exists.
  func create(_ kind: ResourceKind, _ object: JSONValue) -> WriteResult {
    withLock {
      if tables[kind]?.objects[key(object.namespace, object.name)] != nil { return .alreadyExists }
      return .ok(putLocked(kind, object, preserveIdentity: false))
    }
  }

  /// Creates or replaces (keeping uid and creationTimestamp of an existing object).
  @discardableResult
  func upsert(_ kind: ResourceKind, _ object: JSONValue) -> StoredObject {
    withLock { putLocked(kind, object, preserveIdentity: true) }
  }

  private func putLocked(_ kind: ResourceKind, _ object: JSONValue, preserveIdentity: Bool) -> StoredObject {
    var o = object
    let k = key(o.namespace, o.name)
    let existing = tables[kind]?.objects[k]
    // apiVersion and kind first, as the API server writes them (list items rely on it).
    var withType: JSONValue = [
      "apiVersion": o["apiVersion"] ?? .string(kind.groupVersion), "kind": o["kind"] ?? .string(kind.kind),
    ]
    for (key, value) in o.objectValue ?? JSONObject() where key != "apiVersion" && key != "kind" {
      withType[key] = value
    }
    o = withType
    if let existing, preserveIdentity {
      o.set(["metadata", "uid"], .string(existing.uid))
    } else if (o.value(at: ["metadata", "uid"])?.stringValue ?? "").isEmpty {
      o.set(["metadata", "uid"], .string(rng.uuid()))
    }
    if o.value(at: ["metadata", "creationTimestamp"])?.stringValue == nil {
      o.set(["metadata", "creationTimestamp"], .string(ObjectFactory.rfc3339(now())))
    }
    rv += 1
    o.set(["metadata", "resourceVersion"], .string(String(rv)))
    let s = Self.stored(o, rv: rv)
    tables[kind, default: KindTable()].objects[k] = s
    if existing == nil { tables[kind]!.sortedCache = nil }
    emitLocked(kind, type: existing == nil ? "ADDED" : "MODIFIED", s)
    return s
  }

  /// Deletes honouring DeleteOptions preconditions (uid, resourceVersion).
  /// With `markTerminating`, an object that has finalizers is not removed: it gets a
  /// `deletionTimestamp` (MODIFIED) and `.terminating` is returned; `finalize` removes it later.
  func delete(
    _ kind: ResourceKind, namespace: String, name: String, uid: String?, resourceVersion: String?,
    markTerminating: Bool = false
  ) -> WriteResult {
    withLock {
      let k = key(namespace, name)
      guard let o = tables[kind]?.objects[k] else { return .notFound }
      if let uid, uid != o.uid {
        return .preconditionFailed("Precondition failed: UID in precondition: \(uid), UID in object meta: \(o.uid)")
      }
      if let resourceVersion, resourceVersion != String(o.resourceVersion) {
        return .preconditionFailed(
          "Precondition failed: ResourceVersion in precondition: \(resourceVersion), ResourceVersion in object meta: \(o.resourceVersion)"
        )
      }
      var v = (try? JSONValue.parse(o.bytes)) ?? [:]
      let finalizers = v.value(at: ["metadata", "finalizers"])?.arrayValue ?? []
      if markTerminating, !finalizers.isEmpty {
        if v.value(at: ["metadata", "deletionTimestamp"]) == nil {
          rv += 1
          v.set(["metadata", "resourceVersion"], .string(String(rv)))
          v.set(["metadata", "deletionTimestamp"], .string(ObjectFactory.rfc3339(now())))
          v.set(["metadata", "deletionGracePeriodSeconds"], 0)
          let marked = Self.stored(v, rv: rv)
          tables[kind]!.objects[k] = marked
          emitLocked(kind, type: "MODIFIED", marked)
          return .terminating(marked)
        }
        return .terminating(o)
      }
      tables[kind]!.objects[k] = nil
      tables[kind]!.sortedCache = nil
      rv += 1
      v.set(["metadata", "resourceVersion"], .string(String(rv)))
      let gone = Self.stored(v, rv: rv)
      emitLocked(kind, type: "DELETED", gone)
      return .ok(gone)
    }
  }

  /// The controller's part of a deletion: drops the finalizers of a terminating object
  /// (MODIFIED) and removes it (DELETED). No-op if it is gone or not terminating.
  func finalize(_ kind: ResourceKind, namespace: String, name: String) {
    let terminating: Bool = withLock {
      guard let o = tables[kind]?.objects[key(namespace, name)],
        let v = try? JSONValue.parse(o.bytes)
      else { return false }
      return v.value(at: ["metadata", "deletionTimestamp"]) != nil
    }
    guard terminating, let o = get(kind, namespace: namespace, name: name),
      var v = try? JSONValue.parse(o.bytes)
    else { return }
    v.set(["metadata", "finalizers"], nil)
    upsert(kind, v)
    _ = delete(kind, namespace: namespace, name: name, uid: nil, resourceVersion: nil)
  }

  // MARK: Watch

  private func emitLocked(_ kind: ResourceKind, type: String, _ o: StoredObject) {
    let line = Self.eventLine(type: type, object: o.bytes)
    history.append(
      StoredEvent(
        resourceVersion: o.resourceVersion, kind: kind, namespace: o.namespace, name: o.name, line: line, object: o))
    if history.count > historyLimit {
      let drop = history.count - historyLimit
      floorRV = history[drop - 1].resourceVersion
      history.removeFirst(drop)
    }
    for w in watchers.values where w.kind == kind {
      if w.selection.matches(o, labels: { Self.labels(of: o) }) { w.deliver(line) }
    }
  }

  static func eventLine(type: String, object: [UInt8]) -> [UInt8] {
    var line = Array("{\"type\":\"\(type)\",\"object\":".utf8)
    line.append(contentsOf: object)
    line.append(contentsOf: Array("}\n".utf8))
    return line
  }

  enum WatchStart {
    case started(id: Int)
    case expired(requested: Int, oldest: Int)
  }

  /// Registers a watcher. With `fromRV` nil or 0 it first gets ADDED for every current object;
  /// otherwise the events after `fromRV` are replayed (410 if they are no longer kept).
  func watch(
    _ kind: ResourceKind, selection: Selection, fromRV: Int?, deliver: @escaping @Sendable ([UInt8]) -> Void
  ) -> WatchStart {
    withLock {
      if let fromRV, fromRV > 0 {
        if fromRV < floorRV { return .expired(requested: fromRV, oldest: floorRV) }
        for e in history where e.kind == kind && e.resourceVersion > fromRV {
          if selection.matches(e.object, labels: { Self.labels(of: e.object) }) { deliver(e.line) }
        }
      } else {
        var t = tables[kind] ?? KindTable()
        for k in t.sortedKeys() {
          let o = t.objects[k]!
          if selection.matches(o, labels: { Self.labels(of: o) }) {
            deliver(Self.eventLine(type: "ADDED", object: o.bytes))
          }
        }
        tables[kind] = t
      }
      let id = nextWatcher
      nextWatcher += 1
      watchers[id] = WatcherEntry(kind: kind, selection: selection, deliver: deliver)
      return .started(id: id)
    }
  }

  func unwatch(_ id: Int) { withLock { watchers[id] = nil } }

  var watcherCount: Int { withLock { watchers.count } }

  /// Forgets the history: every watch from an older resourceVersion now gets 410 Gone.
  func expireHistory() {
    withLock {
      rv += 1
      floorRV = rv
      history.removeAll()
    }
  }
}

extension ClusterState {
  /// Watches from a resourceVersion below this get 410 Gone.
  var floor: Int { withLock { floorRV } }
}
