import Foundation
import OvnipModel

/// What Enter opens: one object by resource kind and name.
public struct InspectTarget: Sendable, Hashable {
  public var kind: ResourceKind
  public var name: String
  public var namespace: String
  public init(kind: ResourceKind, name: String, namespace: String = "") {
    self.kind = kind
    self.name = name
    self.namespace = namespace
  }
  /// The API path to GET it fresh.
  public var path: String { kind.objectPath(name: name, namespace: namespace) }
}

/// The inspect view: the object as fetched, and where the view is scrolled.
public struct InspectState: Sendable, Hashable {
  public enum Body: Sendable, Hashable {
    case loading
    /// Pretty-printed JSON lines.
    case loaded([String])
    case failed(String)
  }
  public var target: InspectTarget
  public var body: Body = .loading
  public var scroll = 0
  public init(target: InspectTarget) { self.target = target }
}
