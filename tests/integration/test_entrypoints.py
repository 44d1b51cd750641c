"""Entry points of a real service: a host-mode port is reached on the nodes running its task, an
ingress-mode port on every node; the generated nginx and HAProxy files pass `nginx -t -c` and
`haproxy -c -f`, from the engine and from the headless `crane-desktop entrypoints` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crane_desktop.engine.entrypoints import fetch_entry_points, render
from crane_desktop.engine.snapshots import Task, parse_all
from tests.swarm import IMAGE, docker, profile_path, unique, wait_until


def nginx_check(config: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """`nginx -t` with a pid file and error log of the test's own (the generated file has neither)."""
    return subprocess.run(
        ["nginx", "-t", "-c", str(config), "-g", f"pid {tmp_path}/nginx.pid; error_log stderr;"],
        capture_output=True,
        text=True,
        timeout=30,
    )


def haproxy_check(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["haproxy", "-c", "-f", str(config)], capture_output=True, text=True, timeout=30)


def crane(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "crane_desktop", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )


@pytest.fixture
def published_service(cluster, service_names):
    name = unique("crane-ep")
    service_names.append(name)
    docker(
        1, "service", "create", "-d", "--name", name, "--replicas", "2", "--stop-grace-period", "0s",
        "--publish", "published=18080,target=80,mode=host",
        "--publish", "published=18081,target=81",
        "--publish", "published=15353,target=53,protocol=udp",
        IMAGE, "sleep", "3600",
    )  # fmt: skip
    service_id = docker(1, "service", "inspect", "--format", "{{.ID}}", name)

    def running() -> list[Task]:
        tasks = parse_all(Task, cluster.client.tasks(filters={"service": service_id})).values()
        return [t for t in tasks if t.state == "running" and t.desired_state == "running"]

    tasks = wait_until(lambda: len(running()) == 2 and running(), timeout=60, what="two running tasks")
    return name, tasks


def test_addresses_per_port_mode(cluster, published_service):
    name, tasks = published_service
    service, entries = fetch_entry_points(cluster.client, name)
    assert service.name == name
    nodes = {n["ID"]: n["Description"]["Hostname"] for n in cluster.client.nodes()}
    task_hosts = sorted(nodes[t.node_id] for t in tasks)
    by_port = {e.port.published: e for e in entries}
    assert sorted(by_port) == [15353, 18080, 18081]
    assert [a.hostname for a in by_port[18080].addresses] == task_hosts
    assert by_port[18080].port.mode == "host"
    assert [a.hostname for a in by_port[18081].addresses] == ["node-1", "node-2", "node-3", "node-4"]
    assert by_port[15353].port.protocol == "udp"
    instance = int(os.environ.get("CRANE_SWARM_INSTANCE", "0"))
    assert f"198.19.{213 + instance}.11:18081" in by_port[18081].endpoints


def test_generated_configs_pass_the_real_tools(cluster, published_service, tmp_path):
    name, _ = published_service
    service, entries = fetch_entry_points(cluster.client, name)
    for tcp_as in ("http", "stream"):
        nginx_conf = tmp_path / f"nginx-{tcp_as}.conf"
        nginx_conf.write_text(render("nginx", service, entries, tcp_as))
        result = nginx_check(nginx_conf, tmp_path)
        assert result.returncode == 0, result.stderr + nginx_conf.read_text()
        haproxy_cfg = tmp_path / f"haproxy-{tcp_as}.cfg"
        haproxy_cfg.write_text(render("haproxy", service, entries, tcp_as))
        result = haproxy_check(haproxy_cfg)
        assert result.returncode == 0, result.stderr + haproxy_cfg.read_text()
    assert "stream {" in (tmp_path / "nginx-http.conf").read_text()
    assert "listen 15353 udp;" in (tmp_path / "nginx-http.conf").read_text()


def test_headless_command_prints_the_same_configs(published_service, tmp_path):
    name, _ = published_service
    profile = str(profile_path())
    result = crane("entrypoints", name, "--format", "json", "--profile-file", profile)
    assert result.returncode == 0, result.stderr
    ports = {p["published"]: p for p in json.loads(result.stdout)["ports"]}
    assert len(ports[18081]["endpoints"]) == 4 and len(ports[18080]["endpoints"]) == 2
    for fmt, check in (("nginx", lambda p: nginx_check(p, tmp_path)), ("haproxy", haproxy_check)):
        result = crane("entrypoints", name, "--format", fmt, "--profile-file", profile)
        assert result.returncode == 0, result.stderr
        config = tmp_path / f"cli.{fmt}"
        config.write_text(result.stdout)
        checked = check(config)
        assert checked.returncode == 0, checked.stderr + result.stdout


def test_headless_command_names_a_missing_service():
    result = crane("entrypoints", "no-such-service-x", "--profile-file", str(profile_path()))
    assert result.returncode == 1
    assert "No service is named no-such-service-x" in result.stderr
