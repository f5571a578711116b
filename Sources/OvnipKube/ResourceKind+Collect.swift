import OvnipModel

extension ResourceKind {
  /// The path ovnip-top lists and watches for this kind: the cluster-wide `listPath`, except
  /// ConfigMaps, which the rules read only from `kube-system` (`ovn-vpc-nat-config`): listing
  /// every namespace's ConfigMaps would cost time and carry other teams' data into bundles.
  public var collectPath: String {
    switch self {
    case .configMaps: "/api/v1/namespaces/kube-system/configmaps"
    default: listPath
    }
  }
}
