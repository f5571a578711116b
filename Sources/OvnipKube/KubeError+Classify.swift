import Foundation

extension KubeError {
  /// Classifies a failed kubectl call from its exit status and stderr.
  ///
  /// kubectl prints the server's `Status.message` after `Error from server (<Reason>): `, and
  /// client-side failures as `error: ...`, `Unable to connect to the server: ...` or
  /// `The connection to the server ... was refused ...`. klog lines (`E1128 04:26:50 ... memcache.go`)
  /// and `Warning:` lines are noise around the real message and are skipped.
  ///
  /// - Parameters:
  ///   - status: kubectl's exit status (non-zero).
  ///   - stderr: what kubectl printed on stderr.
  ///   - context: the context name, for messages that must name the cluster.
  ///   - call: a short description of the call (`get --raw /api/v1/pods`), for unknown failures.
  public static func classify(status: Int32, stderr: String, context: String, call: String = "")
    -> KubeError
  {
    let line = primaryLine(of: stderr)
    let shown = Sanitize.line(line)
    let lower = line.lowercased()

    if let reason = serverReason(of: line) {
      let kind: Kind =
        switch reason {
        case "NotFound": .notFound
        case "Forbidden": .forbidden
        case "Unauthorized": .unauthorized
        case "Conflict", "AlreadyExists": .conflict
        case "Expired", "Gone", "ResourceExpired": .gone
        case "InternalError", "ServiceUnavailable", "Timeout", "ServerTimeout", "TooManyRequests":
          .serverError
        default: .other
        }
      return KubeError(kind, shown)
    }
    if lower.contains("you must be logged in to the server") || lower.hasPrefix("please enter username")
      || lower.contains("unauthorized") && lower.hasPrefix("error:")
    {
      return KubeError(.unauthorized, "not authorized by the API server of context \(Sanitize.line(context)): \(shown)")
    }
    if lower.contains("the server doesn't have a resource type") {
      return KubeError(.notServed, shown)
    }
    if let name = unknownContextName(in: line) {
      return KubeError(
        .unknownContext,
        "unknown kubeconfig context \"\(Sanitize.line(name))\" (see `kubectl config get-contexts`)")
    }
    if lower == "error: unexpected eof" || lower.contains("connection reset by peer")
      || lower.contains("server sent goaway") || lower.contains("use of closed network connection")
    {
      return KubeError(.unreachable, "connection to the API server lost (\(shown))")
    }
    if lower.contains("was refused - did you specify the right host or port")
      || lower.hasPrefix("unable to connect to the server")
      || lower.contains("connection refused") || lower.contains("no such host")
      || lower.contains("i/o timeout") || lower.contains("no route to host")
      || lower.contains("network is unreachable")
    {
      return KubeError(.unreachable, shown)
    }
    if lower.hasPrefix("error: stat ") || lower.contains("invalid configuration")
      || lower.contains("no configuration has been provided")
    {
      return KubeError(.unknownContext, "kubeconfig problem: \(shown)")
    }
    if status >= 128 {
      return KubeError(.other, "\(call.isEmpty ? "kubectl" : call) was killed by signal \(status - 128)")
    }
    if shown.isEmpty {
      return KubeError(.other, "\(call.isEmpty ? "kubectl" : call) failed with exit status \(status) and no message")
    }
    return KubeError(.other, shown)
  }

  /// The context name in `error: context "X" does not exist` / `error: cannot locate context X`
  /// / `error: no context exists with the name: "X"`.
  static func unknownContextName(in line: String) -> String? {
    let patterns: [(prefix: String, suffix: String)] = [
      ("error: context \"", "\" does not exist"),
      ("error: cannot locate context ", ""),
      ("error: no context exists with the name: \"", "\""),
    ]
    for (prefix, suffix) in patterns where line.hasPrefix(prefix) && line.hasSuffix(suffix) {
      let name = line.dropFirst(prefix.count).dropLast(suffix.count)
      if !name.isEmpty { return String(name) }
    }
    return nil
  }

  /// The `<Reason>` of `Error from server (<Reason>): ...`, if the line has that shape.
  static func serverReason(of line: String) -> String? {
    let prefix = "Error from server ("
    guard line.hasPrefix(prefix) else { return nil }
    let rest = line.dropFirst(prefix.count)
    guard let close = rest.firstIndex(of: ")") else { return nil }
    let reason = String(rest[..<close])
    guard !reason.isEmpty, reason.allSatisfy({ $0.isLetter }) else { return nil }
    return reason
  }

  /// The line that says what went wrong: the last line that is not klog noise, a warning,
  /// or blank. kubectl prints its final verdict last.
  static func primaryLine(of stderr: String) -> String {
    let lines = stderr.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    let meaningful = lines.filter { !isNoise($0) }
    return meaningful.last ?? lines.last ?? ""
  }

  /// klog lines (`E1128 04:26:50.627623   11549 memcache.go:265] ...`) and `Warning: ...`.
  static func isNoise(_ line: String) -> Bool {
    if line.hasPrefix("Warning:") { return true }
    guard let first = line.first, "IWEF".contains(first) else { return false }
    let digits = line.dropFirst().prefix(4)
    return digits.count == 4 && digits.allSatisfy(\.isNumber) && line.contains("]")
  }

  /// The same error, with a clearer message when it means Kube-OVN is not installed.
  static func crdsNotFound(context: String) -> KubeError {
    KubeError(
      .notServed,
      "Kube-OVN CRDs not found in context \(Sanitize.line(context)): is Kube-OVN installed?")
  }
}
