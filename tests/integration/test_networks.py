"""Networks against the real swarm: a network created with every field reads back the same with
`docker network inspect`; invalid input never reaches the engine; delete is refused for the built-in
ingress and for a network in use (naming the service), and works otherwise."""

from __future__ import annotations

import json

import pytest

from crane_desktop.engine.networks import (
    InvalidNetwork,
    NetworkForm,
    NetworkInUse,
    PredefinedNetwork,
    create_network,
    delete_network,
)
from crane_desktop.engine.snapshots import Network, Service, parse_all
from tests.swarm import IMAGE, docker, unique, wait_until


@pytest.fixture
def network_names():
    names: list[str] = []
    yield names
    for name in names:
        docker(1, "network", "rm", name, check=False)


def swarm_networks(cluster) -> list[Network]:
    return list(parse_all(Network, cluster.client.networks(filters={"scope": "swarm"})).values())


def test_create_with_all_fields_reads_back(cluster, network_names):
    name = unique("crane-net")
    network_names.append(name)
    form = NetworkForm(
        name, "172.28.0.0/16", "172.28.10.1", "172.28.10.0/24", True, True, "team=shop\ntier=db"
    )
    network_id = create_network(cluster.client, form, swarm_networks(cluster))
    inspected = json.loads(docker(1, "network", "inspect", name))[0]
    assert inspected["Id"] == network_id
    assert inspected["Driver"] == "overlay" and inspected["Scope"] == "swarm"
    assert inspected["Internal"] is True and inspected["Attachable"] is True
    assert inspected["Labels"] == {"team": "shop", "tier": "db"}
    assert inspected["IPAM"]["Config"] == [
        {"Subnet": "172.28.0.0/16", "IPRange": "172.28.10.0/24", "Gateway": "172.28.10.1"}
    ]


def test_invalid_input_never_reaches_the_engine(cluster, network_names):
    name = unique("crane-bad")
    network_names.append(name)
    for form in (
        NetworkForm(name, "172.28.0.0/33"),
        NetworkForm(name, "172.28.0.0/16", gateway="172.29.0.1"),
        NetworkForm(name, "172.28.0.0/16", ip_range="10.1.0.0/24"),
        NetworkForm(name, "172.28.0.0/16", gateway="172.28.0.0"),
        NetworkForm("ingress"),
        NetworkForm("bad/name"),
    ):
        with pytest.raises(InvalidNetwork):
            create_network(cluster.client, form, swarm_networks(cluster))
    assert name not in docker(1, "network", "ls", "--format", "{{.Name}}").split()


def test_delete_refusals_and_delete(cluster, network_names, service_names):
    networks = {n.name: n for n in swarm_networks(cluster)}
    with pytest.raises(PredefinedNetwork):
        delete_network(cluster.client, networks["ingress"], [])
    name, service = unique("crane-used"), unique("crane-user")
    network_names.append(name)
    service_names.append(service)
    docker(1, "network", "create", "--driver", "overlay", name)
    docker(1, "service", "create", "-d", "--name", service, "--network", name, IMAGE, "sleep", "3600")
    network = next(n for n in swarm_networks(cluster) if n.name == name)
    services = parse_all(Service, cluster.client.services()).values()
    with pytest.raises(NetworkInUse) as refused:
        delete_network(cluster.client, network, services)
    assert service in refused.value.message
    with pytest.raises(NetworkInUse):  # without our check, the engine's refusal in plain words
        delete_network(cluster.client, network, [])
    docker(1, "service", "rm", service)
    wait_until(
        lambda: not cluster.client.services(filters={"name": service}), timeout=20, what="service removal"
    )
    wait_until(lambda: _try_delete(cluster, network), timeout=30, what="network deletion")
    assert name not in docker(1, "network", "ls", "--format", "{{.Name}}").split()


def _try_delete(cluster, network) -> bool:
    """The engine keeps a network busy for a moment after its service goes: retry until it lets go."""
    try:
        delete_network(cluster.client, network, [])
    except NetworkInUse:
        return False
    return True
