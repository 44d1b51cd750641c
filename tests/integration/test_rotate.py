"""Rotating secrets and configs with `crane-desktop secret|config rotate` on the real swarm: every
service moves to the new version at the same target and the old one goes; a rollout that fails is
rolled back and the old version is kept; bad input is refused before anything is created."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from crane_desktop.engine import rotate, secrets_configs
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.secrets_configs import MAX_BYTES
from tests.integration.test_deploy_command import crane
from tests.swarm import IMAGE, docker, profile_path, unique, wait_until


@pytest.fixture
def objects(cluster):
    """Secrets and configs (by name) a test creates, and its services: all removed afterwards."""
    made: dict[str, list[str]] = {"service": [], "secret": [], "config": []}
    yield made
    for name in made["service"]:
        docker(1, "service", "rm", name, check=False)
    client = cluster.client
    wait_until(
        lambda: not [s for s in client.services() if s["Spec"]["Name"] in made["service"]],
        30,
        "services gone",
    )
    for kind in ("secret", "config"):
        for listed in client.secrets() if kind == "secret" else client.configs():
            if listed["Spec"]["Name"].startswith(tuple(made[kind])):
                docker(1, kind, "rm", listed["ID"], check=False)


def create_service(objects, cluster, options: list[str], command: list[str], name: str = "") -> str:
    name = name or unique("crane-rot-svc")
    objects["service"].append(name)
    docker(1, "service", "create", "-d", "--name", name, "--stop-grace-period", "0s",
           "--update-monitor", "1s", "--rollback-monitor", "1s", *options, IMAGE, *command)  # fmt: skip
    wait_until(
        lambda: [
            t for t in cluster.client.tasks(filters={"service": name}) if t["Status"]["State"] == "running"
        ],
        30,
        f"{name} running",
    )
    return name


def references(name: str, kind: str) -> list[dict]:
    key = "Secrets" if kind == "secret" else "Configs"
    spec = json.loads(docker(1, "service", "inspect", "--format", "{{json .Spec}}", name))
    return spec["TaskTemplate"]["ContainerSpec"][key]


def names(cluster, kind: str) -> set[str]:
    listed = cluster.client.secrets() if kind == "secret" else cluster.client.configs()
    return {item["Spec"]["Name"] for item in listed}


def test_a_secret_used_by_three_services_and_a_job_rotates_and_the_old_one_goes(objects, cluster, tmp_path):
    secret = unique("crane-rot-s")
    objects["secret"].append(secret)
    cluster.client.create_secret(secret, b"old password", labels={"team": "shop"})
    first = create_service(
        objects, cluster, ["--secret", f"source={secret},target=db_pw,mode=0400"], ["sleep", "3600"]
    )
    second = create_service(
        objects, cluster, ["--secret", f"source={secret},target=/run/other,uid=5,gid=6"], ["sleep", "3600"]
    )
    idle = unique("crane-rot-svc")  # scaled to zero: nothing to roll out, moved all the same
    objects["service"].append(idle)
    docker(1, "service", "create", "-d", "--name", idle, "--replicas", "0", "--secret", secret, IMAGE, "true")
    job = unique("crane-rot-job")  # a job has no rollout to follow: moved, and it runs again
    objects["service"].append(job)
    docker(
        1,
        "service",
        "create",
        "-d",
        "--name",
        job,
        "--mode",
        "replicated-job",
        "--secret",
        secret,
        IMAGE,
        "true",
    )
    new_file = tmp_path / "new"
    new_file.write_bytes(b"new password")

    result = crane("secret", "rotate", secret, "--file", str(new_file), "--profile-file", str(profile_path()))

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{secret} rotated" in result.stdout and "new password" not in result.stdout + result.stderr
    assert names(cluster, "secret") >= {f"{secret}-v2"} and secret not in names(cluster, "secret")
    [ref] = references(first, "secret")
    assert (ref["SecretName"], ref["File"]["Name"], ref["File"]["Mode"]) == (f"{secret}-v2", "db_pw", 0o400)
    [ref] = references(second, "secret")
    assert (ref["SecretName"], ref["File"]["Name"], ref["File"]["UID"], ref["File"]["GID"]) == (
        f"{secret}-v2", "/run/other", "5", "6",
    )  # fmt: skip
    assert references(idle, "secret")[0]["SecretName"] == f"{secret}-v2"
    assert references(job, "secret")[0]["SecretName"] == f"{secret}-v2"
    assert f"{job}: updated (A job: it runs again now, with the new version.)" in result.stdout
    # what will move and how, said before anything is created
    said = result.stdout.split(f"{secret}-v2: created")[0]
    assert f"{first}: waiting (Its update config: 1 at a time, stop-first, on failure pause.)" in said
    assert f"{idle}: waiting (No task runs: nothing to roll out.)" in said
    assert f"{job}: waiting (A job: no rollout; moving it runs it again.)" in said
    new = next(s for s in cluster.client.secrets() if s["Spec"]["Name"] == f"{secret}-v2")
    assert new["Spec"]["Labels"] == {"team": "shop"}


def test_a_config_that_breaks_one_service_is_rolled_back_and_kept(objects, cluster, tmp_path):
    config = unique("crane-rot-c")
    objects["config"].append(config)
    cluster.client.create_config(config, b"good")
    # Services are updated by name: the tolerant one first, the checking one second.
    prefix = unique("crane-rot-svc")
    tolerant = create_service(
        objects,
        cluster,
        ["--config", f"source={config},target=/etc/a.conf"],
        ["sleep", "3600"],
        f"{prefix}-a",
    )
    checking = create_service(
        objects, cluster,
        ["--config", f"source={config},target=/cfg", "--update-failure-action", "rollback"],
        ["sh", "-c", "grep -q good /cfg && exec sleep 3600"],
        f"{prefix}-b",
    )  # fmt: skip
    new_file = tmp_path / "bad"
    new_file.write_bytes(b"bad")

    result = crane("config", "rotate", config, "--file", str(new_file), "--profile-file", str(profile_path()))

    assert result.returncode == 4, result.stdout + result.stderr
    assert f"{config} kept" in result.stderr
    assert names(cluster, "config") >= {config, f"{config}-v2"}
    assert references(checking, "config")[0]["ConfigName"] == config  # rolled back: on the old config
    assert f"{checking}: rolled back to {config}" in result.stderr
    assert references(tolerant, "config")[0]["ConfigName"] == f"{config}-v2"
    assert f"{tolerant}: on {config}-v2" in result.stderr

    def running_again() -> bool:  # on the old config (the rollback's task may still be starting)
        tasks = cluster.client.tasks(filters={"service": checking, "desired-state": "running"})
        return [t["Status"]["State"] for t in tasks] == ["running"]

    wait_until(running_again, what=f"{checking} to run again on {config}")
    old_id = next(c["ID"] for c in cluster.client.configs() if c["Spec"]["Name"] == config)
    with pytest.raises(EngineError, match=f"The config is in use by {checking}: it cannot be removed"):
        secrets_configs.remove(cluster.client, "config", old_id)


def test_bad_input_is_refused_before_anything_is_created(objects, cluster, tmp_path):
    """Over 500 KB, a name taken, a template the engine would fail to expand (it takes any data at
    creation and fails every task that mounts it): refused, nothing created."""
    config = unique("crane-rot-b")
    objects["config"].append(config)
    cluster.client.create_config(config, b"v1")
    cluster.client.create_config(f"{config}-taken", b"x")
    big = tmp_path / "big"
    big.write_bytes(b"x" * (MAX_BYTES + 1))

    result = crane("config", "rotate", config, "--file", str(big), "--profile-file", str(profile_path()))

    assert result.returncode == 1
    assert "The config is over 500 KB: the engine takes at most 512000 bytes." in result.stderr
    with pytest.raises(EngineError, match="exists already"):
        rotate.plan_rotation(cluster.client, "config", config, b"v2", f"{config}-taken")
    # A templated config's new version is read as the engine would expand it at each task's start
    cluster.client.create_config(f"{config}-t", b"{{.Service.Name}}", templating={"Name": "golang"})
    bad = tmp_path / "bad.tmpl"
    bad.write_bytes(b"server {{.Service.Name}\n")
    result = crane(
        "config", "rotate", f"{config}-t", "--file", str(bad), "--profile-file", str(profile_path())
    )
    assert result.returncode == 1
    assert "The template is not valid, line 1: a “{{” is not closed by “}}”." in result.stderr
    with pytest.raises(EngineError, match=r"line 1: the function “upper” does not exist"):
        secrets_configs.create(
            cluster.client, "config", f"{config}-u", b"{{upper .Node.Hostname}}", {}, "golang"
        )
    assert names(cluster, "config") & {f"{config}-v2", f"{config}-t-v2", f"{config}-u"} == set()


def test_labels_change_and_nothing_else(objects, cluster):
    name = unique("crane-rot-l")
    objects["secret"].append(name)
    objects["config"].append(name)
    secret_id = secrets_configs.create(cluster.client, "secret", name, b"pw", {"a": "1"})
    config_id = secrets_configs.create(cluster.client, "config", name, b"{{.Service.Name}}", {}, "golang")
    secrets_configs.set_labels(cluster.client, "secret", secret_id, {"b": "2"})
    secrets_configs.set_labels(cluster.client, "config", config_id, {"c": "3"})
    assert cluster.client.inspect_secret(secret_id)["Spec"]["Labels"] == {"b": "2"}
    config = cluster.client.inspect_config(config_id)["Spec"]
    assert (config["Labels"], config["Templating"], config["Data"]) == (
        {"c": "3"},
        {"Name": "golang"},
        "e3suU2VydmljZS5OYW1lfX0=",
    )


def test_cancel_puts_the_service_being_updated_back_and_keeps_the_old_secret(objects, cluster):
    secret = unique("crane-rot-x")
    objects["secret"].append(secret)
    cluster.client.create_secret(secret, b"old")
    # A slow rollout (the new task must run 30 s before the update completes): cancelled well before.
    name = create_service(
        objects,
        cluster,
        ["--secret", f"source={secret},target=pw", "--update-monitor", "30s"],
        ["sleep", "3600"],
    )
    steps: list[rotate.Progress] = []
    plan = rotate.plan_rotation(cluster.client, "secret", secret, b"new")
    run = rotate.RotateRun(plan, steps.append)
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(run.run, cluster.client)
        wait_until(lambda: any(s.step == rotate.Step.UPDATING and s.note for s in steps), 20, "the rollout")
        run.cancel()
        outcome = running.result(timeout=60)

    assert outcome.cancelled and outcome.exit_code == 130 and not outcome.old_removed
    assert [s.step for s in steps if s.service_id][-1] == rotate.Step.CANCELLED
    assert references(name, "secret")[0]["SecretName"] == secret  # back on the old secret
    assert names(cluster, "secret") >= {secret, f"{secret}-v2"}  # both kept: nothing lost


def test_a_templated_secret_is_created_and_rotated_with_its_templating(objects, cluster):
    """A secret can be templated as a config can (`docker secret create --template-driver golang`):
    its new version is expanded the same way, and a bad template is refused in it too."""
    name = unique("crane-rot-ts")
    objects["secret"].append(name)
    secrets_configs.create(cluster.client, "secret", name, b"{{.Service.Name}}", {"a": "1"}, "golang")
    with pytest.raises(EngineError, match="The template is not valid, line 1"):
        rotate.plan_rotation(cluster.client, "secret", name, b"{{.Service.Name}")

    outcome = rotate.RotateRun(rotate.plan_rotation(cluster.client, "secret", name, b"{{.Task.Slot}}")).run(
        cluster.client
    )

    assert outcome.exit_code == 0 and outcome.old_removed
    new = cluster.client.inspect_secret(outcome.new_id)["Spec"]
    assert (new["Name"], new["Templating"], new["Labels"]) == (f"{name}-v2", {"Name": "golang"}, {"a": "1"})
