"""docker's list output rules, without an engine: its tab-aligned tables, JSON lines, durations, port
ranges, image names and task ordering (the engine-backed comparison with the docker CLI itself is in
tests/integration/test_stack_lists.py)."""

from datetime import UTC, datetime, timedelta

import pytest

from crane_desktop.commands.docker_output import (
    FormatError,
    display_image,
    go_json,
    human_duration,
    natural_key,
    render,
    tabwrite,
)
from crane_desktop.commands.stack_rows import LS_HEADERS, LS_TABLE, ingress_ports, task_rows


def test_tables_pad_every_cell_but_the_last_to_at_least_ten():
    assert tabwrite([["NAME", "SERVICES"], ["demo", "3"]]) == "NAME      SERVICES\ndemo      3\n"
    assert tabwrite([["ID", "IMAGE", "PORTS"], ["0123456789ab", "busybox:1", ""]]) == (
        "ID             IMAGE       PORTS\n0123456789ab   busybox:1   \n"
    )


def test_json_lines_as_go_writes_them():
    assert go_json({"b": '<a>&"\n', "a": "…"}) == '{"a":"…","b":"\\u003ca\\u003e\\u0026\\"\\n"}'
    assert render("json", LS_HEADERS, [{"Name": "a", "Services": "2"}]) == '{"Name":"a","Services":"2"}\n'


def test_templates_and_unknown_fields():
    rows = [{"Name": "a", "Services": "2"}]
    assert render("{{.Name}}:{{ .Services }}", LS_HEADERS, rows) == "a:2\n"
    assert render("table {{.Name}}", LS_HEADERS, rows) == "NAME\na\n"
    assert render(LS_TABLE, LS_HEADERS, rows) == "NAME      SERVICES\na         2\n"
    with pytest.raises(FormatError):
        render("{{.Nope}}", LS_HEADERS, rows)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.4, "less than a second"),
        (1, "1 second"),
        (59, "59 seconds"),
        (61, "about a minute"),
        (150, "2 minutes"),
        (3600, "about an hour"),
        (5 * 3600, "5 hours"),
        (3 * 86400, "3 days"),
        (20 * 86400, "2 weeks"),
        (90 * 86400, "3 months"),
    ],
)
def test_durations_as_go_units(seconds, text):
    assert human_duration(seconds) == text


def port(published, target, protocol="tcp", mode="ingress"):
    return {"PublishedPort": published, "TargetPort": target, "Protocol": protocol, "PublishMode": mode}


def test_ingress_ports_are_grouped_into_ranges_as_docker():
    assert ingress_ports([port(80, 80), port(81, 81), port(82, 80)]) == "*:80-81->80-81/tcp, *:82->80/tcp"
    assert ingress_ports([port(81, 80), port(80, 80)]) == "*:80-81->80/tcp"
    assert ingress_ports([port(53, 53, "udp"), port(8080, 80), port(9000, 9000, mode="host")]) == (
        "*:8080->80/tcp, *:53->53/udp"
    )


def test_images_lose_digest_and_docker_hub_prefix_when_tagged():
    assert display_image("docker.io/library/nginx:1.25@sha256:abc") == "nginx:1.25"
    assert display_image("docker.io/acme/web:2") == "acme/web:2"
    assert display_image("nginx@sha256:abc") == "nginx@sha256:abc"
    assert display_image("127.0.0.1:5000/crane/busybox:1") == "127.0.0.1:5000/crane/busybox:1"


def test_names_sort_naturally():
    assert sorted(["web10", "web2", "api"], key=natural_key) == ["api", "web2", "web10"]


def task(task_id, slot, created, state="running", err=""):
    return {
        "ID": task_id,
        "ServiceID": "svc",
        "Slot": slot,
        "NodeID": "n1",
        "CreatedAt": created,
        "DesiredState": state,
        "Spec": {"ContainerSpec": {"Image": "docker.io/library/busybox:1@sha256:x"}},
        "Status": {"State": state, "Timestamp": "2026-01-01T00:00:00Z", "Err": err},
    }


def test_tasks_of_a_slot_newest_first_older_ones_indented_in_tables():
    tasks = [
        task(
            "old0000000000000", 1, "2026-01-01T00:00:00Z", "shutdown", "No such image: registry.example/x:1"
        ),
        task("new0000000000000", 1, "2026-01-01T00:01:00Z"),
        task("two0000000000000", 2, "2026-01-01T00:00:30Z"),
    ]
    now = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=5)
    rows = task_rows(tasks, {"svc": "app_web"}, {"n1": "node-1"}, now=now)
    assert [r["Name"] for r in rows] == ["app_web.1", " \\_ app_web.1", "app_web.2"]
    assert rows[0]["ID"] == "new000000000" and rows[0]["Image"] == "busybox:1"
    assert rows[0]["CurrentState"] == "Running 5 seconds ago" and rows[0]["Node"] == "node-1"
    assert rows[1]["Error"] == '"No such image: registry.examp…"'
    plain = task_rows(tasks, {}, {}, now=now, trunc=False, table=False)
    assert [r["Name"] for r in plain] == ["svc.1", "svc.1", "svc.2"]
    assert plain[1]["Error"] == '"No such image: registry.example/x:1"' and plain[1]["Node"] == "n1"
