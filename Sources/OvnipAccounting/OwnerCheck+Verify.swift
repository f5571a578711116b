import Foundation
import OvnipModel

/// The result of a fresh GET of an owner, right before a delete.
public enum OwnerFetch: Sendable, Hashable {
  /// 404: the owner does not exist.
  case notFound
  /// The owner exists; its JSON body.
  case found(Data)
  /// The lookup failed (forbidden, timeout, not served...): one line why.
  case failed(String)
}

/// Whether an orphan verdict still holds for one owner check.
public enum OwnerVerdict: Sendable, Hashable {
  /// The owner is still absent (or still does not claim the address): deletable as far
  /// as this check goes.
  case stillOrphan
  /// The owner exists (again): do not delete.
  case ownerPresent(evidence: String)
  /// Could not tell: unknown means in use, do not delete.
  case ownerUnknown(evidence: String)

  /// True only for `.stillOrphan`.
  public var allowsDelete: Bool { self == .stillOrphan }

  /// Folds the verdicts of all checks of one orphan: any present owner wins, then any
  /// unknown; only when every check is still orphan is the result `.stillOrphan`.
  /// An empty list is `.ownerUnknown` (nothing was verified).
  public static func combined(_ verdicts: [OwnerVerdict]) -> OwnerVerdict {
    if verdicts.isEmpty { return .ownerUnknown(evidence: "no owner checks to verify") }
    if let present = verdicts.first(where: { if case .ownerPresent = $0 { true } else { false } }) {
      return present
    }
    if let unknown = verdicts.first(where: { if case .ownerUnknown = $0 { true } else { false } }) {
      return unknown
    }
    return .stillOrphan
  }
}

extension OwnerCheck {
  /// `Kind ns/name` for messages.
  public var ownerDescription: String {
    namespace.isEmpty ? "\(kind.rawValue) \(name)" : "\(kind.rawValue) \(namespace)/\(name)"
  }

  /// The API path to GET for this check.
  public var path: String { kind.resource.objectPath(name: name, namespace: namespace) }

  /// Judges a fresh GET of the owner against this check's expectation. Pure.
  ///
  /// - `.absent`: 404 → still orphan; any body → present.
  /// - `.statefulSetBelowOrdinal`: 404 → still orphan (the StatefulSet is gone, so the
  ///   ordinal is not owned); otherwise the StatefulSet is decoded and the ordinal in
  ///   `detail` is owned when `ordinal < spec.ordinals.start + spec.replicas`.
  /// - `.podWithoutProvider`: the pod must exist, not be terminating, and still not list
  ///   the provider in `detail` among its attachments. A pod that is now gone, or is
  ///   terminating, gives `.ownerUnknown`: the situation changed since the snapshot, so the
  ///   next refresh must judge it again (a terminating pod's own delete handling is about
  ///   to release its IP CRs and we must not race it).
  ///
  /// A lookup failure, or a body that cannot be decoded, gives `.ownerUnknown`.
  public func evaluate(_ fetch: OwnerFetch) -> OwnerVerdict {
    let who = ownerDescription
    switch fetch {
    case .failed(let message):
      return .ownerUnknown(evidence: "\(who) lookup failed: \(message)")
    case .notFound:
      switch expectation {
      case .absent, .statefulSetBelowOrdinal:
        return .stillOrphan
      case .podWithoutProvider:
        return .ownerUnknown(evidence: "\(who) no longer exists; judge it again on the next refresh")
      }
    case .found(let body):
      switch expectation {
      case .absent:
        return .ownerPresent(evidence: "\(who) exists")
      case .statefulSetBelowOrdinal:
        return evaluateStatefulSet(body, who: who)
      case .podWithoutProvider:
        return evaluatePod(body, who: who)
      }
    }
  }

  private func evaluateStatefulSet(_ body: Data, who: String) -> OwnerVerdict {
    guard let ordinal = Int(detail) else {
      return .ownerUnknown(evidence: "\(who): no ordinal to compare (detail \"\(detail)\")")
    }
    let sts: StatefulSet
    do {
      sts = try decodeObject(StatefulSet.self, from: body)
    } catch {
      return .ownerUnknown(evidence: "\(who): \(error.description)")
    }
    let end = sts.ordinalsStart + sts.replicas
    if ordinal < end {
      return .ownerPresent(
        evidence: "\(who) has replicas \(sts.replicas) from ordinal \(sts.ordinalsStart): ordinal \(ordinal) is in range")
    }
    return .stillOrphan
  }

  private func evaluatePod(_ body: Data, who: String) -> OwnerVerdict {
    let pod: Pod
    do {
      pod = try decodeObject(Pod.self, from: body)
    } catch {
      return .ownerUnknown(evidence: "\(who): \(error.description)")
    }
    if pod.metadata.isTerminating {
      return .ownerUnknown(evidence: "\(who) is terminating; judge it again once it is gone")
    }
    let attachments = PodAttachments(pod: pod)
    if !attachments.parsed {
      return .ownerUnknown(evidence: "\(who) has attachments that cannot be parsed")
    }
    if attachments.isAttached(provider: detail) {
      return .ownerPresent(evidence: "\(who) is attached to provider \(detail) again")
    }
    return .stillOrphan
  }
}
