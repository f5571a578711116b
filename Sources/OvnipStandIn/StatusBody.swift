import Foundation
import OvnipModel
import OvnipScenario

/// `Status` objects exactly as the API server writes them, so kubectl prints what it prints
/// against a real cluster (`Error from server (<reason>): <message>`).
public enum StatusBody {
  /// A failure `Status` body.
  public static func failure(
    code: Int, reason: String, message: String, name: String? = nil, kind: ResourceKind? = nil,
    retryAfterSeconds: Int? = nil
  ) -> JSONValue {
    var s: JSONValue = [
      "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure", "message": .string(message),
      "reason": .string(reason),
    ]
    if name != nil || kind != nil || retryAfterSeconds != nil {
      var d: JSONValue = [:]
      if let name { d["name"] = .string(name) }
      if let kind {
        if !kind.group.isEmpty { d["group"] = .string(kind.group) }
        d["kind"] = .string(kind.plural)
      }
      if let retryAfterSeconds { d["retryAfterSeconds"] = .int(retryAfterSeconds) }
      s["details"] = d
    }
    s["code"] = .int(code)
    return s
  }

  static func notFound(_ k: ResourceKind, _ name: String) -> JSONValue {
    failure(
      code: 404, reason: "NotFound", message: "\(APIResources.qualified(k)) \"\(name)\" not found", name: name,
      kind: k)
  }

  static func alreadyExists(_ k: ResourceKind, _ name: String) -> JSONValue {
    failure(
      code: 409, reason: "AlreadyExists", message: "\(APIResources.qualified(k)) \"\(name)\" already exists",
      name: name, kind: k)
  }

  static func conflict(_ k: ResourceKind, _ name: String, _ why: String) -> JSONValue {
    failure(
      code: 409, reason: "Conflict",
      message: "Operation cannot be fulfilled on \(APIResources.qualified(k)) \"\(name)\": \(why)",
      name: name, kind: k)
  }

  /// `pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" at the cluster scope`.
  static func forbidden(_ k: ResourceKind, verb: String, namespace: String, name: String?, user: String)
    -> JSONValue
  {
    let subject = name.map { "\(APIResources.qualified(k)) \"\($0)\"" } ?? APIResources.qualified(k)
    let scope = namespace.isEmpty ? "at the cluster scope" : "in the namespace \"\(namespace)\""
    return failure(
      code: 403, reason: "Forbidden",
      message:
        "\(subject) is forbidden: User \"\(user)\" cannot \(verb) resource \"\(k.plural)\" in API group \"\(k.group)\" \(scope)",
      name: name, kind: k)
  }

  static func gone(_ message: String) -> JSONValue {
    failure(code: 410, reason: "Expired", message: message)
  }

  static func internalError(_ message: String) -> JSONValue {
    failure(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)")
  }

  static func badRequest(_ message: String) -> JSONValue {
    failure(code: 400, reason: "BadRequest", message: message)
  }

  static func methodNotAllowed() -> JSONValue {
    failure(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource")
  }
}
