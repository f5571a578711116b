import Foundation
import OvnipScenario

/// kubectl's typed clients (`kubectl auth can-i`) POST SelfSubjectAccessReviews as Kubernetes
/// protobuf (`Content-Type: application/vnd.kubernetes.protobuf`). This reads just enough of
/// that encoding to recover `spec.resourceAttributes`; the answer goes back as JSON, which the
/// client also accepts.
enum ProtobufAccessReview {
  /// The `k8s\0` envelope magic.
  static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

  /// The review as JSON (`{"apiVersion":…,"kind":…,"spec":{"resourceAttributes":{…}}}`), or nil.
  static func decode(_ bytes: [UInt8]) -> JSONValue? {
    guard bytes.starts(with: magic) else { return nil }
    // runtime.Unknown: 1 typeMeta, 2 raw, 3 contentEncoding, 4 contentType.
    guard let unknown = fields(Array(bytes.dropFirst(4))), let raw = unknown[2]?.first else { return nil }
    // SelfSubjectAccessReview: 1 metadata, 2 spec, 3 status.
    guard let review = fields(raw), let specBytes = review[2]?.first, let spec = fields(specBytes) else {
      return nil
    }
    var attrs: JSONValue = [:]
    if let ra = spec[1]?.first, let f = fields(ra) {
      // ResourceAttributes: 1 namespace, 2 verb, 3 group, 4 version, 5 resource, 6 subresource, 7 name.
      let names = [1: "namespace", 2: "verb", 3: "group", 4: "version", 5: "resource", 6: "subresource", 7: "name"]
      for (n, key) in names.sorted(by: { $0.key < $1.key }) {
        if let v = f[n]?.first { attrs[key] = .string(String(decoding: v, as: UTF8.self)) }
      }
    }
    return [
      "kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1", "metadata": [:],
      "spec": ["resourceAttributes": attrs],
    ]
  }

  /// Length-delimited fields by number (varint and fixed fields are skipped); nil if malformed.
  static func fields(_ b: [UInt8]) -> [Int: [[UInt8]]]? {
    var out: [Int: [[UInt8]]] = [:]
    var i = 0
    func varint() -> UInt64? {
      var v: UInt64 = 0
      var shift: UInt64 = 0
      while i < b.count, shift < 64 {
        let byte = b[i]
        i += 1
        v |= UInt64(byte & 0x7F) << shift
        if byte & 0x80 == 0 { return v }
        shift += 7
      }
      return nil
    }
    while i < b.count {
      guard let key = varint() else { return nil }
      let field = Int(key >> 3)
      switch key & 7 {
      case 0: guard varint() != nil else { return nil }
      case 1: i += 8
      case 5: i += 4
      case 2:
        guard let len = varint(), i + Int(len) <= b.count else { return nil }
        out[field, default: []].append(Array(b[i..<i + Int(len)]))
        i += Int(len)
      default: return nil
      }
    }
    return i == b.count ? out : nil
  }
}
