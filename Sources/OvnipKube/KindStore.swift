import Foundation
import OvnipModel

/// A model type the poller keeps: decodable from a list item or a watch event, with metadata.
public protocol KubeObjectModel: Decodable, Sendable {
  /// The object's metadata (name, namespace, uid, resourceVersion...).
  var metadata: ObjectMeta { get }
  /// Fills fields the object does not carry itself (e.g. a NAT rule's kind, from its resource).
  mutating func normalize(for kind: ResourceKind)
}

extension KubeObjectModel {
  public mutating func normalize(for kind: ResourceKind) {}
}

extension Subnet: KubeObjectModel {}
extension IPCR: KubeObjectModel {}
extension IptablesEIP: KubeObjectModel {}
extension IptablesNatRule: KubeObjectModel {
  /// List items and watch objects may omit `kind`; the resource says which rule it is.
  public mutating func normalize(for kind: ResourceKind) { self.kind = kind.kind }
}
extension OvnEip: KubeObjectModel {}
extension Vip: KubeObjectModel {}
extension VpcNatGateway: KubeObjectModel {}
extension Pod: KubeObjectModel {}
extension Node: KubeObjectModel {}
extension ConfigMap: KubeObjectModel {}
extension StatefulSet: KubeObjectModel {}
extension VirtualMachine: KubeObjectModel {}

/// Whether a kind could be read at all.
public enum Availability: Sendable, Equatable {
  /// Listed successfully (possibly empty).
  case present
  /// The API does not serve the type (CRD not installed).
  case notServed
  /// Could not be read (forbidden, failing); its objects are unknown.
  case unknown(reason: String)
}

/// What applying one watch line did.
enum WatchOutcome: Sendable, Equatable {
  /// An object was added, replaced or removed.
  case changed
  /// A bookmark (or an event that changed nothing): only the resourceVersion moved.
  case unchanged
  /// The server said the resourceVersion is too old (410): the kind must be re-listed.
  case expired(message: String)
  /// Another ERROR event.
  case failed(code: Int, message: String)
  /// The line could not be decoded; it was skipped and recorded as a decode issue.
  case malformed(message: String)
}

/// The current objects of one kind, keyed by `namespace/name`, kept by full lists and watch
/// events. Lists are decoded page by page into a pending copy that replaces the objects only
/// when the whole list has been read, so a list that fails half-way changes nothing.
struct KindStore<T: KubeObjectModel>: Sendable {
  let kind: ResourceKind
  let keyPath: WritableKeyPath<ClusterSnapshot, Collected<[T]>> & Sendable
  private(set) var objects: [String: T] = [:]
  private(set) var availability: Availability = .unknown(reason: "not collected")
  /// The resourceVersion to resume a watch from: the list's, then each event's.
  private(set) var resourceVersion = ""
  private(set) var issues: [String: DecodeIssue] = [:]
  private var pending: [String: T]?
  private var pendingIssues: [String: DecodeIssue] = [:]
  private var sorted: [T]?

  init(kind: ResourceKind, keyPath: WritableKeyPath<ClusterSnapshot, Collected<[T]>> & Sendable) {
    self.kind = kind
    self.keyPath = keyPath
  }

  var count: Int { objects.count }

  // MARK: Lists

  /// Decodes one list page into the pending copy; returns its continue token and RV.
  mutating func ingestPage(_ data: Data) throws(ModelError) -> (continueToken: String, resourceVersion: String) {
    let page = try KubeList<T>.decode(data, resource: kind.plural)
    if pending == nil {
      pending = [:]
      pendingIssues = [:]
    }
    pending!.reserveCapacity(pending!.count + page.items.count)
    for var item in page.items {
      item.normalize(for: kind)
      pending![item.metadata.key] = item
    }
    for issue in page.issues { pendingIssues[issue.object] = issue }
    return (page.continueToken, page.resourceVersion)
  }

  /// The whole list was read: it becomes the current state, at `resourceVersion`.
  mutating func commitList(resourceVersion: String) {
    objects = pending ?? [:]
    issues = pendingIssues
    pending = nil
    pendingIssues = [:]
    self.resourceVersion = resourceVersion
    availability = .present
    sorted = nil
  }

  /// A list failed part-way: forget the pages read so far.
  mutating func discardList() {
    pending = nil
    pendingIssues = [:]
  }

  /// The kind is not served, or unknown: no objects, no watch.
  mutating func markUnavailable(_ availability: Availability) {
    self.availability = availability
    objects = [:]
    issues = [:]
    resourceVersion = ""
    sorted = nil
  }

  // MARK: Watch events

  /// Applies one watch line.
  mutating func apply(line: [UInt8], decoder: JSONDecoder) -> WatchOutcome {
    let data = Data(line)
    let event: WatchEvent<T>
    do {
      event = try decoder.decode(WatchEvent<T>.self, from: data)
    } catch {
      return recordMalformed(data, error: error, decoder: decoder)
    }
    switch event.payload {
    case .added(var object), .modified(var object):
      object.normalize(for: kind)
      objects[object.metadata.key] = object
      issues[object.metadata.key] = nil
      advance(to: object.metadata.resourceVersion)
      sorted = nil
      return .changed
    case .deleted(let object):
      let removed = objects.removeValue(forKey: object.metadata.key) != nil
      let hadIssue = issues.removeValue(forKey: object.metadata.key) != nil
      advance(to: object.metadata.resourceVersion)
      if removed || hadIssue { sorted = nil }
      return removed || hadIssue ? .changed : .unchanged
    case .bookmark(let rv):
      advance(to: rv)
      return .unchanged
    case .error(let code, let reason, let message):
      let text = Sanitize.line(message.isEmpty ? reason : message)
      if code == 410 || reason == "Expired" || reason == "Gone" {
        return .expired(message: text)
      }
      return .failed(code: code, message: text)
    }
  }

  private mutating func advance(to rv: String) {
    if !rv.isEmpty { resourceVersion = rv }
  }

  /// A line that did not decode: remember which object it named. A DELETED line that names
  /// an object still removes it (keeping a deleted object would be worse than losing fields).
  private mutating func recordMalformed(_ data: Data, error: any Error, decoder: JSONDecoder)
    -> WatchOutcome
  {
    let header = try? decoder.decode(WatchEventHeader.self, from: data)
    let message = Sanitize.line(ModelErrorText.describe(error))
    guard let key = header?.key else {
      return .malformed(message: "\(kind.plural): undecodable watch event: \(message)")
    }
    if header?.type == "DELETED" {
      objects[key] = nil
      issues[key] = nil
    } else {
      issues[key] = DecodeIssue(resource: kind.plural, object: key, message: message)
    }
    sorted = nil
    return .malformed(message: "\(kind.plural) \(Sanitize.line(key)): \(message)")
  }

  // MARK: Snapshot

  /// Puts this kind's objects (sorted by key, so output is stable) into `snapshot`.
  mutating func install(into snapshot: inout ClusterSnapshot) {
    switch availability {
    case .present:
      if sorted == nil {
        sorted = objects.sorted { $0.key < $1.key }.map(\.value)
      }
      snapshot[keyPath: keyPath] = .present(sorted!)
      snapshot.decodeIssues += issues.keys.sorted().compactMap { issues[$0] }
    case .notServed:
      snapshot[keyPath: keyPath] = .notServed
    case .unknown(let reason):
      snapshot[keyPath: keyPath] = .unknown(reason: reason)
      snapshot.errors.append(ResourceError(resource: kind.plural, message: reason))
    }
  }
}

/// One-line text for decoding errors (mirrors the model's own wording).
enum ModelErrorText {
  static func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
      let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        .joined(separator: ".")
      return p.isEmpty ? "" : " at \(p)"
    }
    switch error {
    case .typeMismatch(let type, let context): return "expected \(type)\(path(context))"
    case .valueNotFound(let type, let context): return "missing \(type) value\(path(context))"
    case .keyNotFound(let key, let context): return "missing field \(key.stringValue)\(path(context))"
    case .dataCorrupted(let context): return "\(context.debugDescription)\(path(context))"
    @unknown default: return "\(error)"
    }
  }
}
