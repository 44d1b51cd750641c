"""`crane-desktop stack ls / services / ps` print what docker 28's commands of the same names print for
the same app: compared byte for byte with the docker CLI on the test swarm (the CURRENT STATE column,
"Running 5 seconds ago", only by its state, as the two run a moment apart)."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_stack_command import crane
from tests.swarm import IMAGE, docker, profile_path, swarm_script, unique, wait_until

TASK_COLUMNS_BUT_TIME = (
    "table {{.ID}}\\t{{.Name}}\\t{{.Image}}\\t{{.Node}}\\t{{.DesiredState}}\\t{{.Error}}\\t{{.Ports}}"
)


def ours(*args: str) -> str:
    done = crane(*args[:2], "--profile-file", str(profile_path()), *args[2:])
    assert done.returncode == 0, done.stderr
    return done.stdout


def theirs(*args: str) -> str:
    """The docker CLI's standard output, unstripped (trailing padding included)."""
    done = swarm_script("docker", "1", *args, timeout=60)
    return done.stdout


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """An app with a replicated service publishing a port range and a single port, and a global one."""
    name = unique("lists")
    path = tmp_path_factory.mktemp("lists") / "app.yml"
    path.write_text(
        f"version: '3.8'\nservices:\n"
        f"  web:\n    image: {IMAGE}\n    command: sleep 3600\n    deploy: {{replicas: 2}}\n"
        f"    ports: ['18080:80', '19000-19001:9000-9001', '19053:53/udp']\n"
        f"  agent:\n    image: {IMAGE}\n    command: sleep 3600\n    deploy: {{mode: global}}\n"
    )

    def converged():
        rows = [
            json.loads(line) for line in theirs("stack", "services", name, "--format", "json").splitlines()
        ]
        return len(rows) == 2 and all(
            r["Replicas"].split("/")[0] == r["Replicas"].split("/")[1] for r in rows
        )

    try:
        done = crane("stack", "deploy", "--profile-file", str(profile_path()), "-c", str(path), name)
        assert done.returncode == 0, done.stderr
        wait_until(converged, timeout=90, what=f"{name}'s services to run")
        yield name
    finally:
        docker(1, "stack", "rm", name, check=False)


def test_stack_ls_as_docker(app):
    assert ours("stack", "ls") == theirs("stack", "ls")
    assert ours("stack", "ls", "--format", "json") == theirs("stack", "ls", "--format", "json")
    assert json.dumps({"Name": app, "Services": "2"}, separators=(",", ":")) in ours(
        "stack", "ls", "--format", "json"
    )


@pytest.mark.parametrize(
    "options",
    [
        (),
        ("--format", "json"),
        ("-q",),
        ("--format", "{{.Name}} {{.Ports}}"),
        ("-f", "mode=global", "--format", "{{.Name}}"),
        ("--filter", "mode=replicated", "--filter", "name=nothing-has-this-name"),
    ],
)
def test_stack_services_as_docker(app, options):
    assert ours("stack", "services", app, *options) == theirs("stack", "services", app, *options)


def test_stack_services_table_columns(app):
    header, *rows = ours("stack", "services", app).splitlines()
    assert header.split() == ["ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"]
    web = next(row for row in rows if f"{app}_web" in row)
    assert "*:18080->80/tcp, *:19000-19001->9000-9001/tcp, *:19053->53/udp" in web


@pytest.mark.parametrize(
    "options",
    [(), ("--no-trunc",), ("--no-resolve",), ("-f", "desired-state=running", "--filter", "name=WEB")],
)
def test_stack_ps_as_docker(app, options):
    options = tuple(option.replace("WEB", f"{app}_web") for option in options)
    fmt = ("--format", TASK_COLUMNS_BUT_TIME)
    assert ours("stack", "ps", app, *options, *fmt) == theirs("stack", "ps", app, *options, *fmt)
    assert ours("stack", "ps", app, *options, "-q") == theirs("stack", "ps", app, *options, "-q")

    def states(text: str) -> list[dict]:
        rows = [json.loads(line) for line in text.splitlines()]
        for row in rows:
            assert row["CurrentState"].endswith(" ago")
            row["CurrentState"] = row["CurrentState"].split()[0]
        return rows

    ours_json = ours("stack", "ps", app, *options, "--format", "json")
    assert states(ours_json) == states(theirs("stack", "ps", app, *options, "--format", "json"))


def test_stack_ps_table_columns(app):
    header = ours("stack", "ps", app).splitlines()[0]
    assert header.split("  ")[0] == "ID"
    for column in ("NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR", "PORTS"):
        assert column in header


def test_unknown_app_exits_as_docker():
    name = unique("nothing")
    ps = crane("stack", "ps", "--profile-file", str(profile_path()), name)
    assert ps.returncode == 1 and f"nothing found in stack: {name}" in ps.stderr and ps.stdout == ""
    services = crane("stack", "services", "--profile-file", str(profile_path()), name)
    assert services.returncode == 0
    assert (services.stdout, services.stderr) == ("", f"Nothing found in stack: {name}\n")


def test_a_filter_the_engine_does_not_know_is_refused_as_docker_refuses_it(app):
    for command in ("services", "ps"):
        done = crane("stack", command, "--profile-file", str(profile_path()), "-f", "colour=red", app)
        cli = swarm_script("docker", "1", "stack", command, "-f", "colour=red", app, check=False, timeout=60)
        assert done.returncode == cli.returncode == 1
        assert "Invalid filter 'colour'" in done.stderr and "Invalid filter 'colour'" in cli.stderr
    bad = crane("stack", "ps", "--profile-file", str(profile_path()), "-f", "colour", app)
    assert bad.returncode != 0 and "bad format of filter (expected name=value)" in bad.stderr
