import ArgumentParser
import Foundation
import OvnipKube
import OvnipModel

/// `ovnip-top collect --to DIR`: a support bundle in exactly the `--from DIR` format.
///
/// One `<plural>.json` per resource, each the List the server returned (pages merged into
/// one List, items byte for byte). A kind the API does not serve is written as the 404
/// `Status` the server gives for its list path; a kind that could not be read as a `Status`
/// naming why, so `--once --from DIR` reports the same unknowns. `meta.json` says where and
/// when the bundle was taken.
struct Collect: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "collect", abstract: "Write a support bundle in the --from DIR format.")

  @OptionGroup var kube: KubeOptions
  @Option(help: "Directory to write (created if missing; must be empty).")
  var to: String

  /// What `meta.json` holds.
  struct Meta: Encodable {
    var tool = "ovnip-top"
    var schemaVersion = 1
    var context: String
    var server: String
    var collectedAt: String
    var kubectlVersion: String
    /// Per resource: `present`, `notServed`, or `unknown: <reason>`.
    var resources: [String: String]
  }

  func run() async throws {
    do {
      try await collect()
    } catch let error as ExitCode {
      throw error
    } catch {
      FileHandle.standardError.write(Data("ovnip-top collect: \(error)\n".utf8))
      throw ExitCode(2)
    }
  }

  func collect() async throws {
    let directory = URL(fileURLWithPath: to, isDirectory: true)
    try Self.prepare(directory)
    let session = try await LiveSession.open(kube.kubectlOptions, pageSize: kube.pageSize)
    let collector = Collector(client: session.client, pageLimit: kube.pageSize)
    var resources: [String: String] = [:]
    for kind in ResourceKind.collectionOrder {
      let body: [UInt8]
      switch session.discovery.kinds[kind] ?? .notServed {
      case .present:
        do {
          body = try await collector.rawList(kind)
          resources[kind.plural] = "present"
        } catch where error.kind == .unreachable || error.kind == .unauthorized {
          throw Fatal(error.message)
        } catch {
          body = Self.status(for: error)
          resources[kind.plural] = "unknown: \(error.message)"
        }
      case .notServed:
        body = Self.status(for: KubeError(.notFound, "the server could not find the requested resource"))
        resources[kind.plural] = "notServed"
      case .unknown(let reason):
        body = Self.status(for: KubeError(.forbidden, reason))
        resources[kind.plural] = "unknown: \(reason)"
      }
      try Self.write(body, to: directory.appendingPathComponent(kind.fileName))
    }
    let version = (try? await session.client.version()) ?? "unknown"
    let meta = Meta(
      context: session.identity.context, server: session.identity.server,
      collectedAt: ISO8601DateFormatter().string(from: Date()), kubectlVersion: version,
      resources: resources)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try Self.write(Array(try encoder.encode(meta)) + [0x0A], to: directory.appendingPathComponent("meta.json"))
    let unknown = resources.values.filter { $0.hasPrefix("unknown") }.count
    FileHandle.standardError.write(Data(
      "wrote \(ResourceKind.collectionOrder.count) resource files and meta.json to \(to)\(unknown > 0 ? " (\(unknown) could not be read)" : "")\n".utf8))
  }

  /// Creates `directory` (0700: it holds cluster data), or accepts an existing empty one.
  static func prepare(_ directory: URL) throws {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw Fatal("\(directory.path) exists and is not a directory") }
      let entries = (try? fm.contentsOfDirectory(atPath: directory.path)) ?? ["?"]
      guard entries.isEmpty else { throw Fatal("\(directory.path) is not empty; collect into a new directory") }
      return
    }
    do {
      try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw Fatal("cannot create \(directory.path): \(error.localizedDescription)")
    }
  }

  static func write(_ bytes: [UInt8], to file: URL) throws {
    do {
      try Data(bytes).write(to: file, options: .atomic)
    } catch {
      throw Fatal("cannot write \(file.path): \(error.localizedDescription)")
    }
  }

  /// A Kubernetes `Status` body for a kind that could not be listed.
  static func status(for error: KubeError) -> [UInt8] {
    let (reason, code): (String, Int) =
      switch error.kind {
      case .notFound, .notServed: ("NotFound", 404)
      case .forbidden: ("Forbidden", 403)
      case .unauthorized: ("Unauthorized", 401)
      case .gone: ("Expired", 410)
      case .timeout: ("Timeout", 504)
      default: ("InternalError", 500)
      }
    struct Status: Encodable {
      var kind = "Status"
      var apiVersion = "v1"
      var metadata: [String: String] = [:]
      var status = "Failure"
      var message: String
      var reason: String
      var code: Int
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(Status(message: error.message, reason: reason, code: code))) ?? Data()
    return Array(data) + [0x0A]
  }
}
