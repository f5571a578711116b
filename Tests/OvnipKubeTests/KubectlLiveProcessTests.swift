import Foundation
import Synchronization
import Testing

@testable import OvnipKube

/// The live client against a scripted stand-in for the kubectl binary: real subprocesses, real
/// pipes, real signals. (The real kubectl against the API stand-in is in the integration tests.)
@Suite struct KubectlLiveProcessTests {
  /// A shell script that behaves like kubectl for the paths the tests use. It records its argv
  /// and pid so the tests can see what was run and whether it is still alive.
  static let script = #"""
    #!/bin/sh
    dir="$(dirname "$0")"
    echo "$*" >> "$dir/argv"
    # Skip global flags: --cache-dir X --kubeconfig X --context X
    while [ $# -gt 0 ]; do
      case "$1" in
        --cache-dir|--kubeconfig|--context) shift 2 ;;
        *) break ;;
      esac
    done
    case "$1 $2 $3" in
      "get --raw /ok") printf '{"kind":"IPList","items":[]}' ;;
      "get --raw /big") head -c 20000000 /dev/zero | tr '\0' 'x' ;;
      "get --raw /forbidden")
        echo 'Error from server (Forbidden): ips.kubeovn.io is forbidden: User "ro" cannot list resource "ips"' >&2; exit 1 ;;
      "get --raw /hang") echo $$ > "$dir/pid"; exec sleep 30 ;;
      "get --raw /watch")
        printf '{"type":"ADDED","object":{"a":1}}\n{"type":"MOD'; sleep 0.2
        printf 'IFIED","object":{"a":2}}\n'; exit 0 ;;
      "get --raw /watchfail")
        printf '{"type":"ADDED","object":{}}\n'
        echo 'The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?' >&2; exit 1 ;;
      "get --raw /watchhang") echo $$ > "$dir/pid"; printf 'line\n'; exec sleep 30 ;;
      "delete --raw /apis/kubeovn.io/v1/ips/x") cat ;;
      "auth can-i delete") if [ "$4" = "ips.kubeovn.io" ]; then echo yes; else echo no; exit 1; fi ;;
      "config view --minify")
        printf '{"kind":"Config","clusters":[{"name":"c","cluster":{"server":"https://10.0.0.1:6443"}}],"contexts":[{"name":"prod","context":{"cluster":"c","user":"u"}}],"current-context":"prod"}' ;;
      "version --client -o") printf '{"clientVersion":{"gitVersion":"v1.32.4"}}' ;;
      *) echo "error: unexpected $*" >&2; exit 1 ;;
    esac
    """#

  struct Rig {
    var dir: URL
    var client: KubectlClient
    var argv: [String] {
      ((try? String(contentsOf: dir.appendingPathComponent("argv"), encoding: .utf8)) ?? "")
        .split(separator: "\n").map(String.init)
    }
    var pid: pid_t? {
      (try? String(contentsOf: dir.appendingPathComponent("pid"), encoding: .utf8))
        .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
  }

  func rig(timeout: Duration = .seconds(20), context: String? = nil) throws -> Rig {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ovnip-kubectl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("kubectl")
    try Self.script.write(to: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path.path)
    let options = KubectlOptions(
      kubectl: path.path, context: context, cacheDir: dir.appendingPathComponent("cache").path, timeout: timeout)
    return Rig(dir: dir, client: try KubectlClient.live(options))
  }

  static func alive(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 }

  @Test func getReturnsStdoutBytesAndPassesGlobalFlagsAsArgv() async throws {
    let rig = try rig(context: "ctx with space")
    let bytes = try await rig.client.get("/ok")
    #expect(bytes.text == #"{"kind":"IPList","items":[]}"#)
    #expect(rig.argv == ["--cache-dir \(rig.dir.path)/cache --context ctx with space get --raw /ok"])
    var isDirectory: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: rig.dir.path + "/cache", isDirectory: &isDirectory))
  }

  @Test func bigOutputArrivesWhole() async throws {
    let bytes = try await rig().client.get("/big")
    #expect(bytes.count == 20_000_000)
  }

  @Test func failureIsClassifiedFromStderr() async throws {
    await #expect {
      _ = try await rig().client.get("/forbidden")
    } throws: { error in
      (error as? KubeError)?.kind == .forbidden
    }
  }

  @Test func hungKubectlIsTerminatedAtTheTimeout() async throws {
    let rig = try rig(timeout: .milliseconds(700))
    let started = ContinuousClock.now
    await #expect {
      _ = try await rig.client.get("/hang")
    } throws: { error in
      let error = error as? KubeError
      return error?.kind == .timeout && error?.message == "kubectl get --raw /hang timed out after 700ms"
    }
    #expect(ContinuousClock.now - started < .seconds(5))
    let pid = try #require(rig.pid)
    #expect(await EventRecorder.wait(3) { !Self.alive(pid) })
  }

  @Test func deleteSendsTheBodyOnStdin() async throws {
    let body = Array(#"{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"u1","resourceVersion":"7"}}"#.utf8)
    let echoed = try await rig().client.delete("/apis/kubeovn.io/v1/ips/x", body)
    #expect(echoed == body)
  }

  @Test func watchFramesLinesAcrossWrites() async throws {
    let lines = LineBox()
    try await rig().client.watch("/watch") { line in lines.append(line.text) }
    #expect(lines.all == [#"{"type":"ADDED","object":{"a":1}}"#, #"{"type":"MODIFIED","object":{"a":2}}"#])
  }

  @Test func watchFailureThrowsAfterDeliveringLines() async throws {
    let lines = LineBox()
    await #expect {
      try await rig().client.watch("/watchfail") { line in lines.append(line.text) }
    } throws: { error in
      (error as? KubeError)?.kind == .unreachable
    }
    #expect(lines.all.count == 1)
  }

  @Test func cancellingAWatchKillsKubectl() async throws {
    let rig = try rig()
    let lines = LineBox()
    let task = Task { try await rig.client.watch("/watchhang") { line in lines.append(line.text) } }
    #expect(await EventRecorder.wait(5) { lines.all == ["line"] })
    let pid = try #require(rig.pid)
    #expect(Self.alive(pid))
    task.cancel()
    _ = try? await task.value
    #expect(await EventRecorder.wait(3) { !Self.alive(pid) })
  }

  @Test func canIDistinguishesNoFromFailure() async throws {
    let client = try rig().client
    #expect(try await client.canI("delete", "ips.kubeovn.io") == true)
    #expect(try await client.canI("delete", "pods") == false)
  }

  @Test func identityAndVersion() async throws {
    let client = try rig().client
    #expect(try await client.identity() == ClusterIdentity(context: "prod", server: "https://10.0.0.1:6443"))
    #expect(try await client.version() == "v1.32.4")
  }

  @Test func missingKubectlSaysHowToInstallIt() {
    #expect {
      _ = try KubectlOptions().resolveKubectl(path: "/nonexistent-bin:/also-not")
    } throws: { error in
      let error = error as? KubeError
      return error?.kind == .kubectlMissing
        && error?.message == "kubectl not found on PATH: " + KubectlOptions.installHint
    }
    #expect(KubectlOptions.installHint.contains("apt install kubernetes-client"))
  }

  @Test func defaultCacheDirIsPrivateToOvnipTop() {
    #expect(KubectlOptions.defaultCacheDir(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"])
      == "/x/cache/ovnip-top/kube")
    #expect(KubectlOptions.defaultCacheDir(environment: ["HOME": "/home/u"]) == "/home/u/.cache/ovnip-top/kube")
    #expect(KubectlOptions.defaultCacheDir(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"])
      == "/home/u/.cache/ovnip-top/kube")
  }
}

/// Lines seen by a watch callback.
final class LineBox: Sendable {
  let lines = Mutex<[String]>([])
  func append(_ line: String) { lines.withLock { $0.append(line) } }
  var all: [String] { lines.withLock { $0 } }
}
