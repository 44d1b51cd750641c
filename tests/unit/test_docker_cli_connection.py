"""Which engine the connection flags and environment name, rule by rule as the docker CLI 28 resolves
them (cli/command/cli.go resolveContextName, cli/flags/options.go, opts/hosts.go ParseHost). Each
expectation was checked against `docker ... context inspect default` of docker 28.2."""

import hashlib
import json
import subprocess
import sys

import pytest

from crane_desktop.cli import build_parser, main
from crane_desktop.connection import flags_from_args, resolve_args
from crane_desktop.engine.errors import ProfileInvalid
from crane_desktop.engine.profiles import ConnectionFlags, from_cli_flags, parse_host, resolve


def write_context(config_dir, name, host):
    meta = config_dir / "contexts" / "meta" / hashlib.sha256(name.encode()).hexdigest()
    meta.mkdir(parents=True)
    (meta / "meta.json").write_text(json.dumps({"Name": name, "Endpoints": {"docker": {"Host": host}}}))


@pytest.fixture
def config(tmp_path):
    """A docker config directory with contexts `ctx-flag`, `ctx-env`, `ctx-file` and currentContext."""
    directory = tmp_path / "docker"
    for name in ("ctx-flag", "ctx-env", "ctx-file"):
        write_context(directory, name, f"tcp://{name}:2376")
    (directory / "config.json").write_text(json.dumps({"currentContext": "ctx-file"}))
    return directory


def certs(directory, *names):
    directory.mkdir(parents=True, exist_ok=True)
    for name in names:
        (directory / f"{name}.pem").write_text(name)
    return directory


def test_context_flag_wins_over_everything(config):
    env = {"DOCKER_CONFIG": str(config), "DOCKER_HOST": "tcp://env:2376", "DOCKER_CONTEXT": "ctx-env"}
    resolved = resolve(ConnectionFlags(context="ctx-flag"), env)
    assert (resolved.profile.managers, resolved.source) == (("tcp://ctx-flag:2376",), "--context")


def test_host_flag_wins_over_docker_host_and_contexts(config):
    env = {"DOCKER_CONFIG": str(config), "DOCKER_HOST": "tcp://env:2376", "DOCKER_CONTEXT": "ctx-env"}
    resolved = resolve(ConnectionFlags(hosts=("tcp://flag:2376",)), env)
    assert (resolved.profile.managers, resolved.source) == (("tcp://flag:2376",), "-H")


def test_docker_host_wins_over_docker_context_and_the_config_file(config):
    env = {"DOCKER_CONFIG": str(config), "DOCKER_HOST": "tcp://env:2376", "DOCKER_CONTEXT": "ctx-env"}
    resolved = resolve(ConnectionFlags(), env)
    assert (resolved.profile.managers, resolved.source) == (("tcp://env:2376",), "DOCKER_HOST")


def test_docker_context_wins_over_the_config_file(config):
    resolved = resolve(ConnectionFlags(), {"DOCKER_CONFIG": str(config), "DOCKER_CONTEXT": "ctx-env"})
    assert (resolved.profile.managers, resolved.source) == (("tcp://ctx-env:2376",), "DOCKER_CONTEXT")


def test_current_context_of_the_config_file_in_docker_config(config):
    resolved = resolve(ConnectionFlags(), {"DOCKER_CONFIG": str(config)})
    assert (resolved.profile.managers, resolved.source) == (("tcp://ctx-file:2376",), "config file")


def test_config_flag_names_the_config_directory(config, tmp_path):
    resolved = resolve(ConnectionFlags(config=str(config)), {"DOCKER_CONFIG": str(tmp_path / "other")})
    assert resolved.profile.managers == ("tcp://ctx-file:2376",)


def test_nothing_given_means_the_local_engine(tmp_path):
    resolved = resolve(ConnectionFlags(), {"DOCKER_CONFIG": str(tmp_path)})
    assert (resolved.profile.managers, resolved.source) == (("unix:///var/run/docker.sock",), "default")
    assert resolved.profile.tls is None
    # the window offers its connect dialog instead of the local engine when nothing names one
    assert from_cli_flags(env={"DOCKER_CONFIG": str(tmp_path)}) is None


def test_the_default_context_by_name_is_docker_host_or_the_local_engine(tmp_path):
    env = {"DOCKER_CONFIG": str(tmp_path)}
    assert resolve(ConnectionFlags(context="default"), env).profile.managers == (
        "unix:///var/run/docker.sock",
    )
    with_host = {**env, "DOCKER_HOST": "tcp://env:2376"}
    assert resolve(ConnectionFlags(context="default"), with_host).profile.managers == ("tcp://env:2376",)
    assert resolve(ConnectionFlags(), {**env, "DOCKER_CONTEXT": "default"}).profile.managers == (
        "unix:///var/run/docker.sock",
    )


def test_host_and_context_together_are_refused_with_dockers_message():
    with pytest.raises(ProfileInvalid) as raised:
        resolve(ConnectionFlags(hosts=("tcp://m:2376",), context="prod"), {})
    assert raised.value.message == "conflicting options: cannot specify both --host and --context"


def test_more_than_one_host_is_refused_with_dockers_message():
    with pytest.raises(ProfileInvalid) as raised:
        resolve(ConnectionFlags(hosts=("tcp://a:2376", "tcp://b:2376")), {})
    assert raised.value.message == "Specify only one -H"


def test_a_context_that_does_not_exist_is_named(tmp_path):
    with pytest.raises(ProfileInvalid) as raised:
        resolve(ConnectionFlags(), {"DOCKER_CONFIG": str(tmp_path), "DOCKER_CONTEXT": "ghost"})
    assert "ghost" in raised.value.message


@pytest.mark.parametrize("value", ["1", "0", "false", "no"])
def test_docker_tls_verify_set_to_anything_verifies(tmp_path, value):
    env = {"DOCKER_HOST": "tcp://m:2376", "DOCKER_TLS_VERIFY": value, "DOCKER_CERT_PATH": str(tmp_path)}
    tls = resolve(ConnectionFlags(), env).profile.tls
    assert tls is not None and tls.verify is True


def test_empty_docker_tls_verify_is_unset():
    assert (
        resolve(ConnectionFlags(), {"DOCKER_HOST": "tcp://m:2376", "DOCKER_TLS_VERIFY": ""}).profile.tls
        is None
    )


@pytest.mark.parametrize("value", ["1", "0"])
def test_docker_tls_set_to_anything_means_tls_without_verification(tmp_path, value):
    env = {"DOCKER_HOST": "tcp://m:2376", "DOCKER_TLS": value, "DOCKER_CERT_PATH": str(tmp_path)}
    tls = resolve(ConnectionFlags(), env).profile.tls
    assert tls is not None and tls.verify is False


def test_tls_without_certificate_files_uses_no_client_certificate(tmp_path):
    ca_only = certs(tmp_path / "ca-only", "ca")
    tls = resolve(
        ConnectionFlags(hosts=("tcp://m:2376",), tls=True), {"DOCKER_CERT_PATH": str(ca_only)}
    ).profile.tls
    assert (tls.ca, tls.cert, tls.key, tls.verify) == (str(ca_only / "ca.pem"), "", "", False)


def test_tls_files_default_to_the_cert_path_then_the_docker_config_directory(tmp_path):
    full = certs(tmp_path / "full", "ca", "cert", "key")
    flags = ConnectionFlags(hosts=("tcp://m:2376",), tlsverify=True)
    tls = resolve(flags, {"DOCKER_CERT_PATH": str(full)}).profile.tls
    assert (tls.ca, tls.cert, tls.key) == tuple(str(full / f"{n}.pem") for n in ("ca", "cert", "key"))
    assert resolve(flags, {"DOCKER_CONFIG": str(full)}).profile.tls == tls


def test_tls_file_flags_alone_do_not_turn_tls_on():
    assert resolve(ConnectionFlags(hosts=("tcp://m:2376",), tlscacert="/x/ca.pem"), {}).profile.tls is None


def test_explicit_tls_files_win_over_the_cert_path(tmp_path):
    full = certs(tmp_path / "full", "ca", "cert", "key")
    flags = ConnectionFlags(hosts=("tcp://m:2376",), tls=True, tlscacert="/x/ca.pem", tlscert="/x/c.pem")
    tls = resolve(flags, {"DOCKER_CERT_PATH": str(full)}).profile.tls
    assert (tls.ca, tls.cert, tls.key) == ("/x/ca.pem", "/x/c.pem", str(full / "key.pem"))


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["--tlsverify=false"], {}, (True, False)),  # given at all: TLS on; false: not verified
        (["--tlsverify=false"], {"DOCKER_TLS_VERIFY": "1"}, (True, False)),  # the flag wins
        (["--tlsverify=True"], {}, (True, True)),
        (["--tlsverify=0", "--tls=f"], {}, (True, False)),
        (["--tls=false"], {"DOCKER_TLS": "1"}, (False, False)),  # the flag wins over DOCKER_TLS
        (["--tls=1"], {}, (True, False)),
        ([], {"DOCKER_TLS_VERIFY": "0"}, (True, True)),  # the variable set to anything: verify
        ([], {}, (False, False)),
    ],
)
def test_tls_flags_take_go_booleans_as_the_docker_cli(argv, env, expected, tmp_path):
    """`docker -H tcp://m:2376 --tlsverify=false` (pflag's bools, cli/flags SetDefaultOptions)."""
    args = build_parser().parse_args(["-H", "tcp://m:2376", *argv, "stack", "rm", "shop"])
    tls = resolve_args_env(args, {"DOCKER_CERT_PATH": str(tmp_path), **env})
    assert (tls is not None, bool(tls and tls.verify)) == expected


def resolve_args_env(args, env):
    return resolve(flags_from_args(args), env).profile.tls


def test_a_tls_flag_takes_no_separate_value():
    args = build_parser().parse_args(["-H", "tcp://m:2376", "--tlsverify", "stack", "rm", "false"])
    assert (args.tlsverify, args.names) == (True, ["false"])
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--tlsverify=maybe", "stack", "rm", "shop"])


@pytest.mark.parametrize(
    ("value", "tls", "endpoint"),
    [
        ("", False, "unix:///var/run/docker.sock"),
        ("", True, "tcp://localhost:2376"),
        ("m", False, "tcp://m:2375"),
        ("m:2376", False, "tcp://m:2376"),
        ("tcp://m", True, "tcp://m:2375"),
        ("tcp://:2376", False, "tcp://localhost:2376"),
        (":2376", False, "tcp://localhost:2376"),
        ("  tcp://m:1  ", False, "tcp://m:1"),
        ("unix://", False, "unix:///var/run/docker.sock"),
        ("unix:///x/y.sock", False, "unix:///x/y.sock"),
        ("ssh://u@h", False, "ssh://u@h"),
        ("http://m:1", False, "http://m:1"),  # left for validate() to refuse
    ],
)
def test_hosts_are_read_as_docker_reads_them(value, tls, endpoint):
    assert parse_host(value, tls) == endpoint


def test_global_flags_before_the_command_reach_it():
    args = build_parser().parse_args(["-H", "tcp://m:2376", "--tlsverify", "stack", "rm", "shop"])
    assert (args.host, args.tlsverify, args.names) == (["tcp://m:2376"], True, ["shop"])
    after = build_parser().parse_args(["stack", "rm", "-H", "tcp://m:2376", "--tls", "shop"])
    assert (after.host, after.tls, after.tlsverify) == (["tcp://m:2376"], True, None)
    mixed = build_parser().parse_args(["--tlsverify", "stack", "rm", "-H", "tcp://m:2376", "shop"])
    assert (mixed.host, mixed.tlsverify) == (["tcp://m:2376"], True)


def test_profile_flags_come_first(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"name": "p", "managers": ["unix:///run/p.sock"]}))
    args = build_parser().parse_args(["--profile-file", str(path), "-H", "tcp://m:2376", "stack", "rm", "x"])
    assert resolve_args(args).profile.managers == ("unix:///run/p.sock",)


def test_host_with_context_exits_as_docker(capsys):
    assert main(["-H", "tcp://m:2376", "--context", "prod", "stack", "rm", "shop"]) == 1
    assert "conflicting options: cannot specify both --host and --context" in capsys.readouterr().err


def test_help_lists_the_commands_and_the_environment():
    done = subprocess.run(
        [sys.executable, "-m", "crane_desktop", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    for word in ("stack", "deploy", "entrypoints", "DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"):
        assert word in done.stdout
    for word in ("DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS "):
        assert word in done.stdout


@pytest.mark.parametrize(
    ("argv", "command", "detach"),
    [
        (["stack", "deploy", "-c", "a.yml", "shop"], "deploy", True),
        (["stack", "up", "-d", "-c", "a.yml", "shop"], "up", True),
        (["stack", "deploy", "--detach", "-q", "-c", "a.yml", "shop"], "deploy", True),
        (["stack", "deploy", "--detach=true", "-c", "a.yml", "shop"], "deploy", True),
        (["stack", "deploy", "--detach=false", "-c", "a.yml", "shop"], "deploy", False),
        (["stack", "rm", "shop"], "rm", True),
        (["stack", "down", "-d", "shop", "blog"], "down", True),
        (["stack", "remove", "--detach=false", "shop"], "remove", False),
    ],
)
def test_stack_takes_docker_s_aliases_and_flags(argv, command, detach):
    """docker stack deploy/up (-d, --detach[=bool], -q) and rm/remove/down (-d, several stacks)."""
    args = build_parser().parse_args(argv)
    assert (args.stack_command, args.detach) == (command, detach)
    if command in ("rm", "down", "remove"):
        assert args.names == [word for word in argv[2:] if not word.startswith("-")]


def test_deploy_detach_false_is_refused_in_words(capsys, tmp_path):
    """docker would wait for the services to converge; we say we do not, and send nothing."""
    path = tmp_path / "a.yml"
    path.write_text("services:\n  web:\n    image: busybox\n")
    assert main(["stack", "deploy", "--detach=false", "-c", str(path), "shop"]) == 1
    assert "--detach=false (wait for the services to converge) is not supported" in capsys.readouterr().err
