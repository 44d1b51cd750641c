"""Entry points computed from snapshots (no engine): which nodes answer per port mode, the node address
taken from the endpoint label first, and the shape of the nginx / HAProxy files (checked by the real
tools in tests/integration/test_entrypoints.py)."""

from __future__ import annotations

import json

from crane_desktop.engine.entrypoints import entry_points, node_address, render
from crane_desktop.engine.snapshots import ENDPOINT_LABEL, Node, Service, Task


def node(name: str, address: str, state: str = "ready", label: str = "") -> Node:
    return Node.from_api(
        {
            "ID": f"id-{name}",
            "Description": {"Hostname": name},
            "Status": {"State": state, "Addr": address},
            "Spec": {"Labels": {ENDPOINT_LABEL: label} if label else {}},
        }
    )


def task(node_id: str, state: str = "running") -> Task:
    return Task.from_api(
        {"ID": f"t-{node_id}-{state}", "ServiceID": "svc", "NodeID": node_id, "DesiredState": "running",
         "Status": {"State": state}}
    )  # fmt: skip


SERVICE = Service.from_api(
    {
        "ID": "svc",
        "Spec": {"Name": "shop_web"},
        "Endpoint": {
            "Ports": [
                {"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080, "PublishMode": "host"},
                {"Protocol": "tcp", "TargetPort": 443, "PublishedPort": 8443, "PublishMode": "ingress"},
                {"Protocol": "udp", "TargetPort": 53, "PublishedPort": 5353, "PublishMode": "ingress"},
                {"Protocol": "tcp", "TargetPort": 9000, "PublishMode": "host"},
            ]
        },
    }
)
NODES = [
    node("node-1", "10.1.0.1", label="tcp://lb-a.example:2376"),
    node("node-2", "10.1.0.2"),
    node("node-3", "10.1.0.3", state="down"),
    node("node-4", "fd00::4"),
]
TASKS = [task("id-node-2"), task("id-node-4"), task("id-node-1", "failed")]


def test_node_address_prefers_the_endpoint_label():
    assert node_address(NODES[0]) == "lb-a.example"
    assert node_address(NODES[1]) == "10.1.0.2"


def test_ingress_on_every_ready_node_host_only_where_tasks_run():
    entries = {e.port.published: e for e in entry_points(SERVICE, NODES, TASKS)}
    assert sorted(entries) == [5353, 8080, 8443]  # the port without a published number is skipped
    assert entries[8080].endpoints == ["10.1.0.2:8080", "[fd00::4]:8080"]
    assert entries[8443].endpoints == ["lb-a.example:8443", "10.1.0.2:8443", "[fd00::4]:8443"]


def test_rendered_files():
    entries = entry_points(SERVICE, NODES, TASKS)
    nginx = render("nginx", SERVICE, entries)
    assert (
        "upstream crane_shop_web_8080 {\n        server 10.1.0.2:8080;\n        server [fd00::4]:8080;"
        in nginx
    )
    assert "proxy_pass http://crane_shop_web_8443;" in nginx
    assert "listen 5353 udp;" in nginx and "proxy_pass crane_shop_web_5353_udp;" in nginx
    stream = render("nginx", SERVICE, entries, "stream")
    assert "\nhttp {" not in stream and "listen 8443;\n        proxy_pass crane_shop_web_8443_tcp;" in stream
    haproxy = render("haproxy", SERVICE, entries)
    assert "frontend crane_shop_web_8443\n    bind :8443\n    mode http" in haproxy
    assert "    server node_1 lb-a.example:8443 check" in haproxy
    assert "# UDP port 5353: HAProxy does not balance UDP" in haproxy
    assert "mode tcp" in render("haproxy", SERVICE, entries, "stream")
    data = json.loads(render("json", SERVICE, entries))
    assert data["service"] == "shop_web"
    assert [p["published"] for p in data["ports"]] == [5353, 8080, 8443]
    assert data["ports"][1]["addresses"] == [
        {"node": "node-2", "address": "10.1.0.2"},
        {"node": "node-4", "address": "fd00::4"},
    ]


def test_a_service_without_ports_still_gives_valid_files():
    lone = Service.from_api({"ID": "x", "Spec": {"Name": "worker"}})
    assert "nothing to balance" in render("nginx", lone, [])
    assert "nothing to balance" in render("haproxy", lone, [])
