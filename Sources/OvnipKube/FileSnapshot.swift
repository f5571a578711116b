import Foundation
import OvnipModel

/// A snapshot directory could not be read at all (exit status 2).
public struct FileSnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
  /// One line, fit to show a user.
  public var description: String
  public init(_ message: String) { description = message }
}

/// Loads a `ClusterSnapshot` from a directory written by `collect --to DIR` or by hand:
/// one `<plural>.json` per `ResourceKind` (`ResourceKind.fileName`), each exactly what
/// `kubectl get --raw <listPath>` prints.
///
/// Per file:
/// - missing → `.unknown("not collected")` (unknown means in use);
/// - a List → decoded (malformed objects skipped and reported);
/// - a Kubernetes `Status` with reason `NotFound` (or code 404) → `.notServed`: a 404 on a
///   cluster-wide list path means the resource type itself is not served (CRD not
///   installed), which is what a collector records for e.g. kubevirt without KubeVirt;
/// - any other `Status` (Forbidden, ...) → `.unknown("<reason>: <message>")`;
/// - unreadable, truncated or not a List → `.unknown(<one line why>)`.
public enum FileSnapshot {
  /// Status bodies are small; lists are not probed past this size.
  static let statusProbeLimit = 64 * 1024

  /// Reads every resource file in `directory`.
  /// - Throws: `FileSnapshotError` when the directory cannot be read or holds none of the
  ///   resource files (most likely the wrong directory).
  public static func load(directory: String) throws(FileSnapshotError) -> ClusterSnapshot {
    let url = URL(fileURLWithPath: directory, isDirectory: true)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw FileSnapshotError("cannot read \(directory): no such directory")
    }
    guard isDirectory.boolValue else {
      throw FileSnapshotError("cannot read \(directory): not a directory")
    }
    do {
      _ = try FileManager.default.contentsOfDirectory(atPath: url.path)
    } catch {
      throw FileSnapshotError("cannot read \(directory): permission denied or unreadable")
    }
    let present = ResourceKind.collectionOrder.filter {
      FileManager.default.fileExists(atPath: url.appendingPathComponent($0.fileName).path)
    }
    if present.isEmpty {
      throw FileSnapshotError("cannot read \(directory): no resource files in it (subnets.json, ips.json, ...)")
    }
    var assembler = SnapshotAssembler()
    for kind in ResourceKind.collectionOrder {
      let file = url.appendingPathComponent(kind.fileName)
      guard present.contains(kind) else {
        assembler.markUnknown(kind, reason: "not collected (no \(kind.fileName))")
        continue
      }
      let data: Data
      do {
        data = try Data(contentsOf: file)
      } catch {
        assembler.markUnknown(kind, reason: "\(kind.fileName) unreadable")
        continue
      }
      apply(kind, data, to: &assembler)
    }
    return assembler.build()
  }

  /// Records one file's bytes for `kind`.
  static func apply(_ kind: ResourceKind, _ data: Data, to assembler: inout SnapshotAssembler) {
    if data.count <= statusProbeLimit, let status = try? JSONDecoder().decode(StatusProbe.self, from: data),
      status.kind == "Status"
    {
      if status.reason == "NotFound" || status.code == 404 {
        assembler.markNotServed(kind)
      } else {
        let reason = status.reason ?? "Failure"
        assembler.markUnknown(kind, reason: "\(reason): \(oneLine(status.message ?? ""))")
      }
      return
    }
    do {
      try assembler.addPage(kind, data)
    } catch {
      assembler.markUnknown(kind, reason: oneLine(error.description))
    }
  }

  static func oneLine(_ text: String) -> String {
    String(text.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(300))
  }

  struct StatusProbe: Decodable {
    var kind: String?
    var reason: String?
    var code: Int?
    var message: String?
  }
}
