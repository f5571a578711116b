/// Sort orders of the subnets pane, cycled with `s`.
public enum SubnetSort: String, Sendable, Hashable, CaseIterable {
  case name
  case utilization
  case orphans
  case drift
  case doubleCounted = "double-counted"

  public var next: SubnetSort {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }
}

/// Sort orders of the orphans pane, cycled with `s` there.
public enum OrphanSort: String, Sendable, Hashable, CaseIterable {
  case subnet
  case name
  case age
  case reason

  public var next: OrphanSort {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }
}
