"""What our command line prints for compose files, compared byte for byte with the docker CLI
installed beside the tests (28.x): the options stack deploy ignores. docker loads and checks the
files before it connects, so an address nothing listens on is enough: no daemon is needed."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest

from crane_desktop.cli import build_parser, main
from crane_desktop.commands import stack
from crane_desktop.engine import compose

IGNORED = Path(__file__).resolve().parent.parent / "fixtures" / "compose" / "ignored"


def docker(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The docker CLI with no context of its own, pointed at a port nothing listens on."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
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
