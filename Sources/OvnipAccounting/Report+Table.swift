import Foundation
import OvnipModel

extension Report {
  /// The `-o table` text for people: subnets per family, then overlaps, orphans with their
  /// evidence, exemptions, dangling EIPs, errors and a one-line summary. Strings from the
  /// cluster are shown with control characters replaced (`TextSafety.printable`).
  public func tableText() -> String {
    var out: [String] = []
    out.append("ovnip-top report  source \(TextSafety.printable(source))  generated \(generatedAtText)")
    out.append("")
    out.append("SUBNETS (\(subnets.count))")
    var rows: [[String]] = [["NAME", "FAM", "CIDR", "CAPACITY", "REPORTED", "RANGE", "AVAILABLE", "CONTROLLER", "DISTINCT", "DOUBLE", "FLAGS"]]
    for subnet in subnets {
      var first = true
      let families: [(String, FamilyUsage)] = [("v4", subnet.v4), ("v6", subnet.v6)].compactMap { name, usage in
        usage.map { (name, $0) }
      }
      if families.isEmpty {
        rows.append([subnet.name, "-", subnet.cidrBlock, "-", "-", "-", "-", "-", "-", "-", flagText(subnet)])
      }
      for (family, usage) in families {
        let cidr = subnet.cidrBlock.split(separator: ",").map(String.init)
          .first { family == "v6" ? $0.contains(":") : !$0.contains(":") } ?? ""
        rows.append([
          first ? subnet.name : "", family, cidr, String(usage.capacity),
          usage.reportedUsing?.digits ?? "-", usage.reportedUsingRangeCount.map { String($0) } ?? "-",
          usage.reportedAvailable?.digits ?? "-", String(usage.controllerUsing), String(usage.distinctUsing),
          String(usage.doubleCounted), first ? flagText(subnet) : "",
        ])
        first = false
      }
    }
    out += Self.columns(rows)

    if !overlaps.isEmpty {
      out.append("")
      out.append("ADDRESSES HELD TWICE (\(overlaps.count))")
      var rows: [[String]] = [["SUBNET", "ADDRESS", "HOLDERS"]]
      for o in overlaps {
        rows.append([o.subnet, o.address, o.holders.map { "\($0.kind.rawValue)/\($0.name)" }.joined(separator: ", ")])
      }
      out += Self.columns(rows)
    }

    out.append("")
    out.append("LEAKED IP CRs (\(orphans.count))")
    if !orphans.isEmpty {
      var rows: [[String]] = [["NAME", "SUBNET", "ADDRESSES", "REASONS", "CREATED"]]
      for o in orphans {
        rows.append([o.name, o.subnet, o.addresses.joined(separator: ","), o.reasons.map(\.rawValue).joined(separator: ","), o.createdAt])
      }
      let lines = Self.columns(rows)
      out.append(lines[0])
      for (index, o) in orphans.enumerated() {
        out.append(lines[index + 1])
        out.append("    why: \(TextSafety.printable(o.evidence))")
      }
    }

    if !exempt.isEmpty {
      out.append("")
      out.append("LOOK LEAKED BUT ARE NOT (\(exempt.count))")
      var rows: [[String]] = [["NAME", "SUBNET", "REASON", "EVIDENCE"]]
      for e in exempt { rows.append([e.name, e.subnet, e.reason.rawValue, e.evidence]) }
      out += Self.columns(rows)
    }

    if !danglingEIPs.isEmpty {
      out.append("")
      out.append("DANGLING EIPs (\(danglingEIPs.count)) - gateway missing; not cleanup candidates")
      var rows: [[String]] = [["NAME", "NAT GATEWAY", "ADDRESS", "REFERENCED BY"]]
      for d in danglingEIPs {
        rows.append([d.name, d.natGwDp, d.address, d.referencedBy.isEmpty ? "-" : d.referencedBy.joined(separator: ", ")])
      }
      out += Self.columns(rows)
    }

    if !errors.isEmpty {
      out.append("")
      out.append("ERRORS (\(errors.count))")
      for e in errors { out.append("  \(TextSafety.printable(e.resource)): \(TextSafety.printable(e.message))") }
    }

    out.append("")
    let flagged = subnets.filter { !$0.flags.isEmpty }.count
    out.append(
      "\(subnets.count) subnets (\(flagged) flagged), \(overlaps.count) addresses held twice, "
        + "\(orphans.count) leaked IP CRs, \(exempt.count) exempt, \(ownedCount) owned, "
        + "\(danglingEIPs.count) dangling EIPs, \(errors.count) errors")
    return out.joined(separator: "\n") + "\n"
  }

  private func flagText(_ subnet: SubnetUsage) -> String {
    subnet.flags.isEmpty ? "-" : subnet.flags.map(\.rawValue).joined(separator: ",")
  }

  /// Left-aligned columns two blanks apart; the last column is not padded.
  static func columns(_ rows: [[String]]) -> [String] {
    let safe = rows.map { $0.map(TextSafety.printable) }
    let count = safe.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: count)
    for row in safe {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    return safe.map { row in
      row.enumerated().map { i, cell in
        i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
      }.joined(separator: "  ").trimmingTrailingBlanks()
    }
  }
}

/// Makes strings from the cluster safe to print on a terminal.
public enum TextSafety {
  /// Replaces control characters (C0, DEL, C1, including ESC) with `?`.
  public static func printable(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? "?" : $0 }))
  }

  static func isControl(_ s: Unicode.Scalar) -> Bool {
    s.value < 0x20 || (0x7F...0x9F).contains(s.value)
  }
}

extension String {
  fileprivate func trimmingTrailingBlanks() -> String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
