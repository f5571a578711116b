import Dispatch
import Foundation
import Synchronization

/// A kubeconfig for the demo's stand-in, in a private temporary directory (0700, file 0600),
/// removed when `remove()` is called, when the process exits normally, and on SIGINT, SIGTERM
/// or SIGHUP.
final class TemporaryKubeconfig: Sendable {
  /// The kubeconfig file.
  let path: String
  /// The directory holding it (also used as kubectl's cache dir for the demo).
  let directory: String
  let context: String

  /// Writes a kubeconfig whose only context, `context`, points at `server` without credentials.
  init(server: String, context: String = "ovnip-demo") throws {
    let base = FileManager.default.temporaryDirectory.path
    let directory = "\(base)/ovnip-top-demo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    guard mkdir(directory, 0o700) == 0 else {
      throw Fatal("cannot create \(directory): \(String(cString: strerror(errno)))")
    }
    let path = "\(directory)/kubeconfig"
    let yaml = """
      apiVersion: v1
      kind: Config
      clusters:
      - name: \(context)
        cluster:
          server: \(server)
      contexts:
      - name: \(context)
        context:
          cluster: \(context)
          user: \(context)
      current-context: \(context)
      users:
      - name: \(context)
        user: {}

      """
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else { throw Fatal("cannot write \(path): \(String(cString: strerror(errno)))") }
    let bytes = Array(yaml.utf8)
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    guard written == bytes.count else { throw Fatal("cannot write \(path)") }
    self.path = path
    self.directory = directory
    self.context = context
    ExitCleanup.shared.register(directory)
  }

  /// Removes the file and its directory (idempotent).
  func remove() {
    ExitCleanup.shared.removeNow(directory)
  }

  deinit { remove() }
}

/// Directories to delete when the process ends: at `exit()` (ArgumentParser exits through it)
/// and on SIGINT/SIGTERM/SIGHUP, after which the process exits with 128 + signal.
final class ExitCleanup: Sendable {
  static let shared = ExitCleanup()

  private let paths = Mutex<Set<String>>([])
  private let installed = Mutex(false)
  /// Extra work to run on a signal before exiting (e.g. stopping the stand-in, restoring the
  /// terminal); run once, in registration order.
  private let hooks = Mutex<[@Sendable () -> Void]>([])
  /// Kept alive for the life of the process; written once, under `installed`.
  nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

  func register(_ path: String) {
    paths.withLock { _ = $0.insert(path) }
    installOnce()
  }

  /// Adds work to run when a termination signal arrives.
  func onSignal(_ hook: @escaping @Sendable () -> Void) {
    hooks.withLock { $0.append(hook) }
    installOnce()
  }

  func removeNow(_ path: String) {
    let known = paths.withLock { $0.remove(path) != nil }
    if known { try? FileManager.default.removeItem(atPath: path) }
  }

  func removeAll() {
    let all = paths.withLock { p -> Set<String> in
      defer { p.removeAll() }
      return p
    }
    for path in all { try? FileManager.default.removeItem(atPath: path) }
  }

  private func installOnce() {
    let first = installed.withLock { done -> Bool in
      defer { done = true }
      return !done
    }
    guard first else { return }
    atexit { ExitCleanup.shared.removeAll() }
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler {
        let hooks = ExitCleanup.shared.hooks.withLock { h -> [@Sendable () -> Void] in
          defer { h.removeAll() }
          return h
        }
        for hook in hooks { hook() }
        ExitCleanup.shared.removeAll()
        exit(128 + sig)
      }
      source.resume()
      Self.sources.append(source)
    }
  }
}
