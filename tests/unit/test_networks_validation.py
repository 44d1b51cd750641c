"""The create-network form is checked before anything is sent: each invalid input class gives a
field-level error; an overlap with another network's subnet is only a warning."""

from __future__ import annotations

import pytest

from crane_desktop.engine.networks import (
    NetworkForm,
    NetworkInUse,
    PredefinedNetwork,
    check_deletable,
    create_spec,
    errors_only,
    form_from_network,
    parse_labels,
    services_using,
    validate,
)
from crane_desktop.engine.snapshots import Network, Service


def network(name: str, subnet: str = "", ingress: bool = False, net_id: str = "") -> Network:
    return Network.from_api(
        {
            "Id": net_id or f"id-{name}",
            "Name": name,
            "Driver": "overlay",
            "Scope": "swarm",
            "Ingress": ingress,
            "IPAM": {"Config": [{"Subnet": subnet}] if subnet else []},
        }
    )


EXISTING = [network("ingress", "10.0.0.0/24", ingress=True), network("backend", "172.30.0.0/16")]


def fields(form: NetworkForm) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in errors_only(validate(form, EXISTING)):
        found.setdefault(problem.field, []).append(problem.message)
    return found


def test_a_full_valid_form_has_no_problem():
    form = NetworkForm(
        "front.net_1", "172.20.0.0/16", "172.20.10.1", "172.20.10.0/24", True, True, "team=shop\ntier=web"
    )
    assert validate(form, EXISTING) == []
    spec = create_spec(form)
    assert spec["driver"] == "overlay" and spec["internal"] and spec["attachable"]
    assert spec["labels"] == {"team": "shop", "tier": "web"}
    pool = {k: v for k, v in spec["ipam"]["Config"][0].items() if v}
    assert pool == {"Subnet": "172.20.0.0/16", "Gateway": "172.20.10.1", "IPRange": "172.20.10.0/24"}
    assert "enable_ipv6" not in spec


def test_ipv6_is_accepted_and_enables_ipv6():
    form = NetworkForm("v6", "fd00:1::/64", "fd00:1::1", "fd00:1::/80")
    assert validate(form, EXISTING) == []
    assert create_spec(form)["enable_ipv6"] is True


@pytest.mark.parametrize(
    ("form", "field", "words"),
    [
        (NetworkForm(""), "name", "needs a name"),
        (NetworkForm("bad name"), "name", "letters, digits"),
        (NetworkForm("-dash"), "name", "letters, digits"),
        (NetworkForm("x" * 65), "name", "At most 64"),
        (NetworkForm("backend"), "name", "exists already"),
        (NetworkForm("ingress"), "name", "exists already"),
        (NetworkForm("n", subnet="172.20.0.0"), "subnet", None),
        (NetworkForm("n", subnet="300.1.0.0/16"), "subnet", "CIDR"),
        (NetworkForm("n", subnet="172.20.0.1/16"), "subnet", "did you mean 172.20.0.0/16"),
        (NetworkForm("n", subnet="172.20.0.0/31"), "subnet", "too small"),
        (NetworkForm("n", gateway="172.20.0.1"), "subnet", "needs a subnet"),
        (NetworkForm("n", subnet="172.20.0.0/16", gateway="172.21.0.1"), "gateway", "not inside"),
        (NetworkForm("n", subnet="172.20.0.0/16", gateway="fd00::1"), "gateway", "not inside"),
        (NetworkForm("n", subnet="172.20.0.0/16", gateway="nope"), "gateway", "not an IP address"),
        (NetworkForm("n", subnet="172.20.0.0/16", gateway="172.20.0.0"), "gateway", "network address"),
        (NetworkForm("n", subnet="172.20.0.0/16", gateway="172.20.255.255"), "gateway", "broadcast"),
        (NetworkForm("n", subnet="172.20.0.0/16", ip_range="172.21.0.0/24"), "ip_range", "not inside"),
        (NetworkForm("n", subnet="172.20.0.0/16", ip_range="172.20.10.5/24"), "ip_range", "host bits"),
        (NetworkForm("n", subnet="fd00::/64", ip_range="172.20.0.0/24"), "ip_range", "not inside"),
        (NetworkForm("n", labels="=x"), "labels", "not a key=value"),
        (NetworkForm("n", labels="a=1\na=2"), "labels", "twice"),
    ],
)
def test_each_invalid_input_is_refused_at_its_field(form, field, words):
    found = fields(form)
    assert field in found, found
    if words:
        assert words in " ".join(found[field])


def test_an_overlap_is_a_warning_naming_the_other_network():
    problems = validate(NetworkForm("n", "172.30.5.0/24"), EXISTING)
    assert errors_only(problems) == []
    assert [p.message for p in problems if p.warning] == [
        "Overlaps the subnet 172.30.0.0/16 of the network backend."
    ]


def test_labels_parse_and_recreate_prefills_the_form():
    assert parse_labels("a=1, b = 2\n\nc=") == ({"a": "1", "b": "2", "c": ""}, [])
    raw = {
        "Id": "n1",
        "Name": "front",
        "Internal": True,
        "Attachable": True,
        "Labels": {"team": "shop"},
        "IPAM": {
            "Config": [{"Subnet": "172.20.0.0/16", "Gateway": "172.20.10.1", "IPRange": "172.20.10.0/24"}]
        },
    }
    form = form_from_network(Network.from_api(raw))
    assert form == NetworkForm(
        "front", "172.20.0.0/16", "172.20.10.1", "172.20.10.0/24", True, True, "team=shop"
    )


def service(name: str, networks: list[str], ports: list[dict] | None = None) -> Service:
    return Service.from_api(
        {
            "ID": f"sid-{name}",
            "Spec": {
                "Name": name,
                "TaskTemplate": {"Networks": [{"Target": n} for n in networks]},
                "EndpointSpec": {"Ports": ports or []},
            },
        }
    )


def test_delete_refuses_builtin_and_in_use_networks_naming_the_services():
    backend = EXISTING[1]
    services = [
        service("web", ["id-backend"]),
        service("api", ["id-backend"]),
        service("lone", [], [{"TargetPort": 80, "PublishedPort": 8080, "PublishMode": "ingress"}]),
        service("hosty", [], [{"TargetPort": 80, "PublishedPort": 8081, "PublishMode": "host"}]),
    ]
    with pytest.raises(PredefinedNetwork):
        check_deletable(EXISTING[0], services)
    with pytest.raises(PredefinedNetwork):
        check_deletable(network("docker_gwbridge"), [])
    with pytest.raises(NetworkInUse) as refused:
        check_deletable(backend, services)
    assert refused.value.message == "The network backend is in use by: api, web."
    assert [s.name for s in services_using(EXISTING[0], services)] == ["lone"]
    check_deletable(network("free"), services)
