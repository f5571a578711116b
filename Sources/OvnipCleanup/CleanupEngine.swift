import Foundation
import OvnipAccounting
import OvnipKube
import OvnipModel

/// Deletes confirmed orphan IP CRs one at a time, re-verifying each live right before.
///
/// Per item: (a) a fresh GET of the IP CR — `changed` if its uid or resourceVersion differs
/// from the confirmed one, `already-gone` on 404; (b) a fresh GET of every owner in
/// `orphan.checks` — `owner-present` if one exists now, `owner-unknown` if a lookup fails;
/// (c) the object as fetched is appended to the journal and fsynced; (d) DELETE with
/// `preconditions {uid, resourceVersion}`; (e) the outcome is journaled. Never strips
/// finalizers, never forces, never overrides the grace period.
///
/// The dashboard calls `run` from a task and shows `progress`; Esc sets the flag that
/// `shouldStop` reads (checked between items: the current item always finishes).
public struct CleanupEngine: Sendable {
  public var client: KubectlClient
  /// Where the journal file of each action is created (0700).
  public var journalDirectory: URL
  /// Items per action; the rest are reported as not attempted.
  public var batchLimit: Int
  public var now: @Sendable () -> Date

  public init(
    client: KubectlClient, journalDirectory: URL = Journal.defaultDirectory(),
    batchLimit: Int = 500, now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.client = client
    self.journalDirectory = journalDirectory
    self.batchLimit = max(1, batchLimit)
    self.now = now
  }

  /// The API path of an IP CR.
  public static func ipPath(_ name: String) -> String {
    ResourceKind.ips.objectPath(name: name)
  }

  /// The DeleteOptions body: identity preconditions only (no propagation, no grace override).
  public static func deleteBody(uid: String, resourceVersion: String) -> [UInt8] {
    // Built by hand so the field order is fixed (JSONEncoder does not keep it).
    func quoted(_ text: String) -> String {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.withoutEscapingSlashes]
      return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
    return Array(
      "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"preconditions\":{\"uid\":\(quoted(uid)),\"resourceVersion\":\(quoted(resourceVersion))}}"
        .utf8)
  }

  /// Runs one cleanup action over `orphans` (confirmed ones; the caller filters).
  ///
  /// - Parameters:
  ///   - orphans: the items, as confirmed (uid and resourceVersion are the preconditions).
  ///   - alreadySkipped: items the caller already decided to skip (e.g. report orphans that
  ///     are no longer orphans); they are journaled and counted in the summary as given.
  ///   - context: the snapshot's identity and age, and `--readonly`.
  ///   - dryRun: do (a) and (b) only; nothing is journaled or deleted.
  ///   - progress: called after each item with (items done, items in the batch, result).
  ///   - shouldStop: read between items; true ends the batch after the current item.
  /// - Returns: the summary; `refusal` is set when nothing was attempted.
  public func run(
    _ orphans: [Orphan], alreadySkipped: [ItemResult] = [], context: CleanupContext,
    dryRun: Bool = false,
    progress: @Sendable (Int, Int, ItemResult) -> Void = { _, _, _ in },
    shouldStop: @Sendable () -> Bool = { false }
  ) async -> CleanupSummary {
    let actionID = Journal.newActionID(now: now())
    var preflightContext = context
    if dryRun { preflightContext.readOnly = false }  // a dry run mutates nothing
    if let refusal = await CleanupPreflight.check(
      preflightContext, orphans: orphans, client: client, now: now())
    {
      // A dry run may still preview without delete permission.
      if !(dryRun && refusal == .noDeletePermission) {
        return CleanupSummary(refusal: refusal, actionID: actionID, dryRun: dryRun)
      }
    }
    let batch = Array(orphans.prefix(batchLimit))
    let overflow = orphans.dropFirst(batchLimit)

    var journal: JournalWriter?
    if !dryRun {
      do {
        journal = try JournalWriter(directory: journalDirectory, actionID: actionID)
        var start = record(.start, actionID, context)
        start.mode = context.mode
        start.items = batch.count
        try journal?.append(start)
      } catch {
        return CleanupSummary(
          refusal: .journalUnavailable(error.description), actionID: actionID, dryRun: dryRun)
      }
    }

    var summary = CleanupSummary(
      journalPath: journal?.path, actionID: actionID, dryRun: dryRun)
    for result in alreadySkipped {
      try? journal?.append(outcomeRecord(result, actionID, context))
      summary.results.append(result)
    }
    var stopReason: String?
    for (index, orphan) in batch.enumerated() {
      if stopReason == nil, shouldStop() { stopReason = "stopped by the user" }
      var result: ItemResult
      if let stopReason {
        result = ItemResult(orphan, .skipped, "not attempted: \(stopReason)")
        do {
          try journal?.append(outcomeRecord(result, actionID, context, orphan))
        } catch {}  // best effort: nothing was sent for this item
      } else {
        let step = await process(orphan, context: context, actionID: actionID, journal: journal, dryRun: dryRun)
        result = step.result
        stopReason = step.abort
      }
      summary.results.append(result)
      progress(index + 1, batch.count, result)
    }
    for orphan in overflow {
      let result = ItemResult(
        orphan, .skipped, "not attempted: over the batch limit of \(batchLimit); run again")
      try? journal?.append(outcomeRecord(result, actionID, context, orphan))
      summary.results.append(result)
    }
    summary.stoppedEarly = stopReason
    if let journal {
      var last = record(.summary, actionID, context)
      last.summary = summary.line + (stopReason.map { "; \($0)" } ?? "")
      try? journal.append(last)
      journal.close()
    }
    return summary
  }

  /// One item through steps (a)–(e). `abort` is set when the batch cannot go on.
  private func process(
    _ orphan: Orphan, context: CleanupContext, actionID: String, journal: JournalWriter?,
    dryRun: Bool
  ) async -> (result: ItemResult, abort: String?) {
    func finish(_ outcome: DeleteOutcome, _ detail: String, abort: String? = nil) -> (ItemResult, String?) {
      let result = ItemResult(orphan, outcome, detail)
      var abortReason = abort
      do {
        try journal?.append(outcomeRecord(result, actionID, context, orphan))
      } catch {
        abortReason = abortReason ?? "journal write failed: \(error.description)"
      }
      return (result, abortReason)
    }

    // (a) the IP CR, fresh.
    guard CleanupText.isPathSegment(orphan.name) else {
      return finish(.failed, "not a valid object name; nothing was sent")
    }
    let path = Self.ipPath(orphan.name)
    let fetched: FetchedObject
    do {
      fetched = try FetchedObject(bytes: try await client.get(path))
    } catch let error as KubeError {
      let (outcome, detail, abort) = Self.classify(error, during: "GET of the IP CR")
      return finish(outcome, detail, abort: abort)
    } catch let error as FetchError {
      return finish(.failed, "GET of the IP CR: \(error.message)")
    } catch {
      return finish(.failed, "GET of the IP CR: \(error)")
    }
    if fetched.uid != orphan.uid {
      return finish(.changed, "uid is \(fetched.uid), confirmed \(orphan.uid): recreated under the same name")
    }
    if fetched.resourceVersion != orphan.resourceVersion {
      return finish(.changed, "resourceVersion is \(fetched.resourceVersion), confirmed \(orphan.resourceVersion): modified since")
    }
    if let since = fetched.deletionTimestamp {
      return finish(.alreadyGone, "already being deleted (deletionTimestamp \(since))")
    }

    // (b) every owner, fresh.
    if let (outcome, detail) = await OwnerVerification.verify(orphan.checks, client: client) {
      return finish(outcome, detail)
    }
    if dryRun {
      return finish(.skipped, "dry run: would delete (\(Self.where_(orphan)))")
    }

    // (c) journal the object as fetched, fsynced, before anything is sent.
    var intent = record(.delete, actionID, context, orphan)
    intent.uid = fetched.uid
    intent.resourceVersion = fetched.resourceVersion
    intent.reasons = orphan.reasons.map(\.rawValue)
    intent.evidence = orphan.evidence
    intent.object = fetched.raw
    guard let journal else {
      // Unreachable (only a dry run has no journal, and it returned above), but nothing is ever
      // deleted without its journal line.
      return (ItemResult(orphan, .failed, "not deleted: no journal"), "no journal")
    }
    do {
      try journal.append(intent)
    } catch {
      return (ItemResult(orphan, .failed, "not deleted: \(error.description)"), "journal write failed")
    }

    // (d) DELETE with identity preconditions; (e) the outcome.
    do {
      _ = try await client.delete(
        path, Self.deleteBody(uid: fetched.uid, resourceVersion: fetched.resourceVersion))
      return finish(.deleted, Self.where_(orphan))
    } catch let error as KubeError {
      let (outcome, detail, abort) = Self.classify(error, during: "DELETE")
      return finish(outcome, detail, abort: abort)
    } catch {
      return finish(.failed, "DELETE: \(error)")
    }
  }

  /// Maps a kubectl failure to an outcome; unreachable/timeout end the batch.
  static func classify(_ error: KubeError, during step: String) -> (DeleteOutcome, String, String?) {
    let message = CleanupText.line(error.message)
    switch error.kind {
    case .notFound: return (.alreadyGone, "\(step): not found (404)", nil)
    case .conflict: return (.changed, "\(step): precondition failed (409): \(message)", nil)
    case .forbidden: return (.forbidden, "\(step): forbidden (403): \(message)", nil)
    case .unreachable, .timeout, .kubectlMissing, .unauthorized, .unknownContext:
      return (.failed, "\(step): \(message)", "\(error.kind.rawValue): \(message)")
    default: return (.failed, "\(step): \(message)", nil)
    }
  }

  static func where_(_ orphan: Orphan) -> String {
    let addresses = orphan.addresses.isEmpty ? "" : ", " + orphan.addresses.joined(separator: ", ")
    return "subnet \(orphan.subnet)\(addresses)"
  }

  private func record(
    _ type: JournalRecord.Kind, _ actionID: String, _ context: CleanupContext,
    _ orphan: Orphan? = nil
  ) -> JournalRecord {
    var r = JournalRecord(
      type: type, time: Journal.timestamp(now()), actionId: actionID,
      context: context.identity.context, server: context.identity.server, name: orphan?.name)
    if let orphan {
      r.subnet = orphan.subnet
      r.addresses = orphan.addresses
    }
    return r
  }

  private func outcomeRecord(
    _ result: ItemResult, _ actionID: String, _ context: CleanupContext, _ orphan: Orphan? = nil
  ) -> JournalRecord {
    var r = record(.outcome, actionID, context, orphan)
    r.name = result.name
    if r.subnet == nil, !result.subnet.isEmpty { r.subnet = result.subnet }
    r.uid = orphan?.uid
    r.resourceVersion = orphan?.resourceVersion
    r.outcome = result.outcome.rawValue
    r.detail = result.detail
    return r
  }
}
