"""The client-side constraint evaluator, on the nodes recorded off the real engine: the parse rules of
swarmkit's constraint package (what the engine refuses) and which recorded node satisfies what."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crane_desktop.engine.placement import (
    ConstraintError,
    Platform,
    failed_constraints,
    parse_constraint,
    parse_constraints,
    platform_fits,
)
from crane_desktop.engine.snapshots import Node, parse_all

NODES = Path(__file__).resolve().parent.parent / "fixtures" / "engine" / "cluster" / "nodes.json"


@pytest.fixture(scope="module")
def nodes() -> dict[str, Node]:
    """The recorded nodes by hostname: node-1..3 managers (node-3 labelled zone=west), node-4 a worker."""
    return {n.hostname: n for n in parse_all(Node, json.loads(NODES.read_text())).values()}


def satisfying(expression: str, nodes: dict[str, Node]) -> list[str]:
    constraint = parse_constraint(expression)
    return sorted(name for name, node in nodes.items() if constraint.holds_on(node))


@pytest.mark.parametrize(
    "expression",
    [
        "",  # empty
        " ",
        "nodeabc",  # no operator
        "node ~ abc",  # not an operator
        "node.role = manager",
        "1node==a2",  # a key starts with a letter or _
        "no de== node1",  # no space inside a key
        "no*de==node1",
        "no$de==node1",
        "==node1",  # empty key
        "n==node1",  # a key has two characters at least
        "node==",  # empty value
        "node== ",
        "node.labels.a==b==c",  # split at the first ==: the value holds "="
        "node.role==manager!",
        "node.labels.a!=b>c",
        "node.hostname==nöde",  # the value is ASCII (and the two letters that fold onto it)
    ],
)
def test_what_the_engine_refuses_is_a_parse_error(expression):
    with pytest.raises(ConstraintError):
        parse_constraint(expression)


@pytest.mark.parametrize(
    ("expression", "key", "operator", "value"),
    [
        (" node.role == manager ", "node.role", "==", "manager"),  # outer white space is trimmed
        ("NoDe.RoLe==node1", "NoDe.RoLe", "==", "node1"),
        ("_node==_node1", "_node", "==", "_node1"),
        ("node==[a-b]+c*(n|b)/", "node", "==", "[a-b]+c*(n|b)/"),  # no glob, no regexp: literal text
        ("node==node 1", "node", "==", "node 1"),  # white space inside a value
        ("node.labels.zone!=west", "node.labels.zone", "!=", "west"),
        ("node.ip==10.0.0.0/8", "node.ip", "==", "10.0.0.0/8"),
        ("node.labels.a\u00a0==\u2003b", "node.labels.a", "==", "b"),  # Go's TrimSpace: Unicode spaces
    ],
)
def test_valid_expressions_parse_as_swarmkit_reads_them(expression, key, operator, value):
    constraint = parse_constraint(expression)
    assert (constraint.key, constraint.operator, constraint.value) == (key, operator, value)


def test_go_trim_space_is_not_python_strip():
    # \x1f is white space to Python, not to Go: the key keeps it and is invalid.
    with pytest.raises(ConstraintError):
        parse_constraint("node.role\x1f==manager")


def test_the_first_invalid_constraint_of_a_list_raises():
    with pytest.raises(ConstraintError, match="“bad key”"):
        parse_constraints(["node.role==manager", "bad key==x", "node.id=="])


def test_roles_hostnames_and_ids_match_ignoring_case(nodes):
    assert satisfying("node.role==manager", nodes) == ["node-1", "node-2", "node-3"]
    assert satisfying("node.role == WORKER", nodes) == ["node-4"]
    assert satisfying("node.role!=manager", nodes) == ["node-4"]
    assert satisfying("node.hostname==NODE-2", nodes) == ["node-2"]
    assert satisfying("node.hostname!=node-2", nodes) == ["node-1", "node-3", "node-4"]
    assert satisfying("node.hostname==node-", nodes) == []  # whole text only
    assert satisfying("node.hostname==node-*", nodes) == []  # no glob
    node_id = nodes["node-4"].id
    assert satisfying(f"node.id=={node_id.upper()}", nodes) == ["node-4"]
    assert satisfying(f"NODE.ID=={node_id}", nodes) == ["node-4"]  # keys ignore case too


def test_go_case_folding_reaches_the_kelvin_sign_and_the_long_s(nodes):
    # Go's (?i) and EqualFold fold U+212A onto k and U+017F onto s; nothing else folds onto ASCII.
    assert satisfying("node.hoſtname==node-1", nodes) == ["node-1"]
    assert satisfying("node.role==\u212a", nodes) == []  # parses; no node is a "k"
    with pytest.raises(ConstraintError):
        parse_constraint("node.role==\u0131")  # dotless i: Python's IGNORECASE would take it, Go does not


def test_node_labels_are_case_sensitive_by_name_not_by_value(nodes):
    assert satisfying("node.labels.zone==west", nodes) == ["node-3"]
    assert satisfying("node.labels.zone==WEST", nodes) == ["node-3"]
    assert satisfying("NODE.LABELS.zone==west", nodes) == ["node-3"]  # the prefix ignores case
    assert satisfying("node.labels.Zone==west", nodes) == []  # the label name does not
    # A missing label compares as "": == fails everywhere, != holds everywhere.
    assert satisfying("node.labels.crane-test-nonexistent==yes", nodes) == []
    assert satisfying("node.labels.zone!=west", nodes) == ["node-1", "node-2", "node-4"]
    assert satisfying("node.labels.==x", nodes) == []  # the bare prefix is no known key


def test_platform_and_engine_labels(nodes):
    assert satisfying("node.platform.os==linux", nodes) == ["node-1", "node-2", "node-3", "node-4"]
    assert satisfying("node.platform.arch==x86_64", nodes) == ["node-1", "node-2", "node-3", "node-4"]
    assert satisfying("node.platform.arch==amd64", nodes) == []  # constraints compare the raw text
    assert satisfying("engine.labels.storage==ssd", nodes) == []  # the recorded engines have no labels
    assert satisfying("engine.labels.storage!=ssd", nodes) == ["node-1", "node-2", "node-3", "node-4"]


def test_node_ip_takes_an_address_or_a_network(nodes):
    assert satisfying("node.ip==198.19.213.12", nodes) == ["node-2"]
    assert satisfying("node.ip!=198.19.213.12", nodes) == ["node-1", "node-3", "node-4"]
    assert satisfying("node.ip==198.19.213.12/31", nodes) == ["node-2", "node-3"]
    assert satisfying("node.ip==::ffff:198.19.213.14", nodes) == ["node-4"]
    assert satisfying("node.ip!=10.0.0.0/8", nodes) == ["node-1", "node-2", "node-3", "node-4"]
    assert satisfying("node.ip==not-an-address", nodes) == []  # malformed: no node, either way
    assert satisfying("node.ip!=not-an-address", nodes) == []


def test_an_unknown_key_parses_and_no_node_satisfies_it(nodes):
    constraint = parse_constraint("node.zone==west")
    assert not constraint.known_key
    assert satisfying("node.zone==west", nodes) == []
    assert satisfying("node.zone!=west", nodes) == []


def test_failed_constraints_name_what_each_node_fails(nodes):
    constraints = parse_constraints(["node.role==manager", "node.labels.zone!=west"])
    assert [str(c) for c in failed_constraints(constraints, nodes["node-3"])] == ["node.labels.zone!=west"]
    assert [str(c) for c in failed_constraints(constraints, nodes["node-4"])] == ["node.role==manager"]
    assert failed_constraints(constraints, nodes["node-1"]) == []


def test_platforms_normalise_x86_64_and_aarch64(nodes):
    node = nodes["node-1"]  # linux / x86_64
    assert platform_fits((), node)
    assert platform_fits((Platform("linux", "amd64"),), node)
    assert platform_fits((Platform("", "x86_64"),), node)
    assert platform_fits((Platform("windows", "amd64"), Platform("linux", "")), node)
    assert not platform_fits((Platform("linux", "arm64"), Platform("linux", "aarch64")), node)
    assert not platform_fits((Platform("windows", "amd64"),), node)
