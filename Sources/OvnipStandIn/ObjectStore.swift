import Foundation
import OvnipModel
import OvnipScenario

/// One stored object: its serialised bytes plus the metadata the API logic needs.
struct StoredObject: Sendable {
  var name: String
  var namespace: String
  var uid: String
  var resourceVersion: Int
  /// Compact JSON of the whole object (with apiVersion and kind first).
  var bytes: [UInt8]

  var key: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}

/// A watch event kept for replay.
struct StoredEvent: Sendable {
  var resourceVersion: Int
  var kind: ResourceKind
  var namespace: String
  var name: String
  /// The whole event line, `{"type":"ADDED","object":{…}}\n`.
  var line: [UInt8]
  /// The object as it was at this event (for selector matching on replay).
  var object: StoredObject
}

/// Objects of one resource, kept sorted by `namespace/name` (etcd key order) on demand.
struct KindTable: Sendable {
  var objects: [String: StoredObject] = [:]
  var sortedCache: [String]? = nil

  mutating func sortedKeys() -> [String] {
    if let s = sortedCache { return s }
    let s = objects.keys.sorted()
    sortedCache = s
    return s
  }
}

/// What a list/watch/get is restricted to.
struct Selection: Sendable {
  var namespace: String = ""
  /// `fieldSelector=metadata.name=X`.
  var name: String? = nil
  /// `labelSelector` equality terms (`k=v`, `k==v`, `k`, `!k`, `k!=v`).
  var labels: LabelSelector = LabelSelector()

  func matches(_ o: StoredObject, labels objectLabels: () -> [String: String]) -> Bool {
    if !namespace.isEmpty && o.namespace != namespace { return false }
    if let name, o.name != name { return false }
    if labels.isEmpty { return true }
    return labels.matches(objectLabels())
  }
}

/// A registered watch stream.
struct WatcherEntry: Sendable {
  var kind: ResourceKind
  var selection: Selection
  /// Called (inside the store lock, must not block) with each event line.
  var deliver: @Sendable ([UInt8]) -> Void
}
