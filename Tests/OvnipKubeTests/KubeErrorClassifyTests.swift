import Testing

@testable import OvnipKube

/// Real kubectl 1.32 stderr, captured against a loopback server (feasibility §4 and our own runs).
@Suite struct KubeErrorClassifyTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var stderr: String
    var status: Int32 = 1
    var kind: KubeError.Kind
    var says: String
    var testDescription: String { "\(kind): \(stderr.prefix(60))" }
  }

  static let cases: [Case] = [
    Case(stderr: "Error from server (NotFound): ips.kubeovn.io \"nope\" not found\n", kind: .notFound,
         says: "ips.kubeovn.io \"nope\" not found"),
    Case(stderr: "Error from server (NotFound): the server could not find the requested resource\n",
         kind: .notFound, says: "could not find the requested resource"),
    Case(stderr: "Error from server (Forbidden): pods is forbidden: User \"system:serviceaccount:default:ro\" cannot list resource \"pods\" in API group \"\" at the cluster scope\n",
         kind: .forbidden, says: "cannot list resource \"pods\""),
    Case(stderr: "error: You must be logged in to the server (Unauthorized)\n", kind: .unauthorized,
         says: "context ctx1"),
    Case(stderr: "Please enter Username: error: EOF\n", kind: .unauthorized, says: "not authorized"),
    Case(stderr: "Error from server (Conflict): Operation cannot be fulfilled on ips.kubeovn.io \"x\": Precondition failed: UID in precondition: wrong-uid, UID in object meta: d5e3\n",
         kind: .conflict, says: "Precondition failed"),
    Case(stderr: "Error from server (Expired): too old resource version: 1 (5000)\n", kind: .gone,
         says: "too old resource version"),
    Case(stderr: "Error from server (Gone): The provided continue parameter is too old to display a consistent list result.\n",
         kind: .gone, says: "continue parameter is too old"),
    Case(stderr: "Error from server (InternalError): Internal error occurred: etcdserver: request timed out\n",
         kind: .serverError, says: "etcdserver"),
    Case(stderr: "Error from server (InternalError): an error on the server (\"unknown\") has prevented the request from succeeding\n",
         kind: .serverError, says: "has prevented the request"),
    Case(stderr: "Error from server (ServiceUnavailable): the server is currently unable to handle the request\n",
         kind: .serverError, says: "unable to handle"),
    Case(stderr: "Error from server (TooManyRequests): the server has received too many requests and has asked us to try again later\n",
         kind: .serverError, says: "too many requests"),
    Case(stderr: "error: the server doesn't have a resource type \"foos\"\n", kind: .notServed,
         says: "resource type \"foos\""),
    Case(stderr: "error: context \"nope\" does not exist\n", kind: .unknownContext, says: "\"nope\""),
    Case(stderr: "error: cannot locate context nope\n", kind: .unknownContext,
         says: "unknown kubeconfig context \"nope\""),
    Case(stderr: "error: no context exists with the name: \"staging\"\n", kind: .unknownContext,
         says: "unknown kubeconfig context \"staging\""),
    Case(stderr: "error: stat /tmp/kx/missing: no such file or directory\n", kind: .unknownContext,
         says: "kubeconfig problem"),
    Case(stderr: "The connection to the server 127.0.0.1:18099 was refused - did you specify the right host or port?\n",
         kind: .unreachable, says: "127.0.0.1:18099 was refused"),
    // Discovery noise before the verdict: the verdict is the last meaningful line.
    Case(stderr: """
      E1128 04:26:50.627623   11549 memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"http://127.0.0.1:18599/api?timeout=32s\\": dial tcp 127.0.0.1:18599: connect: connection refused"
      Warning: the server doesn't have a resource type 'pods'

      The connection to the server 127.0.0.1:18599 was refused - did you specify the right host or port?

      """, kind: .unreachable, says: "18599 was refused"),
    Case(stderr: "Unable to connect to the server: dial tcp: lookup nonexistent.invalid on 10.255.255.53:53: no such host\n",
         kind: .unreachable, says: "no such host"),
    Case(stderr: "Unable to connect to the server: context deadline exceeded\n", kind: .unreachable,
         says: "deadline exceeded"),
    Case(stderr: "Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority\n",
         kind: .unreachable, says: "x509"),
    // A watch the server dropped mid-stream (no final chunk).
    Case(stderr: "error: unexpected EOF\n", kind: .unreachable, says: "connection to the API server lost"),
    Case(stderr: "", status: 137, kind: .other, says: "killed by signal 9"),
    Case(stderr: "", status: 3, kind: .other, says: "exit status 3"),
    // Hostile text from the server is flattened to one printable line.
    Case(stderr: "Error from server (BadRequest): bad \u{1B}[31mred\u{1B}[0m\tname\n", kind: .other,
         says: "bad ?[31mred?[0m name"),
  ]

  @Test(arguments: cases)
  func classifies(_ c: Case) {
    let error = KubeError.classify(status: c.status, stderr: c.stderr, context: "ctx1", call: "kubectl get --raw /x")
    #expect(error.kind == c.kind)
    #expect(error.message.contains(c.says), "\(error.message)")
    #expect(!error.message.contains("\n"))
  }

  @Test func crdsNotFoundNamesTheContext() {
    #expect(KubeError.crdsNotFound(context: "prod-eu").message
      == "Kube-OVN CRDs not found in context prod-eu: is Kube-OVN installed?")
  }

  @Test func noiseLinesAreRecognised() {
    #expect(KubeError.isNoise("E1128 04:26:50.627623   11549 memcache.go:265] \"Unhandled Error\""))
    #expect(KubeError.isNoise("Warning: the server doesn't have a resource type 'pods'"))
    #expect(!KubeError.isNoise("Error from server (NotFound): x"))
    #expect(!KubeError.isNoise("error: EOF"))
  }
}
