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
      let fetch: OwnerFetch
      do {
        fetch = .found(Data(try await client.get(check.path)))
      } catch let error as KubeError {
        // A 404 is the only proof of absence; a type the API does not serve (e.g. KubeVirt
        // not installed) has no objects at all. Anything else is unknown.
        fetch =
          error.kind == .notFound || error.kind == .notServed
          ? .notFound : .failed(Sanitize.line(error.message))
      } catch {
        fetch = .failed(Sanitize.line("\(error)"))
      }
      switch check.evaluate(fetch) {
      case .stillOrphan: continue
      case .ownerPresent(let evidence): return (.ownerPresent, Sanitize.line(evidence))
      case .ownerUnknown(let evidence): return (.ownerUnknown, Sanitize.line(evidence))
      }
    }
    return nil
  }
}
