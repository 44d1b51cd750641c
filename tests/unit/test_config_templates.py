"""A golang-templated config is read before it is created: the engine takes any data and fails only when
a task starts (checked on the test swarm: "failed to expand templated config …: bad character U+007D"),
so the mistakes Go's parser finds, and fields swarmkit's context does not have, are refused first."""

from __future__ import annotations

from pathlib import Path

import pytest

from crane_desktop.engine import compose
from crane_desktop.engine.compose import ComposeError
from crane_desktop.engine.errors import EngineError
from crane_desktop.engine.object_data import MAX_BYTES, template_problem
from crane_desktop.engine.secrets_configs import check_new


def problem(text: str) -> str:
    found = template_problem(text.encode())
    return "" if found is None else f"line {found.line}: {found.reason}"


@pytest.mark.parametrize(
    "text",
    [
        "server_name {{.Service.Name}}; # {{.Node.Hostname}} {{.Node.Platform.OS}} slot {{.Task.Slot}}",
        '{{if eq .Task.Slot "1"}}primary{{else}}replica{{end}}',
        '{{index .Service.Labels "com.example.zone"}} {{ secret "db_pw" }} {{env "HOME"}}',
        "{{range $key, $value := .Service.Labels}}{{$key}}={{$value}} {{.Anything}}{{end}}",
        '{{/* a comment */}}{{- printf "%s}}" .Service.ID -}} plain } and { text',
    ],
)
def test_templates_the_engine_expands_pass(text):
    assert problem(text) == ""


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("a\nb {{.Service.Name}", "line 2: a “{{” is not closed by “}}”."),
        ("{{.Service.Nmae}}", "line 1: .Service.Nmae is not in a config's template data"),
        ("{{if .Service.Name}}x\n", "line 2: “{{if}}” is not closed by “{{end}}”."),
        ("x{{end}}", "line 1: “{{end}}” closes nothing."),
        ("{{upper .Service.Name}}", "line 1: the function “upper” does not exist."),
        ("{{ (len .Service.Name }}", "line 1: a “(” is not closed."),
        ("{{ }}", "line 1: an empty action “{{ }}”."),
        ("{{ .Service.Name ; }}", "line 1: “;” (U+003B) cannot stand there."),
        ("{{else}}", "line 1: “{{else}}” is outside an if, range or with."),
        ("{{/* open }}", "line 1: a /* comment */ is not closed."),
    ],
)
def test_template_mistakes_are_named_with_their_line(text, why):
    assert problem(text).startswith(why)


def test_a_config_is_checked_with_its_driver_a_secret_and_plain_data_are_not():
    with pytest.raises(EngineError, match=r"The template is not valid, line 1: a “\{\{” is not closed"):
        check_new("config", "c", b"{{.Service.Name}", [], "golang")
    with pytest.raises(EngineError, match="“jinja” is not a templating driver the engine knows"):
        check_new("config", "c", b"x", [], "jinja")
    check_new("config", "c", b"{{.Service.Name}", [])  # plain data: braces are text
    check_new("secret", "s", b"{{", [])


def test_compose_refuses_a_bad_template_and_an_oversized_file_at_their_lines(tmp_path: Path):
    (tmp_path / "bad.tmpl").write_text("{{.Service.Name}\n")
    (tmp_path / "big").write_bytes(b"x" * (MAX_BYTES + 1))
    text = (
        "version: '3.8'\nservices:\n  web:\n    image: nginx\n    configs: [site]\n"
        "configs:\n  site:\n    file: ./bad.tmpl\n    template_driver: golang\n"
    )
    with pytest.raises(ComposeError) as error:
        compose.load(text, "shop", working_dir=tmp_path, environ={})
    assert (error.value.line, error.value.key) == (8, "configs.site.file")
    assert "the template is not valid, line 1" in error.value.reason
    with pytest.raises(ComposeError, match="“jinja” is not a templating driver"):
        compose.load(text.replace("golang", "jinja"), "shop", working_dir=tmp_path, environ={})
    with pytest.raises(ComposeError, match="the file is over 500 KB"):
        compose.load(text.replace("./bad.tmpl", "./big").replace("    template_driver: golang\n", ""),
                     "shop", working_dir=tmp_path, environ={})  # fmt: skip
    plan = compose.load(
        text.replace("bad.tmpl", "good.tmpl"), "shop", working_dir=_good(tmp_path), environ={}
    )
    assert plan.configs["shop_site"]["Templating"] == {"Name": "golang"}


def _good(folder: Path) -> Path:
    (folder / "good.tmpl").write_text("{{.Service.Name}}\n")
    return folder
