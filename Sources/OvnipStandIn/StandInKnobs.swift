import Foundation
import OvnipModel

/// Fault and policy knobs, settable at runtime from tests (`server.setKnobs { $0.… }`).
/// Resources are named by plural (`"pods"`, `"ips"`); they apply to every path of that resource.
public struct StandInKnobs: Sendable {
  /// 403 Forbidden on every verb for these resources.
  public var forbidden: Set<String> = []
  /// 403 Forbidden on these verbs only: `Verb(verb: "delete", resource: "ips")`.
  /// Verbs: get, list, watch, create, delete.
  public var forbiddenVerbs: Set<Verb> = []
  /// Delay before every answer (seconds).
  public var latency: Double = 0
  /// Delay before answering requests for these resources (seconds), on top of `latency`.
  public var resourceLatency: [String: Double] = [:]
  /// Answer lists and gets of these resources with the first half of the body only
  /// (valid HTTP framing, invalid JSON).
  public var truncated: Set<String> = []
  /// Answer every request (discovery included) with 401 Unauthorized, as for expired credentials.
  public var unauthorized = false
  /// Answer every request for these resources with 500 InternalError.
  public var serverError: Set<String> = []
  /// Close each watch stream of these resources after this many events
  /// (without the final chunk: the connection just ends).
  public var dropWatchAfterEvents: [String: Int] = [:]
  /// Seconds between BOOKMARK events on watches that asked for them.
  public var bookmarkInterval: Double = 1
  /// Answer an expired watch with an HTTP 410 Status instead of a 200 stream holding one
  /// ERROR event (the real server's watch cache does the latter).
  public var expiredWatchAsHTTPStatus = false
  /// When set, a DELETE of an object with finalizers (IP CRs, EIPs, subnets carry
  /// `kubeovn.io/kube-ovn-controller`) only marks it terminating (`deletionTimestamp`, MODIFIED,
  /// 200 with the object), and the simulated controller removes it this many seconds later
  /// (MODIFIED without finalizers, then DELETED). `nil`: removed at once (default).
  public var finalizerDelay: Double? = nil
  /// The user name in Forbidden messages.
  public var user = "system:anonymous"
  /// The git version `/version` reports.
  public var gitVersion = "v1.32.4"

  public init() {}

  /// A verb on a resource.
  public struct Verb: Sendable, Hashable {
    public var verb: String
    public var resource: String
    public init(verb: String, resource: String) {
      self.verb = verb
      self.resource = resource
    }
  }

  /// Is `verb` on `resource` allowed?
  public func allows(_ verb: String, _ resource: String) -> Bool {
    !forbidden.contains(resource) && !forbiddenVerbs.contains(Verb(verb: verb, resource: resource))
  }
}

/// One request as the stand-in received it.
public struct LoggedRequest: Sendable, Hashable {
  public var method: String
  /// Path without the query.
  public var path: String
  /// Raw query string (`""` if none).
  public var query: String
  /// The request body (de-chunked), as text.
  public var body: String
  public var accept: String
  public var contentType: String
  public var userAgent: String

  /// Query parameters (percent-decoded).
  public var parameters: [String: String] { QueryString.parse(query) }
}

/// Query string decoding.
enum QueryString {
  static func parse(_ q: String) -> [String: String] {
    var out: [String: String] = [:]
    for pair in q.split(separator: "&") {
      let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let k = decode(String(kv[0]))
      out[k] = kv.count > 1 ? decode(String(kv[1])) : ""
    }
    return out
  }
  static func decode(_ s: String) -> String {
    s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? s
  }
}
