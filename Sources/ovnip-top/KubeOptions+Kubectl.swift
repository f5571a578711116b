import Foundation
import OvnipAccounting
import OvnipKube
import OvnipModel

extension KubeOptions {
  /// The kubectl settings these flags select.
  var kubectlOptions: KubectlOptions {
    KubectlOptions(kubectl: kubectl, context: context, kubeconfig: kubeconfig, cacheDir: cacheDir)
  }

  /// The poller's pacing from `--refresh` and `--page-size`.
  var pollerOptions: PollerOptions {
    PollerOptions(refreshSeconds: refresh, pageLimit: pageSize)
  }
}

/// What every live mode does first: a client, the cluster's identity, and discovery.
struct LiveSession: Sendable {
  var client: KubectlClient
  var identity: ClusterIdentity
  var discovery: Discovery

  /// Connects through kubectl. Every failure is one line (`Fatal`, exit status 2): kubectl
  /// missing (with how to install it), unknown context, unreachable server, Kube-OVN CRDs absent.
  static func open(_ options: KubectlOptions, pageSize: Int) async throws -> LiveSession {
    guard pageSize > 0 else { throw Fatal("--page-size must be a positive number") }
    let client: KubectlClient
    do {
      client = try KubectlClient.live(options)
    } catch {
      throw Fatal(error.message)
    }
    return try await open(client: client)
  }

  /// The identity and discovery behind an existing client.
  static func open(client: KubectlClient) async throws -> LiveSession {
    do {
      let identity = try await client.identity()
      let discovery = try await Discovery.run(client: client, context: identity.context)
      return LiveSession(client: client, identity: identity, discovery: discovery)
    } catch let error as KubeError {
      throw Fatal(error.message)
    }
  }

  /// One full list (holders before owners) accounted into a report, and when it was taken.
  func report(pageSize: Int, subnets: [String]) async throws -> (report: Report, at: Date) {
    let snapshot: ClusterSnapshot
    do {
      snapshot = try await Collector(client: client, pageLimit: pageSize)
        .snapshot(discovery: discovery)
    } catch {
      throw Fatal(error.message)
    }
    let at = Date()
    let report = Accountant().report(
      snapshot, now: at, source: "kubectl:\(identity.context)", subnets: subnets)
    return (report, at)
  }
}
