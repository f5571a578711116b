import Foundation
import OvnipModel

/// One line of `kubectl get --raw '<list>?watch=1&...'`: `{"type":"ADDED","object":{...}}`.
///
/// Decoded in one pass: the `type` decides whether `object` is a `T`, a bookmark (only
/// `metadata.resourceVersion`) or a `Status` (an ERROR event, e.g. 410 Expired).
struct WatchEvent<T: Decodable & Sendable>: Decodable, Sendable {
  enum Payload: Sendable {
    case added(T)
    case modified(T)
    case deleted(T)
    case bookmark(resourceVersion: String)
    case error(code: Int, reason: String, message: String)
  }
  var payload: Payload

  enum CodingKeys: String, CodingKey { case type, object }

  struct Bookmark: Decodable {
    struct Meta: Decodable { var resourceVersion: String? }
    var metadata: Meta?
  }
  struct Status: Decodable {
    var code: Int?
    var reason: String?
    var message: String?
  }

  init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let type = try c.decode(String.self, forKey: .type)
    switch type {
    case "ADDED": payload = .added(try c.decode(T.self, forKey: .object))
    case "MODIFIED": payload = .modified(try c.decode(T.self, forKey: .object))
    case "DELETED": payload = .deleted(try c.decode(T.self, forKey: .object))
    case "BOOKMARK":
      let mark = try c.decode(Bookmark.self, forKey: .object)
      payload = .bookmark(resourceVersion: mark.metadata?.resourceVersion ?? "")
    case "ERROR":
      let status = try c.decodeIfPresent(Status.self, forKey: .object)
      payload = .error(
        code: status?.code ?? 0, reason: status?.reason ?? "", message: status?.message ?? "")
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: c, debugDescription: "unknown watch event type \(type)")
    }
  }

  /// A decoder that keeps only the pod annotations the rules read, like list decoding.
  static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.userInfo[AnnotationFilter.userInfoKey] = AnnotationFilter.podRules
    return decoder
  }
}

/// Just enough of a watch line to name the object when its full decode failed.
struct WatchEventHeader: Decodable {
  struct Object: Decodable {
    struct Meta: Decodable {
      var name: String?
      var namespace: String?
    }
    var metadata: Meta?
  }
  var type: String?
  var object: Object?

  /// `namespace/name` or `name`, if present.
  var key: String? {
    guard let name = object?.metadata?.name, !name.isEmpty else { return nil }
    let namespace = object?.metadata?.namespace ?? ""
    return namespace.isEmpty ? name : "\(namespace)/\(name)"
  }
}
