import Foundation
import OvnipAccounting
import OvnipDashboard
import OvnipModel
import OvnipRender

/// Render time per frame and key→screen latency (reduce + render) on a synthetic report the
/// size of a big cluster: 100k IP CRs in 200 subnets, 5,000 orphans, 200 overlaps.
enum RenderBench {
  static func syntheticReport(ipCRs: Int = 100_000, subnets subnetCount: Int = 200, orphans orphanCount: Int = 5_000) -> Report {
    let perSubnet = ipCRs / subnetCount
    var subnets: [SubnetUsage] = []
    var holdings: [String: [Holding]] = [:]
    var orphans: [Orphan] = []
    var overlaps: [Overlap] = []
    for s in 0..<subnetCount {
      let name = "subnet-\(s)"
      let family = FamilyUsage(
        capacity: 65533, reportedUsing: BigCount(perSubnet + s % 7), reportedAvailable: BigCount(65533 - perSubnet),
        reportedUsingRangeCount: UInt128(perSubnet), controllerUsing: perSubnet, distinctUsing: perSubnet - 1,
        doubleCounted: 1)
      subnets.append(SubnetUsage(
        name: name, cidrBlock: "10.\(s / 256).\(s % 256).0/16", provider: "ovn", vpc: "vpc-\(s % 10)",
        protocol: "IPv4", v4: family, v6: nil, flags: [.reportedDrift, .doubleCounted], terminating: false,
        orphanCount: orphanCount / subnetCount))
      holdings[name] = (0..<perSubnet).map {
        Holding(address: "10.\(s).\($0 / 256).\($0 % 256)", holder: Holder(kind: .ip, name: "pod-\(s)-\($0).ns"))
      }
      overlaps.append(Overlap(subnet: name, address: "10.\(s).0.0", holders: [
        Holder(kind: .ip, name: "pod-\(s)-0.ns"), Holder(kind: .iptablesEIP, name: "eip-\(s)"),
      ]))
    }
    for o in 0..<orphanCount {
      let s = o % subnetCount
      orphans.append(Orphan(
        name: "pod-\(s)-\(o).ns", uid: "uid-\(o)", resourceVersion: "\(o)", subnet: "subnet-\(s)",
        addresses: ["10.\(s).\(o / 256 % 256).\(o % 256)"], reasons: [.podMissing],
        evidence: "Pod ns/pod-\(s)-\(o) not found", createdAt: "2025-11-27T10:00:00Z",
        checks: [OwnerCheck(kind: .pod, namespace: "ns", name: "pod-\(s)-\(o)")]))
    }
    return Report(
      generatedAt: Date(timeIntervalSince1970: 1_764_300_000), source: "bench", subnets: subnets,
      overlaps: overlaps, orphans: orphans, ownedCount: ipCRs - orphanCount, holdings: holdings)
  }

  /// Milliseconds per call of `body`, median of `runs`.
  static func measure(runs: Int, _ body: () -> Void) -> Double {
    var samples: [Double] = []
    for _ in 0..<runs {
      let start = DispatchTime.now().uptimeNanoseconds
      body()
      samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return samples.sorted()[samples.count / 2]
  }

  static func run() async {
    for orphans in [5_000, 50_000] { run(orphans: orphans) }
  }

  static func run(orphans orphanCount: Int) {
    let now = Date(timeIntervalSince1970: 1_764_300_000)
    let report = syntheticReport(orphans: orphanCount)
    var statuses: [String: OrphanStatus] = [:]
    for (i, orphan) in report.orphans.enumerated() {
      statuses[orphan.name] = OrphanStatus(firstSeen: now - Double(i), refreshesSeen: 3, stage: i % 2 == 0 ? .confirmed : .candidate)
    }
    var state = AppState(context: "bench", now: now)
    _ = reduce(&state, .terminalResized(width: 200, height: 60))
    let poll = measure(runs: 5) {
      var s = state
      _ = reduce(&s, .pollSucceeded(report, at: now, watching: true, statuses: statuses))
    }
    _ = reduce(&state, .pollSucceeded(report, at: now, watching: true, statuses: statuses))
    print("render: 100k IP CRs, 200 subnets, \(orphanCount) orphans (median ms)")
    print(String(format: "  reduce(pollSucceeded)            %8.2f ms", poll))
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
      let ms = measure(runs: 30) { _ = render(state, width: w, height: h) }
      print(String(format: "  render frame %3dx%-3d              %8.2f ms", w, h, ms))
    }
    for (label, key, pane) in [("↓ in subnets", Key.down, Pane.subnets), ("↓ in orphans", Key.down, Pane.orphans),
                               ("s (re-sort orphans)", Key.char("s"), Pane.orphans)] {
      var s = state
      s.focus = pane
      let ms = measure(runs: 30) {
        _ = reduce(&s, .keyPressed(key))
        _ = render(s, width: 120, height: 40)
      }
      let padded = label + String(repeating: " ", count: max(0, 22 - label.count))
      print("  key→screen " + padded + String(format: " %8.2f ms", ms))
    }
    var typing = state
    _ = reduce(&typing, .keyPressed(.char("/")))
    for c in "subnet-1" { _ = reduce(&typing, .keyPressed(.char(c))) }
    let apply = measure(runs: 10) {
      var s = typing
      _ = reduce(&s, .keyPressed(.enter))
      _ = render(s, width: 120, height: 40)
    }
    print(String(format: "  key→screen Enter (apply filter)   %8.2f ms", apply))
    var regex = state
    _ = reduce(&regex, .keyPressed(.char("/")))
    for c in "^subnet-1[0-9]$" { _ = reduce(&regex, .keyPressed(.char(c))) }
    let applyRegex = measure(runs: 10) {
      var s = regex
      _ = reduce(&s, .keyPressed(.enter))
      _ = render(s, width: 120, height: 40)
    }
    print(String(format: "  key→screen Enter (regex filter)   %8.2f ms", applyRegex))
  }
}
