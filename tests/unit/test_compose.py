"""The compose package on its own: the specs it builds and the errors it gives (line and key)."""

from __future__ import annotations

import argparse
import io
import json
import re
from pathlib import Path

import pytest

from crane_desktop.commands import stack
from crane_desktop.engine import compose
from crane_desktop.engine.compose import ComposeError

BAD = Path(__file__).resolve().parent.parent / "fixtures" / "compose" / "bad"


def load(text: str, environ: dict[str, str] | None = None, tmp: Path | None = None) -> compose.StackPlan:
    return compose.load(text, "shop", working_dir=tmp or Path("/nonexistent"), environ=environ or {})


@pytest.mark.parametrize(
    ("name", "line", "key", "words"),
    [
        ("syntax.yml", 6, "", "not valid YAML"),
        ("unknown_key.yml", 7, "services.web.deploy.replica_count", "unknown key"),
        ("wrong_type.yml", 6, "services.web.deploy.replicas", "whole number"),
    ],
)
def test_bad_files_are_refused_with_line_and_key(name, line, key, words):
    with pytest.raises(ComposeError) as caught:
        compose.load_file(BAD / name, "shop", environ={})
    error = caught.value
    assert error.line == line
    assert error.key == key
    assert words in error.reason
    assert f"Line {line}" in error.message


def test_names_labels_and_default_network():
    plan = load("services:\n  web:\n    image: busybox\n    labels: [a=1, b]\n")
    spec = plan.services["shop_web"]
    assert spec["Name"] == "shop_web"
    assert spec["Labels"] == {"com.docker.stack.namespace": "shop", "com.docker.stack.image": "busybox"}
    assert spec["TaskTemplate"]["ContainerSpec"]["Labels"] == {
        "a": "1",
        "b": "",
        "com.docker.stack.namespace": "shop",
    }
    assert spec["TaskTemplate"]["Networks"] == [{"Target": "shop_default", "Aliases": ["web"]}]
    assert spec["Mode"] == {"Replicated": {}}
    assert list(plan.networks) == ["shop_default"]
    assert plan.networks["shop_default"]["Driver"] == "overlay"


def test_short_ports_and_ranges_are_sorted_by_published_port():
    plan = load(
        'services:\n  web:\n    image: busybox\n    ports: ["9000-9001:80-81/udp", "8080:80", "443"]\n'
    )
    ports = plan.services["shop_web"]["EndpointSpec"]["Ports"]
    assert [(p["PublishedPort"], p["TargetPort"], p["Protocol"], p["PublishMode"]) for p in ports] == [
        (0, 443, "tcp", "ingress"),
        (8080, 80, "tcp", "ingress"),
        (9000, 80, "udp", "ingress"),
        (9001, 81, "udp", "ingress"),
    ]


def test_variables_come_from_the_environment_only_never_from_dotenv(tmp_path):
    (tmp_path / ".env").write_text("TAG=from-dotenv\nNAME=dotenv\n")
    text = "services:\n  web:\n    image: busybox:${TAG-latest}\n    hostname: ${NAME}-${MISSING:-x}$$\n"
    plan = load(text, {"NAME": "env"}, tmp_path)
    container = plan.services["shop_web"]["TaskTemplate"]["ContainerSpec"]
    assert container["Image"] == "busybox:latest"
    assert container["Hostname"] == "env-x$"
    assert plan.warnings == []


def test_warnings_print_as_the_docker_cli_logger_writes_them(capsys):
    plan = load('services:\n  web:\n    image: b\n    ports: ["127.0.0.1:8080:80"]\n')
    said = "ignoring IP-address (127.0.0.1:8080:80/tcp) service will listen on '0.0.0.0'"
    stack.print_warnings(plan)  # not a terminal: the docker CLI logger's text form
    assert re.fullmatch(
        r'time="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[-+]\d\d:\d\d)" level=warning '
        + re.escape(f"msg={json.dumps(said)}")
        + "\n",
        capsys.readouterr().err,
    )
    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    stack.print_warnings(plan, terminal)
    assert terminal.getvalue() == f"WARN[0000] {said}\n"


def test_an_unset_variable_becomes_blank_with_a_warning_naming_line_and_key(capsys):
    text = "services:\n  web:\n    image: busybox\n    environment:\n      TOKEN: a${UNSET}b\n"
    plan = load(text)
    assert plan.services["shop_web"]["TaskTemplate"]["ContainerSpec"]["Env"] == ["TOKEN=ab"]
    [warning] = plan.warnings
    assert (warning.line, warning.key) == (5, "services.web.environment.TOKEN")
    assert warning.reason == 'The "UNSET" variable is not set. Defaulting to a blank string.'
    assert warning.message.startswith("Line 5, services.web.environment.TOKEN: ")
    stack.print_warnings(plan)
    assert capsys.readouterr().err == ""  # docker 28 substitutes "" without a word; the GUI lists it
    empty = load("services:\n  web:\n    image: busybox:${E-x}${E:-y}\n", {"E": ""})
    assert empty.services["shop_web"]["TaskTemplate"]["ContainerSpec"]["Image"] == "busybox:y"
    with pytest.raises(ComposeError) as caught:
        load("services:\n  web:\n    image: ${E?}\n")
    assert caught.value.key == "services.web.image"
    load("services:\n  web:\n    image: b${E?}\n", {"E": ""})
    with pytest.raises(ComposeError):
        load("services:\n  web:\n    image: b${E:?}\n", {"E": ""})


def test_required_variable_message():
    with pytest.raises(ComposeError) as caught:
        load("services:\n  web:\n    image: ${IMG:?set the image}\n")
    assert caught.value.line == 3 and caught.value.key == "services.web.image"
    assert "set the image" in caught.value.reason


def test_global_with_replicas_and_undeclared_network():
    with pytest.raises(ComposeError) as caught:
        load("services:\n  web:\n    image: b\n    deploy:\n      mode: global\n      replicas: 2\n")
    assert caught.value.key == "services.web.deploy.replicas"
    with pytest.raises(ComposeError) as caught:
        load("services:\n  web:\n    image: b\n    networks: [nowhere]\n")
    assert (caught.value.line, caught.value.key) == (4, "services.web.networks.nowhere")


def test_job_modes_as_docker_converts_them():
    def mode(deploy: str) -> dict:
        plan = load(f"services:\n  job:\n    image: b\n    deploy:\n{deploy}")
        return plan.services["shop_job"]["Mode"]

    # docker's convertDeployMode: the replicas are both the completions and the max concurrent
    assert mode("      mode: replicated-job\n      replicas: 3\n") == {
        "ReplicatedJob": {"MaxConcurrent": 3, "TotalCompletions": 3}
    }
    assert mode("      mode: replicated-job\n") == {"ReplicatedJob": {}}
    assert mode("      mode: global-job\n") == {"GlobalJob": {}}
    with pytest.raises(ComposeError) as caught:
        mode("      mode: global-job\n      replicas: 2\n")
    assert caught.value.key == "services.job.deploy.replicas"
    with pytest.raises(ComposeError) as caught:
        mode("      mode: cron\n")
    assert caught.value.key == "services.job.deploy.mode" and "replicated-job" in caught.value.reason


def test_durations_sizes_and_cpus():
    text = """services:
  web:
    image: b
    stop_grace_period: 1m30s
    deploy:
      resources: {limits: {cpus: "0.25", memory: 1.5G}}
      update_config: {delay: 500ms}
"""
    spec = load(text).services["shop_web"]
    assert spec["TaskTemplate"]["ContainerSpec"]["StopGracePeriod"] == 90 * 10**9
    assert spec["TaskTemplate"]["Resources"]["Limits"] == {"NanoCPUs": 250_000_000, "MemoryBytes": 1610612736}
    assert spec["UpdateConfig"]["Delay"] == 500_000_000
    assert spec["UpdateConfig"]["Parallelism"] == 1
    with pytest.raises(ComposeError) as caught:  # docker's 3.x schemas: cpus is a string
        load(text.replace('cpus: "0.25"', "cpus: 0.25"))
    assert (caught.value.key, caught.value.reason) == (
        "services.web.deploy.resources.limits.cpus",
        "must be a string",
    )


def test_external_network_and_named_volume(tmp_path):
    text = """services:
  web:
    image: b
    networks: [outside]
    volumes: ["data:/data:ro,nocopy", "./here:/here"]
networks:
  outside:
    external: true
volumes:
  data: {}
"""
    plan = load(text, tmp=tmp_path)
    assert plan.external_networks == ["outside"]
    assert plan.networks == {}
    mounts = plan.services["shop_web"]["TaskTemplate"]["ContainerSpec"]["Mounts"]
    assert mounts[0]["Source"] == "shop_data" and mounts[0]["ReadOnly"] is True
    assert mounts[0]["VolumeOptions"]["NoCopy"] is True
    assert mounts[1] == {"Type": "bind", "Target": "/here", "Source": str(tmp_path / "here")}
    with pytest.raises(ComposeError) as caught:
        load("services:\n  web:\n    image: b\n    volumes: ['missing:/x']\n")
    assert "missing" in caught.value.reason and caught.value.line == 4


def test_duplicate_key_and_missing_image():
    with pytest.raises(ComposeError) as caught:
        load("services:\n  web:\n    image: b\n    image: c\n")
    assert (caught.value.line, caught.value.key) == (4, "services.web.image")
    with pytest.raises(ComposeError) as caught:
        load("services:\n  web:\n    command: 'true'\n")
    assert caught.value.key == "services.web" and caught.value.line == 2
    with pytest.raises(ComposeError) as caught:  # a boolean command: docker's schema refuses it first
        load("services:\n  web:\n    command: true\n")
    assert caught.value.key == "services.web.command" and "string or a list of strings" in caught.value.reason


def test_merge_key_then_an_explicit_key_overrides_it():
    text = """x-base: &base
  image: busybox
  hostname: base
services:
  web:
    <<: *base
    hostname: own
"""
    container = load(text).services["shop_web"]["TaskTemplate"]["ContainerSpec"]
    assert (container["Image"], container["Hostname"]) == ("busybox:latest", "own")
    with pytest.raises(ComposeError) as caught:
        load(text + "    hostname: again\n")
    assert (caught.value.line, caught.value.key) == (8, "services.web.hostname")


WEB = "services:\n  web:\n    image: b\n"


@pytest.mark.parametrize(
    ("version", "more", "line", "key", "words"),
    [
        ("3.8", "", 1, "version", "must be a string"),
        ("'3.14'", "", 1, "version", "not supported"),
        ("'2'", "", 1, "version", "not supported"),
        ("'3.2'", "    credential_spec: {file: spec.json}\n", 5, "services.web.credential_spec", "3.3"),
        ("'3.5'", "    volumes: [{type: tmpfs, target: /t, tmpfs: {size: 1}}]\n", 5,
         "services.web.volumes[0].tmpfs", "3.6"),
        ("'3.3'", "    healthcheck: {start_period: 5s}\n", 5, "services.web.healthcheck.start_period", "3.4"),
        ("'3.3'", "    deploy: {update_config: {order: start-first}}\n", 5,
         "services.web.deploy.update_config.order", "3.4"),
        ("'3.0'", "    secrets: [s]\n", 5, "services.web.secrets", "3.1"),
        ("'3.2'", "configs: {c: {external: true}}\n", 5, "configs", "3.3"),
        ("'3.0'", "    secrets: [{source: s}]\n", 5, "services.web.secrets", "3.1"),
        ("'3.4'", "networks: {n: {name: net}}\n", 5, "networks.n.name", "3.5"),
        ("'3.3'", "volumes: {v: {name: vol}}\n", 5, "volumes.v.name", "3.4"),
        ("'3.4'", "secrets: {s: {name: x, external: true}}\n", 5, "secrets.s.name", "3.5"),
    ],
)  # fmt: skip
def test_version_is_a_known_string_and_newer_keys_are_refused(version, more, line, key, words):
    with pytest.raises(ComposeError) as caught:
        load(f"version: {version}\n{WEB}{more}")
    assert words in caught.value.reason
    assert (caught.value.line, caught.value.key) == (line, key)


def test_version_3_and_3_13_take_every_key():
    for version in ("'3'", "'3.0'", "'3.13'"):
        plan = load(f"version: {version}\nservices:\n  web:\n    image: b\n")
        assert plan.services
    # docker 28.2.2 reads "3" as its latest schema: a 3.7 key is accepted there, not in "3.0"
    assert load("version: '3'\nservices:\n  web:\n    image: b\n    init: true\n").services
    with pytest.raises(ComposeError):
        load("version: '3.0'\nservices:\n  web:\n    image: b\n    init: true\n")
    load("version: '3.8'\nx-a: 1\nservices:\n  web:\n    image: b\n    init: true\n")


@pytest.mark.parametrize("version", ["'3'", "''"])
def test_version_3_is_the_latest_3x_as_docker_reads_it(version):
    """docker reads "3" (and "") as its latest 3.x schema, not as 3.0: keys of 3.3+ are accepted."""
    plan = load(f"version: {version}\n{WEB}    credential_spec: {{file: spec.json}}\n")
    privileges = plan.services["shop_web"]["TaskTemplate"]["ContainerSpec"]["Privileges"]
    assert privileges["CredentialSpec"] == {"File": "spec.json"}


def test_ulimits_credential_spec_and_generic_resources_are_converted():
    text = """version: "3.8"
services:
  web:
    image: b
    ulimits:
      nproc: 65535
      nofile: {soft: 100, hard: 200}
    credential_spec: {config: spec}
    deploy:
      resources:
        reservations:
          generic_resources:
            - discrete_resource_spec: {kind: gpu, value: 2}
configs:
  spec: {external: true}
"""
    spec = load(text).services["shop_web"]
    container = spec["TaskTemplate"]["ContainerSpec"]
    assert container["Ulimits"] == [
        {"Name": "nofile", "Soft": 100, "Hard": 200},
        {"Name": "nproc", "Soft": 65535, "Hard": 65535},
    ]
    assert container["Privileges"]["CredentialSpec"] == {"Config": "spec"}
    assert container["Configs"] == [{"ConfigName": "spec", "Runtime": {}}]
    assert spec["TaskTemplate"]["Resources"]["Reservations"]["GenericResources"] == [
        {"DiscreteResourceSpec": {"Kind": "gpu", "Value": 2}}
    ]
    for given, expected in (("file: s.json", {"File": "s.json"}), ("registry: r", {"Registry": "r"})):
        plan = load(f"services:\n  web:\n    image: b\n    credential_spec: {{{given}}}\n")
        privileges = plan.services["shop_web"]["TaskTemplate"]["ContainerSpec"]["Privileges"]
        assert privileges["CredentialSpec"] == expected
    with pytest.raises(ComposeError) as caught:
        load("services:\n  web:\n    image: b\n    credential_spec: {file: a, registry: b}\n")
    assert (caught.value.line, caught.value.key) == (4, "services.web.credential_spec")
    with pytest.raises(ComposeError) as caught:
        load("services:\n  web:\n    image: b\n    ulimits: {nofile: {soft: 1}}\n")
    assert caught.value.key == "services.web.ulimits.nofile" and "hard" in caught.value.reason


@pytest.mark.parametrize(
    ("more", "line", "key", "words"),
    [
        ("networks:\n  n:\n    name: a\n    external: {name: b}\n", 7, "networks.n.name", "conflict"),
        ("secrets:\n  s:\n    name: a\n    external: {name: b}\n", 7, "secrets.s.name", "conflict"),
        ("volumes:\n  v:\n    external: true\n    driver: local\n", 8, "volumes.v.driver", "external"),
        ("volumes:\n  v:\n    external: true\n    driver_opts: {a: b}\n", 8, "volumes.v.driver_opts",
         "external"),
        ("volumes:\n  v:\n    external: true\n    labels: [a=b]\n", 8, "volumes.v.labels", "external"),
    ],
)  # fmt: skip
def test_external_objects_conflicting_with_their_own_settings_are_refused(more, line, key, words):
    with pytest.raises(ComposeError) as caught:
        load(f"version: '3.8'\n{WEB}{more}")
    assert (caught.value.line, caught.value.key) == (line, key)
    assert words in caught.value.reason


def test_external_name_is_deprecated_with_docker_s_warning():
    plan = load(f"version: '3.8'\n{WEB}networks:\n  n:\n    external: {{name: b}}\n")
    assert [w.message for w in plan.warnings] == [
        "Line 7, networks.n.external.name: "
        "network n: network.external.name is deprecated in favor of network.name"
    ]
    assert load(f"version: '3.4'\n{WEB}networks:\n  n:\n    external: {{name: b}}\n").warnings == []


def test_extra_hosts_as_docker_converts_them():
    listed = load(
        WEB + "    extra_hosts: ['b.local=10.0.0.2', 'a.local:10.0.0.1', 'a.local:10.0.0.3', 'v6=[::1]',"
        " noaddr, 'e:', 'h:::5']\n"
    )
    assert listed.services["shop_web"]["TaskTemplate"]["ContainerSpec"]["Hosts"] == [
        "10.0.0.2 b.local",
        "10.0.0.1 a.local",
        "10.0.0.3 a.local",
        "::1 v6",
        " e",
        "::5 h",
    ]
    mapped = load(WEB + "    extra_hosts: {zz: '[::2]', aa: 1.1.1.1, mm: '::3'}\n")
    assert mapped.services["shop_web"]["TaskTemplate"]["ContainerSpec"]["Hosts"] == [
        "1.1.1.1 aa",
        "::3 mm",
        "::2 zz",
    ]


def test_capabilities_are_normalised_as_docker_does():
    def caps(more: str) -> tuple[list[str] | None, list[str] | None]:
        container = load(WEB + more).services["shop_web"]["TaskTemplate"]["ContainerSpec"]
        return container.get("CapabilityAdd"), container.get("CapabilityDrop")

    assert caps("    cap_add: [sys_admin, CAP_NET_RAW]\n    cap_drop: [all, NET_RAW]\n") == (
        ["CAP_NET_RAW", "CAP_SYS_ADMIN"],
        ["ALL"],
    )
    assert caps("    cap_add: [net_admin, ALL]\n    cap_drop: [NET_RAW, net_admin]\n") == (
        ["ALL"],
        ["CAP_NET_ADMIN", "CAP_NET_RAW"],
    )
    assert caps("    cap_add: [NET_ADMIN]\n    cap_drop: [net_admin]\n") == (["CAP_NET_ADMIN"], None)


def test_environment_without_a_value_takes_the_environment_s_as_docker(tmp_path):
    (tmp_path / "e.env").write_text("EA=\nEB\nEC\nED=file\n")
    text = WEB + "    env_file: e.env\n    environment: {QUX: null, QUY: '', ED: }\n"
    plan = load(text, {"EA": "envA", "EB": "envB", "QUY": "envY", "ED": "envD"}, tmp_path)
    assert plan.services["shop_web"]["TaskTemplate"]["ContainerSpec"]["Env"] == [
        "EA=envA",
        "EB=envB",
        "ED=envD",
        "QUX",
        "QUY=envY",
    ]
    listed = load(WEB + "    environment: [QUX, QUY=, A=1]\n", {"QUX": "x"})
    assert listed.services["shop_web"]["TaskTemplate"]["ContainerSpec"]["Env"] == ["A=1", "QUX=x", "QUY="]


def test_windows_absolute_bind_sources_are_kept(tmp_path):
    text = WEB + (
        "    volumes:\n"
        "      - 'C:\\data:/data:ro'\n"
        "      - {type: bind, source: '\\\\server\\share\\dir', target: /share}\n"
        "      - {type: bind, source: 'C:/x', target: /x}\n"
        "      - {type: bind, source: 'rel\\dir', target: /rel}\n"
        "      - '/abs:/abs:rw,z'\n"
    )
    mounts = load(text, tmp=tmp_path).services["shop_web"]["TaskTemplate"]["ContainerSpec"]["Mounts"]
    assert [(m["Type"], m["Source"], m["Target"]) for m in mounts] == [
        ("bind", "C:\\data", "/data"),
        ("bind", "\\\\server\\share\\dir", "/share"),
        ("bind", "C:/x", "/x"),
        ("bind", str(tmp_path / "rel\\dir"), "/rel"),
        ("bind", "/abs", "/abs"),
    ]
    assert mounts[0]["ReadOnly"] is True and "ReadOnly" not in mounts[4]
    with pytest.raises(ComposeError) as caught:
        load(WEB + "    volumes: ['ab:/cd:ro:x']\n")
    assert caught.value.key == "services.web.volumes[0]"


def test_port_ranges_host_ips_and_tmpfs_size_as_docker():
    plan = load(WEB + "    ports: ['8000-8002:80', '[::1]:9080-9081:9000', '0.0.0.0:7000:70/udp']\n")
    ports = plan.services["shop_web"]["EndpointSpec"]["Ports"]
    assert [(p["PublishedPort"], p["TargetPort"], p["Protocol"]) for p in ports] == [
        (7000, 70, "udp"),
        (8000, 80, "tcp"),
        (8001, 80, "tcp"),
        (8002, 80, "tcp"),
        (9080, 9000, "tcp"),
        (9081, 9000, "tcp"),
    ]
    assert [w.message for w in plan.warnings] == [
        "Line 4, services.web.ports[1]: "
        "ignoring IP-address ([::1]:9080-9081:9000/tcp) service will listen on '0.0.0.0'"
    ]
    for bad in ("1.2.3:8080:80", "[::1:8080:80", "8080:80-81", "localhost:8080:80"):
        with pytest.raises(ComposeError) as caught:
            load(WEB + f"    ports: ['{bad}']\n")
        assert (caught.value.line, caught.value.key) == (4, "services.web.ports[0]")
    for size in ("1.5", "10m"):
        with pytest.raises(ComposeError) as caught:
            load(WEB + f"    volumes: [{{type: tmpfs, target: /t, tmpfs: {{size: {size}}}}}]\n")
        assert caught.value.key == "services.web.volumes[0].tmpfs.size"
    tmpfs = load(WEB + "    volumes: [{type: tmpfs, target: /t, tmpfs: {size: 1024}}]\n")
    mounts = tmpfs.services["shop_web"]["TaskTemplate"]["ContainerSpec"]["Mounts"]
    assert mounts[0]["TmpfsOptions"] == {"SizeBytes": 1024}


def test_several_files_merge_in_order_as_docker_stack_deploy(tmp_path):
    """The expected specs are what docker CLI 28.2.2 deployed from these two files."""
    (tmp_path / "a.yml").write_text(
        """version: "3.8"
services:
  web:
    image: busybox
    command: sleep 1000
    environment: [A=1, B=2]
    cap_add: [NET_ADMIN]
    ports: ["8080:80", "9090:90"]
    volumes: ["/b:/b", "/a:/a"]
    deploy: {replicas: 2, labels: [d=1]}
    logging: {driver: json-file, options: {max-size: 1m}}
  db:
    image: busybox
networks:
  n: {driver: overlay, labels: [k=1]}
"""
    )
    (tmp_path / "b.yml").write_text(
        """version: "3.8"
services:
  web:
    command: ["sleep", "2000"]
    environment: {B: "3", C: "4"}
    cap_add: [SYS_TIME]
    ports: ["8080:80", "7070:70"]
    volumes: ["/c:/a:ro"]
    networks: [n]
    deploy: {replicas: 0}
    logging: {options: {max-file: "3"}}
networks:
  n: {attachable: true}
"""
    )
    plan = compose.load_files([tmp_path / "a.yml", tmp_path / "b.yml"], "shop", environ={})
    web = plan.services["shop_web"]
    container = web["TaskTemplate"]["ContainerSpec"]
    assert container["Args"] == ["sleep", "2000"]
    assert container["Env"] == ["A=1", "B=3", "C=4"]
    assert container["CapabilityAdd"] == ["CAP_NET_ADMIN", "CAP_SYS_TIME"]
    assert [(m["Source"], m["Target"], m.get("ReadOnly", False)) for m in container["Mounts"]] == [
        ("/c", "/a", True),
        ("/b", "/b", False),
    ]
    assert [p["PublishedPort"] for p in web["EndpointSpec"]["Ports"]] == [7070, 8080, 9090]
    assert web["Mode"] == {"Replicated": {"Replicas": 0}}
    assert web["Labels"]["d"] == "1"
    assert web["TaskTemplate"]["LogDriver"] == {
        "Name": "json-file",
        "Options": {"max-size": "1m", "max-file": "3"},
    }
    assert plan.networks["shop_n"]["Attachable"] is True and plan.networks["shop_n"]["Labels"] == {
        "com.docker.stack.namespace": "shop"
    }
    assert "shop_db" in plan.services
    (tmp_path / "c.yml").write_text('version: "3.7"\nservices:\n  web:\n    image: x\n')
    with pytest.raises(ComposeError) as caught:
        compose.load_files([tmp_path / "a.yml", tmp_path / "c.yml"], "shop", environ={})
    assert (caught.value.line, caught.value.key) == (1, "c.yml: version")
    (tmp_path / "d.yml").write_text('version: "3.8"\nservices:\n  web:\n    deploy: {replicas: x}\n')
    with pytest.raises(ComposeError) as caught:
        compose.load_files([tmp_path / "a.yml", tmp_path / "d.yml"], "shop", environ={})
    assert (caught.value.line, caught.value.key) == (4, "d.yml: services.web.deploy.replicas")


def test_a_variable_refused_in_the_second_file_names_that_file(tmp_path):
    (tmp_path / "a.yml").write_text('version: "3.8"\nservices:\n  web:\n    image: busybox\n')
    (tmp_path / "b.yml").write_text('version: "3.8"\nservices:\n  web:\n    user: "${WHO:?say who}"\n')
    with pytest.raises(ComposeError) as caught:
        compose.load_files([tmp_path / "a.yml", tmp_path / "b.yml"], "shop", environ={})
    assert (caught.value.line, caught.value.key) == (4, "b.yml: services.web.user")
    assert "say who" in caught.value.reason


def test_a_huge_negative_number_of_cpus_is_refused_not_a_crash():
    with pytest.raises(ComposeError) as caught:
        load("services:\n  web:\n    image: b\n    deploy: {resources: {limits: {cpus: '-1.8e299'}}}\n")
    assert caught.value.key == "services.web.deploy.resources.limits.cpus"
    assert "positive" in caught.value.reason


def test_stack_deploy_takes_several_compose_files():
    parser = argparse.ArgumentParser()
    stack.add_parser(parser.add_subparsers(), lambda _parser: None)
    args = parser.parse_args(["stack", "deploy", "-c", "a.yml", "-c", "b.yml", "shop"])
    assert args.compose_file == ["a.yml", "b.yml"]


@pytest.mark.parametrize(
    ("snippet", "key"),
    [
        ("ports: [{target: 80, published: 8080, host_ip: 127.0.0.1}]", "services.web.ports[0].host_ip"),
        ("ports: [{target: 80, published: 8080, name: web}]", "services.web.ports[0].name"),
        (
            "deploy: {resources: {reservations: {devices: [{capabilities: [gpu]}]}}}",
            "services.web.deploy.resources.reservations.devices",
        ),
    ],
)
def test_keys_docker_28_refuses_in_every_3x_file_are_refused(snippet, key):
    """`docker stack config` (CLI 28.2.2) says "Additional property ... is not allowed" for these."""
    with pytest.raises(ComposeError) as caught:
        load(WEB + f"    {snippet}\n")
    assert caught.value.key == key and "unknown key" in str(caught.value)


def test_extensions_are_interpolated_and_substituted_numbers_cast_as_docker_does():
    """docker 28.2.2: `x-foo: "a $ b"` is refused; `published: ${PORT}` becomes a number, an empty or
    non-numeric value is refused (interpolateTypeCastMapping)."""
    with pytest.raises(ComposeError) as caught:
        load('x-foo: "a $ b"\nservices:\n  web:\n    image: busybox\n')
    assert (caught.value.line, caught.value.key) == (1, "x-foo")
    ports = "services:\n  web:\n    image: busybox\n    ports: [{target: 80, published: '${PORT}'}]\n"
    spec = load(ports, {"PORT": "8080"}).services["shop_web"]
    assert spec["EndpointSpec"]["Ports"][0]["PublishedPort"] == 8080
    with pytest.raises(ComposeError) as caught:
        load(ports, {"PORT": ""})
    assert caught.value.key == "services.web.ports[0].published"
    assert caught.value.reason == 'failed to cast to expected type: strconv.Atoi: parsing "": invalid syntax'


def test_types_and_paths_as_docker_28_reads_them(tmp_path):
    """Checked with docker stack config 28.2.2: a boolean label is refused, YAML 1.2's 0o octal is a
    number, and an env_file or secret file starting with ~ is not taken from the home folder."""
    with pytest.raises(ComposeError) as caught:
        load("services:\n  web:\n    image: b\n    labels: {a: true}\n")
    assert (caught.value.key, caught.value.reason) == (
        "services.web.labels.a",
        "must be a string, number or null",
    )
    (tmp_path / "s.txt").write_text("x")
    text = (
        "services:\n  web:\n    image: b\n    secrets: [{source: s, mode: 0o400}]\n"
        "secrets:\n  s: {file: s.txt}\n"
    )
    spec = load(text, tmp=tmp_path).services["shop_web"]
    assert spec["TaskTemplate"]["ContainerSpec"]["Secrets"][0]["File"]["Mode"] == 0o400
    with pytest.raises(ComposeError) as caught:
        load("services:\n  web:\n    image: b\n    env_file: ~/a.env\n", tmp=tmp_path)
    assert str(tmp_path / "~" / "a.env") in caught.value.reason


def test_the_command_line_names_the_file_even_when_there_is_one(tmp_path):
    (tmp_path / "app.yml").write_text("services:\n  web:\n    image: b\n    deploy: {replicas: x}\n")
    with pytest.raises(ComposeError) as caught:
        compose.load_files([tmp_path / "app.yml"], "shop", environ={})
    assert (caught.value.line, caught.value.key) == (4, "app.yml: services.web.deploy.replicas")


@pytest.mark.parametrize(
    ("nanoseconds", "text"),
    [  # Go's time.Duration(n).String()
        (0, "0s"), (1, "1ns"), (1500, "1.5µs"), (1_500_000, "1.5ms"), (10**9, "1s"), (90 * 10**9, "1m30s"),
        (3600 * 10**9, "1h0m0s"), (3_723_500_000_000, "1h2m3.5s"), (-(10**9), "-1s"),
        (2**63 - 1, "2562047h47m16.854775807s"),
    ],
)  # fmt: skip
def test_durations_print_as_go_prints_them(nanoseconds, text):
    assert compose.units.go_duration(nanoseconds) == text
    if nanoseconds >= 0:
        assert compose.units.duration_ns(text) == pytest.approx(nanoseconds, rel=1e-15)


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ("redis", "redis:latest"),
        ("redis:7", "redis:7"),
        ("docker.io/library/redis:7", "redis:7"),
        ("index.docker.io/library/redis", "redis:latest"),
        ("library/redis", "redis:latest"),
        ("dockersamples/examplevotingapp_worker", "dockersamples/examplevotingapp_worker:latest"),
        ("docker.io/user/app", "user/app:latest"),
        ("localhost:5000/app", "localhost:5000/app:latest"),
        ("registry.example.com/team/app:1.2", "registry.example.com/team/app:1.2"),
        ("redis@sha256:" + "a" * 64, "redis@sha256:" + "a" * 64),
        ("redis:7@sha256:" + "b" * 64, "redis:7@sha256:" + "b" * 64),
        ("Not/A/Reference", "Not/A/Reference"),  # docker keeps what it cannot parse
    ],
)
def test_the_image_is_sent_tagged_and_familiar_as_docker_s_client_sends_it(given, sent):
    """docker's ServiceCreate/ServiceUpdate (imageWithTagString) rewrite the image, registry query or
    not; the stack's image label keeps the file's text (found deploying the voting app's docker-stack.yml:
    `manomarks/visualizer` ran as `manomarks/visualizer:latest` under docker)."""
    spec = load(f"services:\n  web:\n    image: '{given}'\n").services["shop_web"]
    assert spec["TaskTemplate"]["ContainerSpec"]["Image"] == sent
    assert spec["Labels"]["com.docker.stack.image"] == given


def test_two_mounts_at_one_target_are_refused_at_the_second_before_anything_is_created():
    """The engine refuses the service ("duplicate mount point"), after docker stack deploy created the
    app's network (found deploying awesome-compose's prometheus-grafana example)."""
    text = (
        WEB
        + "    volumes:\n      - ./etc/prometheus:/prometheus\n      - prom_data:/prometheus\n"
        + "volumes:\n  prom_data:\n"
    )
    with pytest.raises(ComposeError) as caught:
        load(text)
    assert (caught.value.line, caught.value.key) == (6, "services.web.volumes[1]")
    assert "duplicate mount point /prometheus" in caught.value.reason
    long_syntax = (
        WEB
        + "    volumes:\n      - {type: tmpfs, target: /t}\n      - {type: bind, source: /x, target: /t}\n"
    )
    with pytest.raises(ComposeError) as caught:
        load(long_syntax)
    assert caught.value.key == "services.web.volumes[1]"
    assert load(WEB + "    volumes: ['/a:/t', '/a:/u']\n").services["shop_web"]  # one source twice is fine


@pytest.mark.parametrize(
    ("more", "key", "words"),
    [
        ("    deploy:\n      resources:\n        reservations: {cpus: '0.0001'}\n",
         "services.web.deploy.resources.reservations.cpus", "at least 0.001"),
        ("    deploy:\n      resources:\n        limits: {memory: 1M}\n",
         "services.web.deploy.resources.limits.memory", "at least 4M"),
        ("    ports: ['8080:80']\n    deploy: {endpoint_mode: dnsrr}\n",
         "services.web.deploy.endpoint_mode", "ingress mode"),
        ("    ports: ['18777:80', '18777:81']\n", "services.web.ports", "18777/tcp is published twice"),
        ("    deploy:\n      placement:\n        constraints: [node=foo]\n",
         "services.web.deploy.placement.constraints[0]", "needs an operator"),
        ("    deploy:\n      placement:\n        constraints: ['a==b']\n",
         "services.web.deploy.placement.constraints[0]", "the key “a” is not valid"),
    ],
)  # fmt: skip
def test_what_the_engine_refuses_after_docker_created_the_networks_is_refused_first(more, key, words):
    """Tried with docker 28.2.2 on the test swarm (docker/cli's full example found the first): docker
    creates the app's networks, secrets and configs, then the engine refuses the service (swarmkit's
    validateResources, validateEndpointSpec, constraint.Parse). We refuse the file before anything is
    created."""
    with pytest.raises(ComposeError) as caught:
        load(WEB + more)
    assert caught.value.key == key and words in caught.value.reason


def test_what_the_engine_takes_passes_those_checks():
    plan = load(
        WEB + "    ports: ['8080:80', '8080:80/udp', {target: 81, published: 8081, mode: host}]\n"
        "    deploy:\n      resources:\n        limits: {cpus: '0.001', memory: 4M}\n"
        "      placement:\n        constraints: ['node.role == manager', 'node.labels.zone!=eu-west-1']\n"
    )
    assert (
        plan.services["shop_web"]["TaskTemplate"]["Placement"]["Constraints"][1]
        == "node.labels.zone!=eu-west-1"
    )
    assert load(
        WEB + "    ports: [{target: 80, published: 80, mode: host}]\n    deploy: {endpoint_mode: dnsrr}\n"
    )
