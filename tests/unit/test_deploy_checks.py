"""Where a deploy's external objects are declared, for refusals that name their line: the last file
that declares one wins (as the merge), names given by variables are substituted, typed text has no
file in its keys."""

from __future__ import annotations

from crane_desktop.engine.deploy_checks import ComposeSource, check_files

SERVICE = "version: '3.8'\nservices:\n  web:\n    image: busybox:1\n    networks: [outside]\n"


def test_the_last_file_declaring_an_external_network_is_named_with_its_line(tmp_path):
    first, second = tmp_path / "a.yml", tmp_path / "b.yml"
    first.write_text(SERVICE + "networks:\n  outside:\n    external: true\n")
    second.write_text("version: '3.8'\nnetworks:\n  outside:\n    external: true\n    name: ${NET}\n")
    checked = check_files(ComposeSource((first, second)), "shop", {"NET": "front-net"})
    assert checked.plan.external_networks == ["front-net"]
    assert checked.places[("networks", "front-net")] == (3, "b.yml: networks.outside")
    assert checked.places[("networks", "outside")] == (3, "b.yml: networks.outside")


def test_typed_text_names_secrets_and_configs_without_a_file():
    text = (
        "version: '3.8'\nservices:\n  web:\n    image: busybox:1\n    secrets: [token]\n    configs: [conf]\n"
        "secrets:\n  token:\n    external:\n      name: shop-token\n"
        "configs:\n  conf:\n    external: true\n"
    )
    places = check_files(ComposeSource(text=text), "shop", {}).places
    assert places[("secrets", "shop-token")] == (8, "secrets.token")
    assert places[("configs", "conf")] == (12, "configs.conf")
