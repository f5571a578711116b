import OvnipAccounting

extension SubnetUsage {
  /// The family the dashboard shows first: v4 when present, else v6.
  public var primary: FamilyUsage? { v4 ?? v6 }

  /// Distinct addresses held over capacity, 0...1+ (v4 first, else v6).
  public var utilization: Double {
    guard let family = primary, family.capacity > 0 else { return 0 }
    return Double(family.distinctUsing) / Double(family.capacity)
  }

  /// How far the reported using count is from the real one (both families).
  public var drift: Int {
    [v4, v6].compactMap { $0 }.reduce(0) { sum, family in
      guard let reported = family.reportedUsing?.uint128 else { return sum }
      let real = UInt128(family.distinctUsing)
      let diff = reported > real ? reported - real : real - reported
      return sum + Int(clamping: diff)
    }
  }

  /// Addresses held twice, both families.
  public var doubleCountedTotal: Int { (v4?.doubleCounted ?? 0) + (v6?.doubleCounted ?? 0) }

  /// Distinct addresses held, both families.
  public var distinctTotal: Int { (v4?.distinctUsing ?? 0) + (v6?.distinctUsing ?? 0) }
}
