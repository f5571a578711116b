import OvnipModel

/// What a lookup in a collected list found.
enum Presence<Value> {
  case found(Value)
  /// Known to be absent; `notServed` when the whole resource type is not served.
  case missing(notServed: Bool)
  /// The list could not be read: unknown means in use.
  case unknown(reason: String)
}

/// `namespace/name` without building a string (hashing two shared strings is cheaper).
struct ObjectKey: Hashable {
  var namespace: String
  var name: String
  init(_ namespace: String, _ name: String) {
    self.namespace = namespace
    self.name = name
  }
  init(_ meta: ObjectMeta) { self.init(meta.namespace, meta.name) }
}

/// A collected list indexed by key once, so each owner lookup is O(1).
struct KeyedList<Key: Hashable, Value> {
  private let map: [Key: Value]
  private let state: State
  private enum State {
    case present, notServed
    case unknown(String)
  }

  init(_ collected: Collected<[Value]>, key: (Value) -> Key) {
    switch collected {
    case .present(let items):
      var map: [Key: Value] = [:]
      map.reserveCapacity(items.count)
      for item in items { map[key(item)] = item }
      self.map = map
      state = .present
    case .notServed:
      map = [:]
      state = .notServed
    case .unknown(let reason):
      map = [:]
      state = .unknown(reason)
    }
  }

  func lookup(_ key: Key) -> Presence<Value> {
    switch state {
    case .unknown(let reason): return .unknown(reason: reason)
    case .notServed: return .missing(notServed: true)
    case .present: return map[key].map { .found($0) } ?? .missing(notServed: false)
    }
  }

  /// True when the list was read (present or not served).
  var isKnown: Bool {
    if case .unknown = state { return false }
    return true
  }
}
