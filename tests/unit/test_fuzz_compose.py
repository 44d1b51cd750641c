"""R5: compose files, fuzzed. Whatever the text (valid or broken YAML, wrong types, unknown keys, huge
values, unicode, odd YAML tags, alias bombs), `compose.load` returns a plan the engine can take or
raises ComposeError naming the line or the key; never a raw Python exception."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from crane_desktop.engine import compose
from crane_desktop.engine.compose import ComposeError
from tests.unit.spec_limits import assert_numbers_fit

# CRANE_FUZZ_EXAMPLES=5000 for a deeper search than the suite's quick one
FUZZ = settings(
    max_examples=int(os.environ.get("CRANE_FUZZ_EXAMPLES", "250")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate]
    if "CRANE_FUZZ_EXAMPLES" in os.environ
    else tuple(Phase),
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A directory with a secret file and an env file, so file references can also succeed."""
    path = tmp_path_factory.mktemp("compose")
    (path / "secret.txt").write_text("s3cret")
    (path / "app.env").write_text("A=1\n# comment\nB\n")
    (path / "latin1.env").write_bytes(b"A=caf\xe9\n")
    return path


def assert_sendable(plan: compose.StackPlan) -> None:
    """What stacks.deploy would post: JSON without NaN, integers in range, ports that exist."""
    json.dumps([plan.services, plan.networks], allow_nan=False)
    assert_numbers_fit(plan.services)
    for name, spec in plan.services.items():
        assert name == spec["Name"]
        for port in spec["EndpointSpec"]["Ports"]:
            assert 1 <= port["TargetPort"] <= 65535
            assert 0 <= port["PublishedPort"] <= 65535


def check(text: str, workdir: Path, environ: dict[str, str] | None = None) -> compose.StackPlan | None:
    """Load; a refusal must be a ComposeError naming its line or key, with a message that formats.
    `stack config` of the same text prints YAML that reads back, or refuses the same way."""
    check_config(text, workdir, environ)
    try:
        plan = compose.load(text, "app", working_dir=workdir, environ=environ or {"SET": "v", "EMPTY": ""})
    except ComposeError as error:
        assert error.line > 0 or error.key, f"no line nor key: {error.message!r}"
        assert error.reason and error.message
        if error.reason_params:
            assert error.reason_template.format(**error.reason_params) == error.reason
        return None
    assert_sendable(plan)
    return plan


def check_config(text: str, workdir: Path, environ: dict[str, str] | None) -> None:
    path = workdir / "config-under-test.yml"
    try:
        path.write_text(text, encoding="utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no file can hold it
        return
    try:
        printed = compose.stack_config([path], environ or {"SET": "v", "EMPTY": ""})
    except ComposeError as error:
        assert error.line > 0 or error.key, f"no line nor key: {error.message!r}"
        return
    assert isinstance(yaml.load(printed, Loader=yaml.BaseLoader), dict)  # YAML (Go's: 2020-13-45 plain)


# -- strategies -----------------------------------------------------------------------------------
huge = st.sampled_from([2**31, 2**63, 2**64 + 1, 10**30, 10**400, -1, -(2**63) - 1])
weird_text = st.text(max_size=30) | st.sampled_from(
    ["", " ", "$", "$$", "${SET}", "${UNSET}", "${UNSET:-d}", "${UNSET:?needed}", "${", "数据", "\u200b",
     "é\u0301", "²", "٣", "𝟘", "\x85", "NaN", ".inf", "-.inf", "1e999", "yes", "~", "null"]
)  # fmt: skip
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | huge
    | st.floats(allow_nan=True, allow_infinity=True)
    | weird_text
)
anything = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(weird_text, inner, max_size=3),
    max_leaves=8,
)
number_text = (
    st.integers(0, 10**6).map(str)
    | huge.map(str)
    | st.floats(allow_nan=True, allow_infinity=True).map(repr)
    | st.sampled_from(["0", "0.5", ".5", "1.", "9" * 400, "²", "٣", "1_000", " 2 "])
)
duration = st.builds(
    lambda n, u: f"{n}{u}", number_text, st.sampled_from(["ns", "us", "µs", "ms", "s", "m", "h", "", "d"])
) | st.sampled_from(["1m30s", "0", "", "1h1h", "-5s", "5 s"])
size = st.builds(lambda n, u: f"{n}{u}", number_text, st.sampled_from(["", "b", "k", "M", "Gi", "GB", "x"]))
port_number = st.integers(1, 65535) | st.integers(1, 65535) | st.integers(-1, 70000) | huge
text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="$"), max_size=20
) | st.sampled_from(["", "数据", "\u200b", "é\u0301", "²", "٣", "𝟘", "NaN", "yes", "~", "null", "a=b", "web"])
short_port = st.builds(
    lambda p, t, last, proto: f"{p}:{t}{last}{proto}",
    port_number,
    port_number,
    st.sampled_from(["", "-81", "-99999999999", "-²"]),
    st.sampled_from(["", "/tcp", "/udp", "/sctp", "/icmp", "/TCP"]),
) | st.sampled_from(["80", "²", "80-", "a:b:c:80", ":80", "80:", "8080:80/tcp/udp"])
long_port = st.fixed_dictionaries(
    {},
    optional={
        "target": port_number | anything,
        "published": port_number | anything,
        "protocol": st.sampled_from(["tcp", "udp", "sctp", "quic"]) | anything,
        "mode": st.sampled_from(["host", "ingress", "bridge"]) | anything,
    },
)


def maybe(good: st.SearchStrategy) -> st.SearchStrategy:
    """A well-typed value (wrong types come from `mutated`)."""
    return good


def opt(**keys: st.SearchStrategy) -> st.SearchStrategy:
    return st.fixed_dictionaries({}, optional={k: maybe(v) for k, v in keys.items()})


labels = st.dictionaries(text, text | st.integers(), max_size=3) | st.lists(
    text.map(lambda t: f"k={t}") | text, max_size=3
)
policy = opt(
    parallelism=port_number,
    delay=duration,
    failure_action=st.sampled_from(["pause", "continue", "rollback", "explode"]),
    monitor=duration,
    max_failure_ratio=st.floats(allow_nan=True, allow_infinity=True) | number_text,
    order=st.sampled_from(["stop-first", "start-first", "middle"]),
)
resources = opt(
    limits=opt(cpus=number_text | st.floats(allow_nan=True, allow_infinity=True), memory=size, pids=huge),
    reservations=opt(cpus=number_text, memory=size | huge, generic_resources=anything),
)
deploy = opt(
    mode=st.sampled_from(["replicated", "global", "daemon"]),
    replicas=port_number | number_text,
    endpoint_mode=st.sampled_from(["vip", "dnsrr", "VIP", "nat"]),
    labels=labels,
    resources=resources,
    restart_policy=opt(
        condition=st.sampled_from(["none", "on-failure", "any", "always"]),
        delay=duration,
        max_attempts=port_number,
        window=duration,
    ),
    update_config=policy,
    rollback_config=policy,
    placement=opt(
        constraints=st.lists(text.map(lambda t: f"node.labels.z == {t}"), max_size=2),
        preferences=st.lists(opt(spread=text), max_size=2),
        max_replicas_per_node=port_number,
    ),
)
names = st.sampled_from(["front", "back", "default", "s", "missing", "数据", "x-y"])
volume_item = st.builds(
    lambda s, t, m: f"{s}{t}{m}",
    st.sampled_from(["", "data:", "./here:", "/abs:", "~/home:", "missing:", "a:b:"]),
    st.sampled_from(["/target", "", "rel", "/t\x00"]),
    st.sampled_from(["", ":ro", ":rw,nocopy", ":shared", ":weird", ":ro:ro"]),
) | opt(
    type=st.sampled_from(["volume", "bind", "tmpfs", "npipe"]),
    source=names | st.just("data"),
    target=st.just("/t"),
    read_only=st.booleans(),
    volume=opt(nocopy=st.booleans(), subpath=text),
    bind=opt(propagation=st.sampled_from(["rshared", "x"])),
    tmpfs=opt(size=size, mode=port_number),
)
service = st.fixed_dictionaries(
    {"image": maybe(st.sampled_from(["busybox:1", "127.0.0.1:5000/crane/busybox:1", "${SET}"]))},
    optional={
        "command": maybe(text | st.lists(text, max_size=3) | st.just("echo 'unclosed")),
        "entrypoint": maybe(st.lists(text, max_size=2)),
        "environment": maybe(
            st.dictionaries(st.sampled_from(["A", "SET", "UNSET", "b c"]), scalars, max_size=3) | labels
        ),
        "env_file": maybe(st.sampled_from(["app.env", "missing.env", "latin1.env", "nul\x00.env"])),
        "labels": maybe(labels),
        "ports": maybe(st.lists(short_port | long_port | port_number, max_size=3)),
        "networks": maybe(st.lists(names, max_size=2) | st.dictionaries(names, opt(aliases=st.lists(text)))),
        "volumes": maybe(st.lists(volume_item, max_size=2)),
        "secrets": maybe(
            st.lists(names | opt(source=names, target=text, mode=port_number, uid=scalars), max_size=2)
        ),
        "configs": maybe(st.lists(names, max_size=2)),
        "healthcheck": opt(
            test=text | st.lists(text, max_size=2),
            interval=duration,
            timeout=duration,
            retries=port_number,
            start_period=duration,
            disable=st.booleans(),
        ),
        "restart": maybe(st.sampled_from(["no", "always", "on-failure", "on-failure:3", "on-failure:²"])),
        "stop_grace_period": maybe(duration),
        "extra_hosts": maybe(labels),
        "dns": maybe(text),
        "sysctls": maybe(labels),
        "cap_add": maybe(st.lists(text, max_size=2)),
        "logging": opt(driver=text, options=labels),
        "tty": maybe(st.booleans()),
        "deploy": maybe(deploy),
        "x-extension": anything,
    },
)
top_object = opt(
    driver=text,
    external=st.booleans() | opt(name=text),
    name=text,
    file=st.sampled_from(["secret.txt", "missing.txt", "nul\x00.txt", "../../../../dev/null"]),
    labels=labels,
    ipam=opt(config=st.lists(opt(subnet=st.sampled_from(["10.9.0.0/24", "10.9.0.1/24", "x"])), max_size=2)),
)
document = st.fixed_dictionaries(
    {
        "services": st.dictionaries(
            st.sampled_from(["web", "db", "web", "db", "bad name"]), service, min_size=1, max_size=2
        )
    },
    optional={
        "version": maybe(st.sampled_from(["3", "3.8", 3.8, "3.9", "2"])),
        "networks": maybe(st.dictionaries(names, top_object | st.none(), max_size=2)),
        "volumes": maybe(st.dictionaries(st.sampled_from(["data", "missing"]), top_object, max_size=2)),
        "secrets": maybe(st.dictionaries(names, top_object | st.none(), max_size=2)),
        "configs": maybe(st.dictionaries(names, top_object, max_size=2)),
    },
)


def dump(doc: Any) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*path, i))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A generated document with up to two faults: a value of any type, an unknown key, a key gone."""
    doc = draw(document)
    for _ in range(draw(st.integers(0, 2))):
        path = draw(st.sampled_from(_paths(doc)))
        if not path:
            continue
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        fault = draw(st.sampled_from(["replace", "unknown", "delete"]))
        if fault == "replace":
            parent[path[-1]] = draw(anything)
        elif fault == "unknown" and isinstance(parent, dict):
            parent[draw(weird_text)] = draw(anything)
        elif isinstance(parent, dict):
            del parent[path[-1]]
    return doc


# -- properties -----------------------------------------------------------------------------------
@FUZZ
@given(mutated())
def test_generated_compose_documents(workdir, doc):
    check(dump(doc), workdir)


@FUZZ
@given(mutated(), st.data())
def test_broken_yaml_text(workdir, doc, data):
    """The text of a document, cut, spliced or sprinkled with characters."""
    text = dump(doc)
    start = data.draw(st.integers(0, len(text)), label="start")
    end = data.draw(st.integers(start, len(text)), label="end")
    insert = data.draw(
        st.text(max_size=4)
        | st.sampled_from(["\t", ": ", "- ", "{", "[", "*a", "&a ", "!!", "'", '"', "\x7f"]),
        label="insert",
    )
    check(text[:start] + insert + text[end:], workdir)


@FUZZ
@given(st.text(max_size=200))
@example("\x00")
@example("services:\n  web:\n    image: \x7f\n")
@example("\ud800")
def test_arbitrary_text(workdir, text):
    check(text, workdir)


TAGS = ["!!int", "!!float", "!!bool", "!!timestamp", "!!binary", "!!str", "!!null", "!!set", "!!omap",
        "!!python/name:os.system", "!!python/object/apply:os.getcwd", "!unknown", "!!map"]  # fmt: skip


@FUZZ
@given(
    st.sampled_from(TAGS),
    st.sampled_from(["abc", "12", "", "2020-13-45", "[a]", "{a: 1}", "=="]),
    st.integers(0, 2),
)
@example("!!int", "abc", 0)
@example("!!bool", "maybe", 1)
@example("!!timestamp", "abc", 2)
@example("!!python/name:os.system", "", 0)
def test_yaml_tags_on_values_and_keys(workdir, tag, value, where):
    """Explicit tags whose value does not fit (e.g. `!!int abc`) are the YAML's fault: refused at the line."""
    tagged = f"{tag} {value}"
    texts = [
        f"services:\n  web:\n    image: busybox\n    hostname: {tagged}\n",
        f"services:\n  web:\n    image: busybox\n    labels:\n      {tagged}: x\n",
        f"{tagged}\n",
    ]
    check(texts[where], workdir)


@FUZZ
@given(
    st.sampled_from(["hostname", "image", "command", "user"]),
    st.text(alphabet="${}:-?_aAzZ09 ", max_size=20),
)
def test_variable_interpolation(workdir, key, value):
    check(f"services:\n  web:\n    image: busybox\n    {key}: {json.dumps(value)}\n", workdir)


# -- regressions the fuzzers found ----------------------------------------------------------------
def refused(text: str, workdir: Path) -> ComposeError:
    with pytest.raises(ComposeError) as caught:
        compose.load(text, "app", working_dir=workdir, environ={})
    error = caught.value
    assert error.line > 0 or error.key
    return error


SERVICE = "services:\n  web:\n    image: busybox\n"
LIMITS = "services.web.deploy.resources.limits"


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ('a: "\\U99999999"\n', 1, ""),  # PyYAML's scanner: chr() ValueError
        ('a:\n  b: "\\UFFFFFFFF"\n', 2, ""),  # ... and OverflowError
        ("a: \x01\n", 1, ""),  # a control character: ReaderError used to escape raw
        ("services:\n  web: !!int abc\n", 2, "services.web"),  # ValueError from the int constructor
        ("services:\n  web: !!bool maybe\n", 2, "services.web"),  # KeyError from the bool constructor
        ("services:\n  web: !!timestamp abc\n", 2, "services.web"),  # AttributeError
        ("services:\n  web: !!python/name:os.system ''\n", 2, "services.web"),  # ConstructorError
        ("services:\n  ? !!int abc\n  : 1\n", 2, "services"),  # a key's tag
        ("services:\n  web: !!int ''\n", 2, "services.web"),  # IndexError
        ("services:\n  web:\n    image: 2020-13-45\n", 3, "services.web.image"),  # an impossible date
        ("services: {<<: 1}\n", 1, ""),  # a merge of a scalar
        (SERVICE + "    command: echo 'unclosed\n", 4, "services.web.command"),  # TypeError: reason=
        (SERVICE + "    env_file: missing.env\n", 4, "services.web.env_file"),  # the same TypeError
        (SERVICE + "    restart: on-failure:²\n", 4, "services.web.restart"),  # int("²")
        (SERVICE + "    ports: ['²:80']\n", 4, "services.web.ports[0]"),
        (SERVICE + "    ports: ['1-99999999999:1-99999999999']\n", 4, "services.web.ports[0]"),  # memory
        (SERVICE + "    ports: ['70000:80']\n", 4, "services.web.ports[0]"),
        (SERVICE + "    ports: [{target: 80, published: 70000}]\n", 4, "services.web.ports[0].published"),
        (SERVICE + f"    stop_grace_period: {'9' * 400}s\n", 4, "services.web.stop_grace_period"),
        (SERVICE + "    stop_grace_period: 300000000h\n", 4, "services.web.stop_grace_period"),
        (SERVICE + "    deploy: {resources: {limits: {cpus: .inf}}}\n", 4, f"{LIMITS}.cpus"),
        (SERVICE + "    deploy: {resources: {limits: {cpus: .nan}}}\n", 4, f"{LIMITS}.cpus"),
        (SERVICE + "    deploy: {resources: {limits: {cpus: 1e300}}}\n", 4, f"{LIMITS}.cpus"),
        (SERVICE + "    deploy: {resources: {limits: {memory: -1}}}\n", 4, f"{LIMITS}.memory"),
        (SERVICE + f"    deploy: {{resources: {{limits: {{memory: {'9' * 400}M}}}}}}\n", 4,
         f"{LIMITS}.memory"),
        (SERVICE + "    deploy: {replicas: 99999999999999999999999}\n", 4, "services.web.deploy.replicas"),
        (SERVICE + f"    deploy: {{replicas: {2**63}}}\n", 4, "services.web.deploy.replicas"),  # rounding
        (SERVICE + "    deploy: {update_config: {max_failure_ratio: .nan}}\n", 4,
         "services.web.deploy.update_config.max_failure_ratio"),
        (SERVICE + "    secrets: [s]\nsecrets:\n  s: just-a-string\n", 6, "secrets.s"),  # AttributeError
        (SERVICE + "    networks: [n]\nnetworks:\n  n: [a]\n", 6, "networks.n"),  # AttributeError
        (SERVICE + "    env_file: \"a\\0b\"\n", 4, "services.web.env_file"),  # ValueError: embedded null
        (SERVICE + "    env_file: latin1.env\n", 4, "services.web.env_file"),  # UnicodeDecodeError
        (SERVICE + "secrets:\n  s: {file: \"a\\0b\"}\n", 5, "secrets.s.file"),
        (SERVICE + "networks:\n  default: {ipam: {config: [{subnet: 10.0.0.1/33}]}}\n", 5,
         "networks.default.ipam.config[0].subnet"),
    ],
)  # fmt: skip
def test_regressions_are_refused_at_their_line(workdir, text, line, key):
    error = refused(text, workdir)
    assert (error.line, error.key) == (line, key), error.message


def test_nesting_and_alias_bombs_are_refused_quickly(workdir):
    deep = "services: " + "[" * 5000 + "]" * 5000 + "\n"
    assert refused(deep, workdir).line == 1
    recursive = "services: &a [*a]\n"
    assert refused(recursive, workdir).line >= 1
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [{','.join(['*' + previous] * 10)}]\n"
    error = refused(bomb + SERVICE, workdir)
    assert error.line >= 1 and "expands to more than" in error.reason


def test_unreadable_files_name_the_file(workdir, tmp_path):
    path = tmp_path / "compose.yml"
    path.write_bytes(b"services:\n  web:\n    image: caf\xe9\n")
    with pytest.raises(ComposeError) as caught:
        compose.load_file(path, "app", environ={})
    assert str(path) in caught.value.message
    (tmp_path / ".env").write_bytes(b"A=\xff\n")  # never read: docker stack deploy does not read .env
    (tmp_path / "ok.yml").write_text(SERVICE)
    assert compose.load_file(tmp_path / "ok.yml", "app", environ={}).services


def test_a_plain_valid_file_still_loads(workdir):
    plan = check(SERVICE + "    ports: ['8080:80', {target: 53, published: 53, protocol: udp}]\n", workdir)
    assert plan is not None and len(plan.services["app_web"]["EndpointSpec"]["Ports"]) == 2
