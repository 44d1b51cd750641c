"""The deploy form's secrets and configs: docker's long syntax a line (source, target, uid, gid, mode),
checked before anything is sent (octal mode, numeric owner, one target once, a name the swarm has),
written as compose's long syntax of external objects, and read back from a spec for the update form."""

from __future__ import annotations

from dataclasses import replace

import pytest
import yaml

from crane_desktop.engine import service_form
from crane_desktop.engine.service_form import ServiceForm, validate

SWARM = {"secrets": {"db_pw", "api_key"}, "configs": {"site_tmpl"}}


def form(**fields) -> ServiceForm:
    return replace(ServiceForm(name="web", image="busybox:1"), **fields)


def test_long_and_short_lines_become_the_engines_references():
    spec = service_form.to_spec(
        form(
            secrets=["source=db_pw,target=/run/db,uid=1000,gid=1000,mode=0400", "api_key"],
            configs=["src=site_tmpl,target=/etc/site.conf,mode=440"],
        )
    )
    container = spec["TaskTemplate"]["ContainerSpec"]
    assert container["Secrets"] == [
        {"File": {"Name": "api_key", "UID": "0", "GID": "0", "Mode": 0o444}, "SecretName": "api_key"},
        {"File": {"Name": "/run/db", "UID": "1000", "GID": "1000", "Mode": 0o400}, "SecretName": "db_pw"},
    ]
    assert container["Configs"] == [
        {"File": {"Name": "/etc/site.conf", "UID": "0", "GID": "0", "Mode": 0o440}, "ConfigName": "site_tmpl"}
    ]
    document = yaml.safe_load(service_form.to_compose(form(configs=["site_tmpl"])))
    assert document["configs"] == {"site_tmpl": {"external": True}}  # chosen from the swarm, not made


@pytest.mark.parametrize(
    ("key", "lines", "why"),
    [
        ("secrets", ["source=db_pw,mode=0999"], "Line 1 (“source=db_pw,mode=0999”): the mode is octal"),
        (
            "secrets",
            ["db_pw", "source=api_key,mode=rw"],
            "Line 2 (“source=api_key,mode=rw”): the mode is octal",
        ),
        ("secrets", ["source=db_pw,uid=root"], "uid and gid are numbers"),
        ("secrets", ["source=db_pw,gid=-1"], "uid and gid are numbers"),
        ("secrets", ["target=/run/x"], "write a name, or source=name,target=path"),
        ("secrets", ["source=db_pw,owner=me"], "write a name, or source=name,target=path"),
        ("secrets", ["source=db_pw,target="], "the target is empty"),
        ("secrets", ["source=db_pw,target=x", "source=api_key,target=x"], "another line uses the target x"),
        ("secrets", ["missing"], "Line 1 (“missing”): the swarm has no secret of that name."),
        ("configs", ["db_pw"], "Line 1 (“db_pw”): the swarm has no config of that name."),
    ],
)
def test_each_bad_line_is_refused_naming_it(key, lines, why):
    problems = validate(form(**{key: lines}), SWARM)
    template, params = problems[key]
    assert why in template.format(**params)


def test_a_secret_and_a_config_may_share_a_file_name_and_unknown_names_wait_for_the_swarm():
    """Relative targets land apart (/run/secrets/, /); without the swarm's names only the syntax counts."""
    assert validate(form(secrets=["db_pw"], configs=["source=site_tmpl,target=db_pw"]), SWARM) == {}
    assert validate(form(secrets=["not_yet_known"])) == {}


def test_the_update_form_reads_the_references_back_and_changes_only_them():
    spec = service_form.to_spec(form(secrets=["source=db_pw,target=/run/db,mode=0400"], env=["A=1"]))
    spec["TaskTemplate"]["ContainerSpec"]["Secrets"][0]["SecretID"] = "s1"  # as the engine holds it
    before = service_form.from_spec(spec)
    assert before.secrets == ["source=db_pw,target=/run/db,mode=0400"] and before.configs == []
    assert service_form.updated_spec(spec, before, before) == spec
    after = replace(before, configs=["site_tmpl"])
    new = service_form.updated_spec(spec, before, after)
    assert new["TaskTemplate"]["ContainerSpec"]["Secrets"] == spec["TaskTemplate"]["ContainerSpec"]["Secrets"]
    assert new["TaskTemplate"]["ContainerSpec"]["Configs"] == [
        {"File": {"Name": "site_tmpl", "UID": "0", "GID": "0", "Mode": 0o444}, "ConfigName": "site_tmpl"}
    ]


def test_an_edit_of_the_configs_keeps_a_credential_specs_runtime_config():
    spec = service_form.to_spec(form(configs=["site_tmpl"]))
    runtime = {"ConfigID": "c9", "ConfigName": "cred", "Runtime": {}}
    spec["TaskTemplate"]["ContainerSpec"]["Configs"].append(runtime)
    before = service_form.from_spec(spec)
    assert before.configs == ["site_tmpl"]  # not a file: not a line
    new = service_form.updated_spec(spec, before, replace(before, configs=[]))
    assert new["TaskTemplate"]["ContainerSpec"]["Configs"] == [runtime]


def test_a_line_with_a_file_makes_a_new_object_named_as_written(tmp_path):
    site = tmp_path / "site.tmpl"
    site.write_text("server_name {{.Service.Name}};\n")
    line = f"source=site_v1,file={site},template_driver=golang,target=/etc/site.conf"
    assert validate(form(configs=[line]), SWARM) == {}
    document = yaml.safe_load(service_form.to_compose(form(configs=[line])))
    assert document["configs"] == {
        "site_v1": {"name": "site_v1", "file": str(site), "template_driver": "golang"}
    }
    made = service_form.new_objects(form(configs=[line]))
    assert made == {
        "configs": {
            "site_v1": {
                "Name": "site_v1",
                "Labels": {},
                "Data": b"server_name {{.Service.Name}};\n",
                "Templating": {"Name": "golang"},
            }
        }
    }
    in_app = service_form.new_objects(form(app="shop", configs=[line]))
    assert in_app["configs"]["site_v1"]["Labels"] == {"com.docker.stack.namespace": "shop"}
    ref = service_form.to_spec(form(configs=[line]))["TaskTemplate"]["ContainerSpec"]["Configs"][0]
    assert (ref["ConfigName"], ref["File"]["Name"]) == ("site_v1", "/etc/site.conf")


def test_a_new_objects_file_is_checked_before_anything_is_sent(tmp_path):
    bad = tmp_path / "bad.tmpl"
    bad.write_text("{{.Service.Name}\n")
    big = tmp_path / "big"
    big.write_bytes(b"x" * 600_000)
    cases = {
        f"source=site_tmpl,file={bad}": "the swarm has one of that name already",
        f"source=new,file={bad},template_driver=golang": "the template is not valid, line 1: a “{{”",
        f"source=new,file={bad},template_driver=jinja": "“jinja” is not a templating driver the engine knows",
        f"source=new,file={big}": "is over 500 KB",
        f"source=new,file={tmp_path / 'gone'}": f"cannot read {tmp_path / 'gone'}: No such file or directory",
        "source=site_tmpl,template_driver=golang": "template_driver= goes with file=",
        "source=new,file=": "file= needs a path",
    }
    for line, why in cases.items():
        template, params = validate(form(configs=[line]), SWARM)["configs"]
        assert why in template.format(**{k: str(v) for k, v in params.items()}), line
