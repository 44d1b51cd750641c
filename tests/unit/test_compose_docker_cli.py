"""What our command line prints for compose files, compared byte for byte with the docker CLI
installed beside the tests (28.x): `stack config`, and the options stack deploy ignores. docker
loads and checks the files before it connects, so an address nothing listens on is enough: no
daemon is needed."""

from __future__ import annotations

import io
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from crane_desktop.cli import build_parser, main
from crane_desktop.commands import stack
from crane_desktop.engine import compose

COMPOSE = Path(__file__).resolve().parent.parent / "fixtures" / "compose"
IGNORED = COMPOSE / "ignored"
VARIABLES = {"IMAGE": "busybox:1.36", "WEB_PORT": "8081", "WHO": "you", "API_TAG": "2.0", "FROM_ENV": "x"}


def docker(*args: str, tmp_path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The docker CLI with no context of its own, pointed at a port nothing listens on."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")} | (env or {})
    env.update(DOCKER_HOST="tcp://127.0.0.1:1", DOCKER_CONFIG=str(tmp_path))
    return subprocess.run(["docker", *args], env=env, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("files", [["base.yml"], ["base.yml", "override.yml"]])
def test_ignored_options_are_printed_as_docker_stack_deploy_prints_them(files, tmp_path):
    flags = [arg for name in files for arg in ("-c", str(IGNORED / name))]
    theirs = docker("stack", "deploy", *flags, "shop", tmp_path=tmp_path).stderr
    plan = compose.load_files([IGNORED / name for name in files], "shop", environ={})
    ours = io.StringIO()
    stack.print_warnings(plan, ours)
    assert ours.getvalue().startswith("Ignoring unsupported options: build, ")
    assert theirs.startswith(ours.getvalue())
    assert "Since --detach" in theirs[len(ours.getvalue()) :].splitlines()[0]  # nothing else ignored


def test_each_ignored_option_is_a_warning_with_its_file_line_and_key():
    plan = compose.load_files([IGNORED / "base.yml", IGNORED / "override.yml"], "shop", environ={})
    found = {(w.key, w.line, w.ignored) for w in plan.warnings}
    assert ("base.yml: services.web.build", 5, compose.IGNORED_UNSUPPORTED) in found
    assert ("base.yml: services.web.container_name", 6, compose.IGNORED_DEPRECATED) in found
    assert ("override.yml: services.db.expose", 4, compose.IGNORED_DEPRECATED) in found
    assert ("override.yml: services.db.devices", 7, compose.IGNORED_UNSUPPORTED) in found
    assert not any("depends_on" in w.key for w in plan.warnings)  # docker says nothing of it
    [expose] = [w for w in plan.warnings if w.option == "expose"]
    assert expose.file == "override.yml"
    assert expose.message == (
        "Line 4, override.yml: services.db.expose: Exposing ports is unnecessary - services on the same "
        "network can access each other's containers on any port."
    )


def test_an_unknown_resolve_image_value_is_refused_after_the_file_as_docker_does(tmp_path, capsys):
    path = tmp_path / "app.yml"
    path.write_text("services:\n  web:\n    image: busybox\n")
    args = ["stack", "deploy", "--resolve-image", "bogus", "-c", str(path), "shop"]
    theirs = docker(*args, tmp_path=tmp_path)
    assert main(args) == 1 and theirs.returncode == 1
    assert capsys.readouterr().err == f"crane-desktop stack deploy: error: {theirs.stderr}"
    path.write_text("services:\n  web:\n    imag: busybox\n")  # the file is checked first
    assert main(args) == 1
    assert "unknown key" in capsys.readouterr().err
    for value in stack.RESOLVE_IMAGE:
        assert build_parser().parse_args(["stack", "deploy", "--resolve-image", value, "-c", "a", "x"])


@pytest.mark.parametrize(
    "args",
    [
        ["config/full.yml"],  # every service, network, volume, secret and config key docker 28 types
        ["config/full.yml", "--skip-interpolation"],
        ["config/vars.yml", "config/vars-override.yml"],  # variables, defaults, $$, merged in order
        ["varied/docker-compose.yml"],
        ["ignored/base.yml", "ignored/override.yml"],
        ["config/edges.yml"],  # quoting, ranges, extra_hosts forms, ~ in a secret's file, 3.13 keys
        ["config/blocks.yml"],  # multi-line strings, 0o octal, a relative path with ..
        ["config/zeros.yml"],  # Go's omitempty: empty pointer structs kept as {}, zero numbers left out
        # files we did not write (public/SOURCES.md): docker's own loader test files (every key, build,
        # expose numbers, x-cluster-spec, a secret without file, host IPs and external.name warned
        # about), the docs' voting app, awesome-compose examples
        ["public/docker-cli/full-example.yml"],
        ["public/docker-cli/v3-full-example.yml"],
        ["public/voting/docker-stack.yml"],
        ["public/wordpress-mysql/compose.yaml"],
        ["public/gitea-postgres/compose.yaml"],
        ["public/pihole-cloudflared-DoH/compose.yaml"],
        ["public/prometheus-grafana/compose.yaml"],
        ["public/portainer/docker-compose.yaml"],
    ],
)
def test_stack_config_prints_what_docker_stack_config_prints(args, tmp_path, monkeypatch, capsys):
    """The file on standard output byte for byte, and the loader's warnings on standard error."""
    flags = [arg if arg.startswith("--") else f"--compose-file={COMPOSE / arg}" for arg in args]
    theirs = docker("stack", "config", *flags, tmp_path=tmp_path, env=VARIABLES)
    assert theirs.returncode == 0, theirs.stderr
    for name, value in VARIABLES.items():
        monkeypatch.setenv(name, value)
    assert main(["stack", "config", *flags]) == 0
    printed = capsys.readouterr()
    assert printed.out == theirs.stdout
    assert untimed(printed.err) == untimed(theirs.stderr)


def untimed(text: str) -> list[str]:
    """The logger's lines without their time stamps."""
    return [re.sub(r'^time="[^"]*"', 'time="-"', line) for line in text.splitlines() if "level=" in line]


def test_stack_config_prints_the_loader_s_warnings_as_docker_does(tmp_path, capsys):
    """docker's full example: twelve ignored host IPs, then the deprecated external names."""
    path = COMPOSE / "public" / "docker-cli" / "full-example.yml"
    theirs = untimed(docker("stack", "config", "-c", str(path), tmp_path=tmp_path).stderr)
    assert main(["stack", "config", "-c", str(path)]) == 0
    ours = untimed(capsys.readouterr().err)
    assert ours == theirs and len(theirs) == 16
    deprecated = "config config2: config.external.name is deprecated in favor of config.name"
    assert ours[-1] == f'time="-" level=warning msg="{deprecated}"'


@pytest.mark.parametrize(
    ("args", "unset", "where"),
    [
        (
            ["varied/docker-compose.yml"],
            "WEB_PORT",
            "Line 16, docker-compose.yml: services.web.ports[0].published",
        ),
        (["config/vars.yml", "--skip-interpolation"], "", "Line 9, vars.yml: services.web.ports[0]"),
    ],
)
def test_stack_config_refuses_what_docker_refuses_naming_file_line_and_key(
    args, unset, where, tmp_path, monkeypatch, capsys
):
    flags = [arg if arg.startswith("--") else f"--compose-file={COMPOSE / arg}" for arg in args]
    variables = {k: v for k, v in VARIABLES.items() if k != unset}
    theirs = docker("stack", "config", *flags, tmp_path=tmp_path, env=variables)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    if unset:
        monkeypatch.delenv(unset, raising=False)
    assert main(["stack", "config", *flags]) == 1 and theirs.returncode == 1
    assert where in capsys.readouterr().err


def test_load_warnings_are_logged_as_the_docker_cli_logs_them_in_a_script(tmp_path):
    """Not on a terminal, docker's logger writes `time="..." level=warning msg="..."`, services'
    warnings before the networks' (docker's loadSections order)."""
    path = COMPOSE / "config" / "warnings.yml"
    theirs = docker("stack", "deploy", "-c", str(path), "shop", tmp_path=tmp_path).stderr
    ours = io.StringIO()
    stack.print_warnings(compose.load_files([path], "shop", environ={}), ours)
    assert untimed(ours.getvalue()) == untimed(theirs)
    assert len(untimed(theirs)) == 2


def test_stack_config_reads_standard_input_for_dash_as_docker(tmp_path, monkeypatch, capsys):
    text = (COMPOSE / "config" / "vars.yml").read_text()
    monkeypatch.chdir(tmp_path)  # relative paths start in the current folder
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
    env.update(VARIABLES, DOCKER_CONFIG=str(tmp_path))
    theirs = subprocess.run(
        ["docker", "stack", "config", "-c", "-"],
        input=text,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    for name, value in VARIABLES.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert main(["stack", "config", "-c", "-"]) == 0
    assert capsys.readouterr().out == theirs.stdout


# Service values docker 28's 3.x schemas refuse (each was accepted here before; found comparing
# `docker stack config` with ours over every service key and value shape), with where we say it.
REFUSED_VALUES = [
    ("depends_on: {db: {condition: service_started}}", "services.web.depends_on", "list of strings"),
    ("hostname: 3", "services.web.hostname", "must be a string"),
    ("user: null", "services.web.user", "must be a string"),
    ("container_name: [a]", "services.web.container_name", "must be a string"),
    ("restart: []", "services.web.restart", "must be a string"),
    ("privileged: 'yes'", "services.web.privileged", "true or false"),
    ("cap_add: [NET_ADMIN, NET_ADMIN]", "services.web.cap_add[1]", "given twice"),
    ("dns: [1.1.1.1, 1]", "services.web.dns[1]", "must be a string"),
    ("labels: null", "services.web.labels", "list or a mapping"),
    ("environment: [A=1, A=1]", "services.web.environment[1]", "given twice"),
    ("expose: '80'", "services.web.expose", "must be a list"),
    ("links: {a: b}", "services.web.links", "list of strings"),
    ("build: 3", "services.web.build", "string or a mapping"),
    ("shm_size: 64", "services.web.shm_size", "must be a string"),
    ("ulimits: {nofile: {soft: 1, hard: 2, max: 3}}", "services.web.ulimits.nofile.max", "unknown key"),
    ("logging: {driver: syslog, colour: red}", "services.web.logging.colour", "unknown key"),
    ("secrets: [1]", "services.web.secrets[0]", "string or a mapping"),
    ("ports: ['80', '80']", "services.web.ports[1]", "given twice"),
]


@pytest.mark.parametrize(("line", "key", "words"), REFUSED_VALUES)
def test_values_docker_s_schema_refuses_are_refused_at_their_key(line, key, words, tmp_path, capsys):
    path = tmp_path / "app.yml"
    path.write_text(f'version: "3.13"\nservices:\n  web:\n    image: busybox\n    {line}\n')
    theirs = docker("stack", "config", "-c", str(path), tmp_path=tmp_path)
    assert theirs.returncode == 1, theirs.stdout
    for command in (["stack", "config"], ["stack", "deploy", "--dry-run"]):
        assert main([*command, "-c", str(path), "shop"][: None if "deploy" in command else -1]) == 1
        said = capsys.readouterr().err
        assert f"app.yml: {key}: " in said and words in said, said


@pytest.mark.parametrize(
    ("version", "line", "accepted"),
    [
        ("3.9", "cgroupns_mode: host", True),
        ("3.8", "cgroupns_mode: host", False),
        ("3.13", "oom_score_adj: 100", True),
        ("3.12", "oom_score_adj: 100", False),
    ],
)
def test_keys_docker_accepts_from_their_version_on(version, line, accepted, tmp_path, capsys):
    """cgroupns_mode (ignored, with docker's warning) and oom_score_adj (dropped without a word by
    docker 28) were refused here as unknown keys."""
    path = tmp_path / "app.yml"
    path.write_text(f'version: "{version}"\nservices:\n  web:\n    image: busybox\n    {line}\n')
    theirs = docker("stack", "config", "-c", str(path), tmp_path=tmp_path)
    assert (theirs.returncode == 0) is accepted, theirs.stderr
    assert (main(["stack", "config", "-c", str(path)]) == 0) is accepted
    printed = capsys.readouterr()
    if accepted:
        assert printed.out == theirs.stdout
    else:
        assert "needs version 3." in printed.err


def test_the_graylog_example_is_refused_as_docker_refuses_it(tmp_path, capsys):
    """awesome-compose's graylog gives depends_on in the compose spec's mapping form, which docker's
    3.x schema refuses (public/SOURCES.md)."""
    path = COMPOSE / "public" / "graylog" / "compose.yaml"
    theirs = docker("stack", "config", "-c", str(path), tmp_path=tmp_path)
    assert theirs.returncode == 1 and "services.graylog.depends_on must be a list" in theirs.stderr
    assert main(["stack", "config", "-c", str(path)]) == 1
    assert (
        "Line 73, compose.yaml: services.graylog.depends_on: must be a list of strings"
        in capsys.readouterr().err
    )


def test_strings_yaml_1_1_reads_as_base_60_are_quoted_as_docker_quotes_them(tmp_path, capsys):
    path = tmp_path / "app.yml"
    values = {"A": "1000:1000", "B": "12:30", "C": "1:2:3.5", "D": "1:60", "E": "-1:05", "F": "1_0:5"}
    environment = "".join(f'      {key}: "{value}"\n' for key, value in values.items())
    path.write_text(
        f'version: "3.8"\nservices:\n  web:\n    image: b\n    user: "0:0"\n    environment:\n{environment}'
    )
    theirs = docker("stack", "config", "-c", str(path), tmp_path=tmp_path)
    assert main(["stack", "config", "-c", str(path)]) == 0
    assert capsys.readouterr().out == theirs.stdout
    assert 'user: "0:0"' in theirs.stdout and "A: 1000:1000" in theirs.stdout


WEB = 'version: "3.13"\nservices:\n  web:\n    image: busybox\n'
# Below a service and in the top-level objects (same harness): refused by docker's schema ...
REFUSED_NESTED = [
    (WEB + "    deploy:\n      replicas: null\n", "services.web.deploy.replicas", "whole number"),
    (
        WEB + "    deploy:\n      update_config:\n        parallelism: -1\n",
        "update_config.parallelism",
        "at least 0",
    ),
    (WEB + "    deploy:\n      update_config:\n        order: last\n", "update_config.order", "stop-first"),
    (WEB + "    healthcheck:\n      interval: 10\n", "services.web.healthcheck.interval", "must be a string"),
    (
        WEB + "    networks:\n      n:\n        aliases: [a, a]\nnetworks:\n  n:\n",
        "aliases[1]",
        "given twice",
    ),
    (WEB + "    ports:\n      - target: 80\n        published: -1\n", "ports[0].published", "at least 0"),
    (WEB + "networks:\n  n:\n    driver: 3\n", "networks.n.driver", "must be a string"),
    (
        WEB + "networks:\n  n:\n    ipam: {driver: default, options: {}}\n",
        "networks.n.ipam.options",
        "unknown key",
    ),
    (WEB + "volumes:\n  v:\n    external: null\n", "volumes.v.external", "true, false or a mapping"),
    (WEB + "secrets:\n  s:\n    name: 3\n    file: ./a\n", "secrets.s.name", "must be a string"),
]
# ... and accepted by docker, which we refused
ACCEPTED_NESTED = [
    WEB + "    volumes:\n      - type: tmpfs\n        target: /t\n        tmpfs: {size: 1, extra: 1}\n",
    WEB + "secrets:\n  s:\n    external: {name: a, extra: 1}\n",
]


def config_both(text: str, tmp_path: Path, capsys) -> tuple[subprocess.CompletedProcess[str], int, Any]:
    """`stack config` of one file by docker and by us: docker's result, our exit status and output."""
    path = tmp_path / "app.yml"
    path.write_text(text)
    theirs = docker("stack", "config", "-c", str(path), tmp_path=tmp_path)
    return theirs, main(["stack", "config", "-c", str(path)]), capsys.readouterr()


@pytest.mark.parametrize(("text", "key", "words"), REFUSED_NESTED)
def test_nested_values_docker_s_schema_refuses_are_refused(text, key, words, tmp_path, capsys):
    theirs, status, printed = config_both(text, tmp_path, capsys)
    assert (theirs.returncode, status) == (1, 1)
    assert f"{key}: " in printed.err and words in printed.err, printed.err


@pytest.mark.parametrize("text", ACCEPTED_NESTED)
def test_options_docker_s_schema_lets_by_are_accepted(text, tmp_path, capsys):
    theirs, status, printed = config_both(text, tmp_path, capsys)
    assert (theirs.returncode, status) == (0, 0), theirs.stderr
    assert printed.out == theirs.stdout
    assert compose.load_files([tmp_path / "app.yml"], "shop", environ={}).services  # stack deploy takes it
