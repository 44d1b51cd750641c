"""The GitHub workflow (.github/workflows/ci.yml), read as a reviewer reads it: it cannot run here, so
what issue 17 asks of it is checked on the file itself. Actions pinned by commit; checkouts keep no
credentials; runs on main and on tags are never cancelled; the swarm's daemon logs are copied out
before `testswarm down` deletes them (from where testswarm writes them) and uploaded on failure; a
release job on tags ships the wheel, the sdist and every installer."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
JOBS = WORKFLOW["jobs"]


def steps(job: str) -> list[dict]:
    return JOBS[job]["steps"]


def all_steps() -> list[dict]:
    return [step for job in JOBS for step in steps(job)]


def test_every_action_is_pinned_by_commit_and_checkouts_keep_no_credentials():
    used = [step["uses"] for step in all_steps() if "uses" in step]
    assert used
    for action in used:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
    checkouts = [step for step in all_steps() if step.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == len(JOBS)
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_runs_on_main_and_on_tags_are_never_cancelled():
    cancel = WORKFLOW["concurrency"]["cancel-in-progress"]
    assert "github.ref != 'refs/heads/main'" in cancel and "!startsWith(github.ref, 'refs/tags/')" in cancel
    assert "&&" in cancel and "||" not in cancel  # both must hold for a run to be cancelled


def test_the_daemon_logs_are_copied_out_before_the_swarm_goes_down():
    suite = steps("swarm-suite")
    names = [step.get("name", "") for step in suite]
    run_tests = next(i for i, step in enumerate(suite) if "./scripts/test" in step.get("run", ""))
    assert "KEEP_SWARM=1" in suite[run_tests]["run"]  # scripts/test leaves the swarm (and its logs) up
    copy = next(i for i, name in enumerate(names) if name.startswith("Copy the daemons' logs"))
    assert copy > run_tests and suite[copy]["if"] == "always()"
    script = suite[copy]["run"]
    assert script.index("dockerd.log") < script.index("testswarm down")
    assert script.index(".png") < script.index("testswarm down")  # the screenshots the name promises
    # where testswarm writes a node's log (node_log), under its default state directory
    testswarm = (ROOT / "scripts" / "testswarm").read_text(encoding="utf-8")
    assert """node_log() { printf '%s/node-%s/dockerd.log' "$STATE_DIR" "$1"; }""" in testswarm
    assert 'STATE_DIR="${CRANE_SWARM_DIR:-/var/lib/crane-testswarm$SUFFIX}"' in testswarm
    assert "/var/lib/crane-testswarm/node-*/dockerd.log" in script
    upload = next(
        step for step in suite[copy:] if step.get("uses", "").startswith("actions/upload-artifact@")
    )
    assert upload["if"] == "failure()" and upload["with"]["path"] == "ci-output/"


def test_a_tag_releases_the_wheel_the_sdist_and_every_installer():
    release = JOBS["release"]
    assert release["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert {"package", "swarm-suite"} <= set(release["needs"])
    assert "tags" in WORKFLOW[True]["push"]  # PyYAML reads the key `on` as True
    script = "\n".join(step.get("run", "") for step in release["steps"])
    assert "python -m build --outdir release/" in script
    for installer in ("'*.deb'", "'*.tar.gz'", "'*-setup.exe'", "'*.dmg'"):
        assert installer in script
    built = {entry["os"]: entry["artifacts"] for entry in JOBS["package"]["strategy"]["matrix"]["include"]}
    assert set(built) == {"ubuntu-22.04", "windows-2022", "macos-14"}
