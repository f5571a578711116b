import Foundation

/// The identity fields of an object read by a fresh GET, and its raw bytes for the journal.
struct FetchedObject: Sendable {
  var name: String
  var uid: String
  var resourceVersion: String
  var deletionTimestamp: String?
  /// The body as the API server sent it, with any newlines turned into spaces (valid JSON
  /// keeps newlines only as whitespace), so it fits on one journal line.
  var raw: Data

  private struct Envelope: Decodable {
    struct Meta: Decodable {
      var name: String?
      var uid: String?
      var resourceVersion: String?
      var deletionTimestamp: String?
    }
    var kind: String?
    var metadata: Meta?
  }

  /// Parses a single-object GET body; throws a one-line reason when it is not an object.
  init(bytes: [UInt8]) throws(FetchError) {
    let data = Data(bytes)
    let envelope: Envelope
    do {
      envelope = try JSONDecoder().decode(Envelope.self, from: data)
    } catch {
      throw FetchError("the API server answered with something that is not a JSON object")
    }
    guard let meta = envelope.metadata, let uid = meta.uid, !uid.isEmpty,
      let rv = meta.resourceVersion, !rv.isEmpty
    else {
      throw FetchError("the object has no metadata.uid/resourceVersion")
    }
    name = meta.name ?? ""
    self.uid = uid
    resourceVersion = rv
    deletionTimestamp = meta.deletionTimestamp
    raw = Data(data.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 })
  }
}

/// A body that could not be used, one line.
struct FetchError: Error, Sendable {
  var message: String
  init(_ message: String) { self.message = message }
}
