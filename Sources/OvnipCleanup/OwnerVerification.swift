import Foundation
import OvnipAccounting
import OvnipKube

/// Step (b) of the protocol: one fresh GET per owner the orphan's reasons name, judged by
/// `OwnerCheck.evaluate` (the accounting engine's rules for each expectation).
enum OwnerVerification {
  /// The outcome for all checks: nil when every owner is still missing (still an orphan),
  /// else `.ownerPresent` / `.ownerUnknown` with a one-line detail. Stops at the first
  /// check that saves the IP CR. An orphan with no checks is unknown (nothing to re-verify).
  static func verify(_ checks: [OwnerCheck], client: KubectlClient) async -> (
    DeleteOutcome, String
  )? {
    guard !checks.isEmpty else {
      return (.ownerUnknown, "no owner lookups to repeat; unknown means in use")
    }
    for check in checks {
      guard CleanupText.isPathSegment(check.name),
        check.namespace.isEmpty || CleanupText.isPathSegment(check.namespace)
      else {
        return (.ownerUnknown, "\(CleanupText.line(check.ownerDescription)) cannot be looked up: not a valid object name")
      }
      let fetch: OwnerFetch
      do {
        fetch = .found(Data(try await client.get(check.path)))
      } catch let error as KubeError {
        // A 404 is the only proof of absence; a type the API does not serve (e.g. KubeVirt
        // not installed) has no objects at all. Anything else is unknown.
        fetch =
          error.kind == .notFound || error.kind == .notServed
          ? .notFound : .failed(CleanupText.line(error.message))
      } catch {
        fetch = .failed(CleanupText.line("\(error)"))
      }
      switch check.evaluate(fetch) {
      case .stillOrphan: continue
      case .ownerPresent(let evidence): return (.ownerPresent, CleanupText.line(evidence))
      case .ownerUnknown(let evidence): return (.ownerUnknown, CleanupText.line(evidence))
      }
    }
    return nil
  }
}
