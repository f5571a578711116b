#!/usr/bin/env python3
"""Writes the example snapshot directories (one <plural>.json per resource, compact, as
`kubectl get --raw <list path>` prints them). Objects follow Kube-OVN's real JSON shapes
(docs kube-ovn-domain.md §8). expected.json files are written by hand, not by this script.

    python3 examples/generate.py
"""
import hashlib, json, os

FIN = ["kubeovn.io/kube-ovn-controller"]
T0 = "2025-06-20T13:30:00Z"
_rv = [183400]
_uid = [0]


def rv():
    _rv[0] += 7
    return str(_rv[0])


def uid(tag):
    _uid[0] += 1
    h = hashlib.sha1(tag.encode()).hexdigest()
    return "%s-%s-4%s-8%s-%012x" % (h[:8], h[8:12], h[13:16], h[17:20], _uid[0])


def meta(name, ns=None, labels=None, ann=None, fin=None, created=T0, deleting=None, gen=1):
    m = {"name": name}
    if ns is not None:
        m["namespace"] = ns
    m["uid"] = uid(name)
    m["resourceVersion"] = rv()
    m["generation"] = gen
    m["creationTimestamp"] = created
    if deleting:
        m["deletionTimestamp"] = deleting
        m["deletionGracePeriodSeconds"] = 30
    if labels:
        m["labels"] = labels
    if ann:
        m["annotations"] = ann
    if fin:
        m["finalizers"] = fin
    return m


def lst(kind, api, items):
    return {"kind": kind, "apiVersion": api, "metadata": {"resourceVersion": rv()}, "items": items}


def subnet(name, cidr, gw, excl, provider="ovn", vpc="ovn-cluster", status=None, proto="IPv4", v116=False):
    spec = {"cidrBlock": cidr, "default": name == "ovn-default", "enableLb": True, "excludeIps": excl,
            "gateway": gw, "gatewayNode": "", "natOutgoing": name == "ovn-default", "private": False,
            "protocol": proto, "provider": provider}
    if vpc:
        spec["vpc"] = vpc
        spec["gatewayType"] = "distributed"
    st = {"activateGateway": "", "dhcpV4OptionsUUID": "", "dhcpV6OptionsUUID": "", "mcastQuerierIP": "",
          "mcastQuerierMAC": "", "u2oInterconnectionIP": "", "u2oInterconnectionMAC": "",
          "u2oInterconnectionVPC": "",
          "conditions": [{"type": "Validated", "status": "True", "reason": "ValidateLogicalSwitchSuccess",
                          "lastUpdateTime": "2025-06-20T13:30:01Z", "lastTransitionTime": "2025-06-20T13:30:01Z"},
                         {"type": "Ready", "status": "True", "reason": "SetPrivateLogicalSwitchSuccess",
                          "lastUpdateTime": "2025-06-20T13:30:01Z", "lastTransitionTime": "2025-06-20T13:30:01Z"}]}
    st.update(status)
    return {"apiVersion": "kubeovn.io/v1", "kind": "Subnet",
            "metadata": meta(name, labels=None, fin=FIN, gen=2), "spec": spec, "status": st}


def ip(pod, ns, subnet_name, v4="", v6="", provider="ovn", pod_type="", node="worker-1", mac="", reserved="false",
       name=None):
    name = name or (f"{pod}.{ns}" if provider == "ovn" else f"{pod}.{ns}.{provider}")
    labels = {"ovn.kubernetes.io/subnet": subnet_name, subnet_name: "", "ovn.kubernetes.io/node-name": node,
              "ovn.kubernetes.io/ip_reserved": reserved}
    addr = ",".join(a for a in [v4, v6] if a)
    return {"apiVersion": "kubeovn.io/v1", "kind": "IP",
            "metadata": meta(name, labels=labels, fin=FIN, created="2025-06-20T13:35:03Z"),
            "spec": {"podName": pod, "namespace": ns, "subnet": subnet_name, "attachSubnets": [], "nodeName": node,
                     "ipAddress": addr, "v4IpAddress": v4, "v6IpAddress": v6, "attachIps": [], "macAddress": mac,
                     "attachMacs": [], "containerID": "", "podType": pod_type}}


def eip(name, address, gw, nat, subnet_name="ovn-vpc-external-network", mac="7a:f0:ad:cd:5f:64"):
    return {"apiVersion": "kubeovn.io/v1", "kind": "IptablesEIP",
            "metadata": meta(name, labels={"ovn.kubernetes.io/subnet": subnet_name,
                                           "ovn.kubernetes.io/vpc-nat-gw-name": gw,
                                           "ovn.kubernetes.io/eip_v4_ip": address}, fin=FIN,
                             created="2025-06-20T13:40:10Z", gen=2),
            "spec": {"v4ip": address, "v6ip": "", "macAddress": mac, "natGwDp": gw, "qosPolicy": "",
                     "externalSubnet": subnet_name},
            "status": {"ready": True, "ip": address, "nat": nat, "redo": "", "qosPolicy": ""}}


def rule(kind, name, eip_name, gw, address, extra_spec, extra_status):
    spec = {"eip": eip_name}
    spec.update(extra_spec)
    status = {"ready": True, "v4ip": address, "v6ip": "", "natGwDp": gw, "redo": ""}
    status.update(extra_status)
    return {"apiVersion": "kubeovn.io/v1", "kind": kind,
            "metadata": meta(name, labels={"ovn.kubernetes.io/eip_v4_ip": address}, fin=FIN,
                             created="2025-06-20T13:41:00Z", gen=1),
            "spec": spec, "status": status}


def natgw(name, vpc, subnet_name, lan_ip):
    return {"apiVersion": "kubeovn.io/v1", "kind": "VpcNatGateway",
            "metadata": meta(name, labels={"ovn.kubernetes.io/subnet": subnet_name, "ovn.kubernetes.io/vpc": vpc},
                             fin=FIN),
            "spec": {"vpc": vpc, "subnet": subnet_name, "lanIp": lan_ip, "selector": [], "tolerations": [],
                     "affinity": {}, "externalSubnets": ["ovn-vpc-external-network"], "qosPolicy": "",
                     "bgpSpeaker": {"enabled": False}},
            "status": {"qosPolicy": "", "externalSubnets": ["ovn-vpc-external-network"], "selector": [],
                       "tolerations": [], "affinity": {}}}


def pod(name, ns, node, ann, phase="Running", host_network=False, deleting=None, owner=None, labels=None):
    spec = {"containers": [{"name": "main", "image": "registry.local/app:1.0"}], "nodeName": node,
            "restartPolicy": "Always", "serviceAccountName": "default"}
    if host_network:
        spec["hostNetwork"] = True
    m = meta(name, ns, labels=labels or {"app": name.rsplit("-", 1)[0]}, ann=ann,
             created="2025-06-20T13:35:00Z", deleting=deleting)
    if owner:
        m["ownerReferences"] = [{"apiVersion": "apps/v1", "kind": owner[0], "name": owner[1], "uid": uid(owner[1]),
                                 "controller": True, "blockOwnerDeletion": True}]
    return {"metadata": m, "spec": spec, "status": {"phase": phase, "podIP": "", "hostIP": "172.18.0.3"}}


def ovn_ann(v4, cidr, gw, ls, v6=None, cidr6=None, gw6=None, mac="0a:58:0a:10:00:05"):
    a = {"ovn.kubernetes.io/allocated": "true", "ovn.kubernetes.io/ip_address": v4 if not v6 else f"{v4},{v6}",
         "ovn.kubernetes.io/cidr": cidr if not cidr6 else f"{cidr},{cidr6}",
         "ovn.kubernetes.io/gateway": gw if not gw6 else f"{gw},{gw6}", "ovn.kubernetes.io/logical_switch": ls,
         "ovn.kubernetes.io/mac_address": mac, "ovn.kubernetes.io/pod_nic_type": "veth-pair",
         "ovn.kubernetes.io/routed": "true"}
    return a


def sts(name, ns, replicas):
    return {"metadata": meta(name, ns, labels={"app": name}, gen=1),
            "spec": {"replicas": replicas, "serviceName": name, "selector": {"matchLabels": {"app": name}},
                     "podManagementPolicy": "OrderedReady", "updateStrategy": {"type": "RollingUpdate"},
                     "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": []}}},
            "status": {"replicas": replicas, "readyReplicas": replicas, "availableReplicas": replicas,
                       "observedGeneration": 1}}


def node(name, join_ip):
    return {"metadata": meta(name, labels={"kubernetes.io/hostname": name, "kubernetes.io/os": "linux"},
                             ann={"ovn.kubernetes.io/allocated": "true", "ovn.kubernetes.io/ip_address": join_ip,
                                  "ovn.kubernetes.io/logical_switch": "join"}),
            "spec": {"podCIDR": ""}, "status": {"conditions": [{"type": "Ready", "status": "True"}]}}


def cm(name, ns, data):
    return {"metadata": meta(name, ns), "data": data}


def vm(name, ns, running):
    return {"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine",
            "metadata": meta(name, ns, ann={"kubevirt.io/latest-observed-api-version": "v1"}),
            "spec": {"runStrategy": "Always" if running else "Halted",
                     "template": {"metadata": {"annotations": {"ovn.kubernetes.io/logical_switch": "ovn-default"}},
                                  "spec": {"domain": {"devices": {}}}}},
            "status": {"printableStatus": "Running" if running else "Stopped", "ready": running}}


def write(directory, files):
    os.makedirs(directory, exist_ok=True)
    for plural, doc in files.items():
        with open(os.path.join(directory, plural + ".json"), "w") as f:
            f.write(json.dumps(doc, separators=(",", ":")))  # --raw: compact, no trailing newline


KO = ("kubeovn.io/v1",)
EXT = "ovn-vpc-external-network"
EXT_P = "ovn-vpc-external-network.kube-system"


def nat_gateway_leak():
    _rv[0] = 183400
    subnets = [
        subnet("join", "100.64.0.0/16", "100.64.0.1", ["100.64.0.1"],
               status={"v4availableIPrange": "100.64.0.4-100.64.255.254", "v4availableIPs": 65531,
                       "v4usingIPrange": "100.64.0.2-100.64.0.3", "v4usingIPs": 2, "v6availableIPrange": "",
                       "v6availableIPs": 0, "v6usingIPrange": "", "v6usingIPs": 0}),
        subnet("net1", "10.0.1.0/24", "10.0.1.1", ["10.0.1.1"], vpc="vpc1",
               status={"v4availableIPrange": "10.0.1.2-10.0.1.252", "v4availableIPs": 251,
                       "v4usingIPrange": "10.0.1.253-10.0.1.254", "v4usingIPs": 2, "v6availableIPrange": "",
                       "v6availableIPs": 0, "v6usingIPrange": "", "v6usingIPs": 0}),
        subnet("ovn-default", "10.16.0.0/16", "10.16.0.1", ["10.16.0.1"],
               status={"v4availableIPrange": "10.16.0.2-10.16.0.4,10.16.0.8,10.16.0.11-10.16.255.254",
                       "v4availableIPs": 65528, "v4usingIPrange": "10.16.0.5-10.16.0.7,10.16.0.9-10.16.0.10",
                       "v4usingIPs": 5, "v6availableIPrange": "", "v6availableIPs": 0, "v6usingIPrange": "",
                       "v6usingIPs": 0}),
        # #4747: 3 IP CRs + 4 EIPs counted, 2 addresses held twice: 7 > capacity 6.
        subnet(EXT, "192.168.0.0/28", "192.168.0.1", ["192.168.0.1..192.168.0.8"], provider=EXT_P, vpc=None,
               status={"v4availableIPrange": "192.168.0.14", "v4availableIPs": 0,
                       "v4usingIPrange": "192.168.0.9-192.168.0.13", "v4usingIPs": 7, "v6availableIPrange": "",
                       "v6availableIPs": 0, "v6usingIPrange": "", "v6usingIPs": 0}),
    ]
    ips = [
        ip("vpc-nat-gw-gw1-0", "kube-system", "net1", v4="10.0.1.254", pod_type="StatefulSet",
           mac="b2:68:15:f3:9d:cd"),
        ip("vpc-nat-gw-gw1-0", "kube-system", EXT, v4="192.168.0.9", provider=EXT_P, pod_type="StatefulSet"),
        # #5688: gw2 deleted, its subnet net1 still there: both IP CRs stay.
        ip("vpc-nat-gw-gw2-0", "kube-system", "net1", v4="10.0.1.253", pod_type="StatefulSet",
           mac="d6:3e:1a:07:4c:11", node="worker-2"),
        ip("vpc-nat-gw-gw2-0", "kube-system", EXT, v4="192.168.0.12", provider=EXT_P, pod_type="StatefulSet",
           node="worker-2"),
        # #4747/#5688: gw4 deleted after its subnet net4: both IP CRs stay.
        ip("vpc-nat-gw-gw4-0", "kube-system", "net4", v4="10.0.4.254", pod_type="StatefulSet",
           mac="ee:41:7c:90:2b:5a", node="worker-2"),
        ip("vpc-nat-gw-gw4-0", "kube-system", EXT, v4="192.168.0.13", provider=EXT_P, pod_type="StatefulSet",
           node="worker-2"),
        # Look-alikes.
        ip("web-0", "apps", "ovn-default", v4="10.16.0.5", pod_type="StatefulSet", mac="0a:58:0a:10:00:05"),
        ip("web-1", "apps", "ovn-default", v4="10.16.0.6", pod_type="StatefulSet", mac="0a:58:0a:10:00:06",
           node="worker-2"),
        ip("db", "apps", "ovn-default", v4="10.16.0.7", mac="0a:58:0a:10:00:07", reserved="true", node=""),
        ip("testvm", "apps", "ovn-default", v4="10.16.0.9", pod_type="VirtualMachine", mac="0a:58:0a:10:00:09"),
        ip("api-5c7d9-xk2lp", "apps", "ovn-default", v4="10.16.0.10", mac="0a:58:0a:10:00:0a"),
        ip("worker-1", "", "join", v4="100.64.0.2", name="node-worker-1", mac="0a:58:64:40:00:02"),
        ip("worker-2", "", "join", v4="100.64.0.3", name="node-worker-2", mac="0a:58:64:40:00:03", node="worker-2"),
    ]
    eips = [
        eip("eipf01", "192.168.0.10", "gw1", "fip"),
        eip("eip-old", "192.168.0.11", "gw2", "fip", mac="5e:21:9c:44:0d:7b"),
        eip("eip-db", "192.168.0.12", "gw1", "dnat", mac="86:0f:3b:e2:51:a9"),
        eip("eip-web", "192.168.0.13", "gw1", "snat", mac="2a:c4:77:19:e0:3f"),
    ]
    fips = [rule("IptablesFIPRule", "fip-web", "eipf01", "gw1", "192.168.0.10", {"internalIp": "10.0.1.10"},
                 {"internalIp": "10.0.1.10"}),
            rule("IptablesFIPRule", "fip-old", "eip-old", "gw2", "192.168.0.11", {"internalIp": "10.0.1.20"},
                 {"internalIp": "10.0.1.20"})]
    snats = [rule("IptablesSnatRule", "snat-vpc1", "eip-web", "gw1", "192.168.0.13", {"internalCIDR": "10.0.1.0/24"},
                  {"internalCIDR": "10.0.1.0/24"})]
    dnats = [rule("IptablesDnatRule", "dnat-db", "eip-db", "gw1", "192.168.0.12",
                  {"externalPort": "5432", "protocol": "tcp", "internalIp": "10.0.1.30", "internalPort": "5432"},
                  {"externalPort": "5432", "protocol": "tcp", "internalIp": "10.0.1.30", "internalPort": "5432"})]
    pods = [
        pod("vpc-nat-gw-gw1-0", "kube-system", "worker-1",
            {"k8s.v1.cni.cncf.io/networks": "kube-system/ovn-vpc-external-network",
             "ovn.kubernetes.io/vpc_nat_gw": "gw1", "ovn.kubernetes.io/logical_switch": "net1",
             "ovn.kubernetes.io/ip_address": "10.0.1.254", "ovn.kubernetes.io/allocated": "true",
             EXT_P + ".kubernetes.io/ip_address": "192.168.0.9", EXT_P + ".kubernetes.io/allocated": "true"},
            owner=("StatefulSet", "vpc-nat-gw-gw1"),
            labels={"app": "vpc-nat-gw-gw1", "ovn.kubernetes.io/vpc-nat-gw": "true",
                    "statefulset.kubernetes.io/pod-name": "vpc-nat-gw-gw1-0"}),
        pod("web-0", "apps", "worker-1", ovn_ann("10.16.0.5", "10.16.0.0/16", "10.16.0.1", "ovn-default"),
            owner=("StatefulSet", "web")),
        # web-1 is restarting: no pod right now.
        pod("api-5c7d9-xk2lp", "apps", "worker-1",
            ovn_ann("10.16.0.10", "10.16.0.0/16", "10.16.0.1", "ovn-default", mac="0a:58:0a:10:00:0a"),
            deleting="2025-06-21T08:00:00Z", owner=("ReplicaSet", "api-5c7d9")),
        pod("kube-ovn-cni-7xq2m", "kube-system", "worker-1", {}, host_network=True, owner=("DaemonSet", "kube-ovn-cni")),
    ]
    stss = [sts("vpc-nat-gw-gw1", "kube-system", 1), sts("web", "apps", 2)]
    vms = [vm("testvm", "apps", running=False)]
    nodes = [node("worker-1", "100.64.0.2"), node("worker-2", "100.64.0.3")]
    cms = [cm("ovn-vpc-nat-config", "kube-system",
              {"image": "docker.io/kubeovn/vpc-nat-gateway:v1.14.4", "bgpSpeakerImage": ""}),
           cm("ovn-vpc-nat-gw-config", "kube-system", {"enable-vpc-nat-gw": "true"})]
    write("examples/nat-gateway-leak", {
        "subnets": lst("SubnetList", *KO, subnets), "ips": lst("IPList", *KO, ips),
        "iptables-eips": lst("IptablesEIPList", *KO, eips),
        "iptables-fip-rules": lst("IptablesFIPRuleList", *KO, fips),
        "iptables-snat-rules": lst("IptablesSnatRuleList", *KO, snats),
        "iptables-dnat-rules": lst("IptablesDnatRuleList", *KO, dnats),
        "ovn-eips": lst("OvnEipList", *KO, []), "vips": lst("VipList", *KO, []),
        "vpc-nat-gateways": lst("VpcNatGatewayList", *KO, [natgw("gw1", "vpc1", "net1", "10.0.1.254")]),
        "pods": lst("PodList", "v1", pods), "nodes": lst("NodeList", "v1", nodes),
        "configmaps": lst("ConfigMapList", "v1", cms), "statefulsets": lst("StatefulSetList", "apps/v1", stss),
        "virtualmachines": lst("VirtualMachineList", "kubevirt.io/v1", vms),
    })


def healthy():
    """Kube-OVN v1.16 shapes (BigInt counters), dual stack with a /64, no KubeVirt."""
    _rv[0] = 52000
    subnets = [
        subnet("join", "100.64.0.0/16", "100.64.0.1", ["100.64.0.1"],
               status={"v4availableIPrange": "100.64.0.3-100.64.255.254", "v4availableIPs": 65532,
                       "v4usingIPrange": "100.64.0.2", "v4usingIPs": 1, "v6availableIPrange": "",
                       "v6availableIPs": 0, "v6usingIPrange": "", "v6usingIPs": 0}),
        subnet("ovn-default", "10.16.0.0/16,fd00:10:16::/64", "10.16.0.1,fd00:10:16::1",
               ["10.16.0.1", "fd00:10:16::1"], proto="Dual",
               status={"v4availableIPrange": "10.16.0.5-10.16.255.254", "v4availableIPs": 65530,
                       "v4usingIPrange": "10.16.0.2-10.16.0.4", "v4usingIPs": 3,
                       "v6availableIPrange": "fd00:10:16::5-fd00:10:16::ffff:ffff:ffff:fffe",
                       "v6availableIPs": 18446744073709551610,
                       "v6usingIPrange": "fd00:10:16::2-fd00:10:16::4", "v6usingIPs": 3}),
    ]
    ips = [
        ip("web-0", "apps", "ovn-default", v4="10.16.0.2", v6="fd00:10:16::2", pod_type="StatefulSet",
           mac="0a:58:0a:10:00:02"),
        ip("web-1", "apps", "ovn-default", v4="10.16.0.3", v6="fd00:10:16::3", pod_type="StatefulSet",
           mac="0a:58:0a:10:00:03"),
        ip("client-6f7b9-qx2lp", "apps", "ovn-default", v4="10.16.0.4", v6="fd00:10:16::4",
           mac="0a:58:0a:10:00:04"),
        ip("worker-1", "", "join", v4="100.64.0.2", name="node-worker-1", mac="0a:58:64:40:00:02"),
    ]
    pods = [
        pod("web-0", "apps", "worker-1",
            ovn_ann("10.16.0.2", "10.16.0.0/16", "10.16.0.1", "ovn-default", "fd00:10:16::2", "fd00:10:16::/64",
                    "fd00:10:16::1", mac="0a:58:0a:10:00:02"), owner=("StatefulSet", "web")),
        # web-1 restarting (no pod): a legitimate StatefulSet member.
        pod("client-6f7b9-qx2lp", "apps", "worker-1",
            ovn_ann("10.16.0.4", "10.16.0.0/16", "10.16.0.1", "ovn-default", "fd00:10:16::4", "fd00:10:16::/64",
                    "fd00:10:16::1", mac="0a:58:0a:10:00:04"), owner=("ReplicaSet", "client-6f7b9")),
    ]
    not_served = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                  "message": "the server could not find the requested resource", "reason": "NotFound",
                  "details": {}, "code": 404}
    write("examples/healthy", {
        "subnets": lst("SubnetList", *KO, subnets), "ips": lst("IPList", *KO, ips),
        "iptables-eips": lst("IptablesEIPList", *KO, []), "iptables-fip-rules": lst("IptablesFIPRuleList", *KO, []),
        "iptables-snat-rules": lst("IptablesSnatRuleList", *KO, []),
        "iptables-dnat-rules": lst("IptablesDnatRuleList", *KO, []), "ovn-eips": lst("OvnEipList", *KO, []),
        "vips": lst("VipList", *KO, []), "vpc-nat-gateways": lst("VpcNatGatewayList", *KO, []),
        "pods": lst("PodList", "v1", pods), "nodes": lst("NodeList", "v1", [node("worker-1", "100.64.0.2")]),
        "configmaps": lst("ConfigMapList", "v1", []), "statefulsets": lst("StatefulSetList", "apps/v1", [sts("web", "apps", 2)]),
        "virtualmachines": not_served,
    })


if __name__ == "__main__":
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    nat_gateway_leak()
    healthy()
