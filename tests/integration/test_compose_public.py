"""The parity suite on compose files we did not write: public examples, kept verbatim in
tests/fixtures/compose/public (where each comes from: its SOURCES.md). Each stack-deployable one is
deployed with `docker stack deploy --resolve-image never` (the docker CLI 28 beside the tests) and with
`crane-desktop stack deploy`, the specs compared field by field and the warnings both print on
standard error compared line by line. Two examples mount two things at one target, which the engine
refuses: docker has created some of the app by then, we refuse them before anything is created
(prometheus-grafana, compared with docker; docker's own test file cli/compose/loader/full-example.yml).

One app at a time: several examples publish the same ports (8080, 3000), so each deployment is removed
before the next one is made. The images are not pulled (the test swarm reaches no registry outside):
the specs are what is compared, not the tasks."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.compose_parity import differences, remove_apps, snapshot, volumes
from tests.integration.test_compose_parity import app_objects, crane, docker_cli, services_gone
from tests.swarm import docker_stack_rm, profile_path, unique, wait_until

PUBLIC = Path(__file__).resolve().parent.parent / "fixtures" / "compose" / "public"
# folder -> the file given with -c
DEPLOYED = {
    "voting": "docker-stack.yml",
    "wordpress-mysql": "compose.yaml",
    "pihole-cloudflared-DoH": "compose.yaml",
}
# The pihole example's variables, left unset as a reader who did not read its README would (docker
# substitutes "" without a word).
UNSET = ("TIMEZONE", "PIHOLE_PW", "PIHOLE_ROUTER_IP", "PIHOLE_NETWORK_DOMAIN", "PIHOLE_REVERSE_DNS")
STAMP = re.compile(r'^time="[^"]*" ')
# docker's notes on --detach, which we do not print (we have no --detach=false to wait with)
DETACH_NOTE = ("Since --detach=false was not specified", "In a future release, --detach=false")


def environment() -> dict[str, str]:
    env = dict(os.environ)
    for name in (*UNSET, "PIHOLE_HOST_IP", "PIHOLE_HOST_IPV6"):
        env.pop(name, None)
    return env


def warnings(stderr: str) -> list[str]:
    """What a deploy said on standard error, without the logger's time stamps and docker's --detach note."""
    return [STAMP.sub("", line) for line in stderr.splitlines() if not line.startswith(DETACH_NOTE)]


def gone(name: str) -> None:
    docker_stack_rm(name)
    wait_until(lambda: services_gone(name), what=f"the services of {name} to go")


@pytest.fixture(scope="module")
def deployed(cluster_module, tmp_path_factory) -> Iterator[dict[str, tuple]]:
    """Each example deployed both ways, one app at a time: folder -> (ours, docker's, our warnings,
    docker's warnings)."""
    env = environment()
    before = volumes()
    apps: list[str] = []
    found = {}
    try:
        for case, file in DEPLOYED.items():
            folder = tmp_path_factory.mktemp(case) / case
            shutil.copytree(PUBLIC / case, folder)
            ours, theirs = unique("pub-o"), unique("pub-c")
            apps += [ours, theirs]
            flags = ["-c", str(folder / file)]
            mine = crane("stack", "deploy", "--profile-file", str(profile_path()), *flags, ours, env=env)
            assert mine.returncode == 0, mine.stderr
            our_specs = snapshot(cluster_module, ours)
            gone(ours)
            cli = docker_cli("stack", "deploy", "--resolve-image", "never", *flags, theirs, env=env)
            assert cli.returncode == 0, cli.stderr
            their_specs = snapshot(cluster_module, theirs)
            found[case] = (our_specs, their_specs, warnings(mine.stderr), warnings(cli.stderr))
            gone(theirs)
        yield found
    finally:
        remove_apps(apps, before)


@pytest.mark.parametrize("case", sorted(DEPLOYED))
def test_a_public_example_deploys_as_docker_stack_deploy_deploys_it(deployed, case):
    ours, theirs, _, _ = deployed[case]
    assert ours["services"], "the example deployed no service"
    assert sorted(ours["services"]) == sorted(theirs["services"])
    assert sorted(ours["networks"]) == sorted(theirs["networks"])
    assert differences(ours, theirs) == []


@pytest.mark.parametrize("case", sorted(DEPLOYED))
def test_a_public_example_warns_as_docker_stack_deploy_warns(deployed, case):
    _, _, ours, theirs = deployed[case]
    assert ours == theirs


def test_docker_s_full_example_is_refused_before_anything_is_created(tmp_path):
    """docker/cli's full-example.yml mounts two things at /var/lib/mysql (and at /opt), which the engine
    refuses. Tried by hand with docker 28.2.2 (not here: it takes 15 s): docker creates the network
    some-network, then the engine refuses other-network after 15 s ("error during lookup of plugin
    overlay", its IPAM driver) and the network stays. We refuse the file before anything is created."""
    folder = tmp_path / "docker-cli"
    shutil.copytree(PUBLIC / "docker-cli", folder)
    ours = unique("pub-fo")

    file = str(folder / "full-example.yml")
    mine = crane(
        "stack", "deploy", "--profile-file", str(profile_path()), "-c", file, ours, env=environment()
    )

    assert mine.returncode != 0, mine.stdout
    assert (
        "error: Line 274, full-example.yml: services.foo.volumes[1]: duplicate mount point /var/lib/mysql"
        in (mine.stderr)
    )
    assert app_objects(ours) == []


def test_an_example_the_engine_refuses_is_refused_before_anything_is_created(tmp_path):
    """prometheus-grafana mounts ./etc/prometheus and the volume prom_data both at /prometheus."""
    folder = tmp_path / "prometheus-grafana"
    shutil.copytree(PUBLIC / "prometheus-grafana", folder)
    ours, theirs = unique("pub-po"), unique("pub-pc")
    file = str(folder / "compose.yaml")
    env = environment()

    mine = crane("stack", "deploy", "--profile-file", str(profile_path()), "-c", file, ours, env=env)
    cli = docker_cli("stack", "deploy", "--resolve-image", "never", "-c", file, theirs, env=env)
    try:
        assert cli.returncode != 0 and "duplicate mount point: /prometheus" in cli.stderr, cli.stderr
        assert app_objects(theirs) != []  # docker made the network before the engine said no
        assert mine.returncode != 0, mine.stdout
        assert "Line 12, compose.yaml: services.prometheus.volumes[1]: duplicate mount point /prometheus" in (
            mine.stderr
        )
        assert app_objects(ours) == []
    finally:
        docker_stack_rm(theirs)
