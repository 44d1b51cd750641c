"""Pre-flight checks over every node, not only the manager in use: the nodes' clocks against each other
and their security options (SELinux, AppArmor, seccomp...), both read from each node's own /info.

A node's engine is reached as the rest of the app reaches it: the profile's entry or Crane's endpoint
label, else (a manager) its swarm address with the port of the endpoint in use. Nodes whose engine
cannot be reached are named, not failed: many workers are never connected.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import docker

from crane_desktop.engine.client import make_client
from crane_desktop.engine.cluster import manager_endpoints, node_endpoint, node_tls
from crane_desktop.engine.i18n import QT_TRANSLATE_NOOP
from crane_desktop.engine.preflight import CLOCK_SKEW_WARNING, Check
from crane_desktop.engine.profiles import Profile
from crane_desktop.engine.snapshots import EPOCH, Node, parse_time

log = logging.getLogger("crane.engine.node_checks")

NODE_TIMEOUT = 3.0  # a node that does not answer in this time is "not reached"
_OPTION_NAMES = {"apparmor": "AppArmor", "selinux": "SELinux", "seccomp": "seccomp", "rootless": "rootless"}


@dataclass(frozen=True)
class NodeSample:
    """What one node's /info said, or why it could not be read (`info` empty)."""

    hostname: str
    info: dict[str, Any]
    skew: float = 0.0  # its clock minus this workstation's, in seconds
    problem: str = ""


def engine_of(profile: Profile, node: Node, endpoint_in_use: str) -> str:
    """The node's engine endpoint ("" when none is known and it is not a manager)."""
    known = node_endpoint(profile, node)
    if known:
        return known
    guessed = manager_endpoints([node], endpoint_in_use, lambda _node: "")
    return guessed[0] if guessed else ""


def sample_nodes(client: docker.APIClient, profile: Profile, endpoint_in_use: str) -> list[NodeSample]:
    """Every node's /info, read in parallel (the manager in use through `client`); blocking."""
    nodes = [Node.from_api(data) for data in client.nodes()]
    own_id = (client.info().get("Swarm") or {}).get("NodeID", "")

    def sample(node: Node) -> NodeSample:
        if node.id == own_id:
            return _measured(node.hostname, client.info)
        endpoint = engine_of(profile, node, endpoint_in_use)
        if not endpoint:
            return NodeSample(node.hostname, {}, problem="no-endpoint")
        try:
            node_client = make_client(endpoint, node_tls(profile, node), timeout=NODE_TIMEOUT)
        except Exception as exc:
            log.info("clock check: %s not reached at %s: %s", node.hostname, endpoint, exc)
            return NodeSample(node.hostname, {}, problem="unreachable")
        try:
            return _measured(node.hostname, node_client.info)
        finally:
            node_client.close()

    with ThreadPoolExecutor(max_workers=8, thread_name_prefix="crane-node-check") as pool:
        return sorted(pool.map(sample, nodes), key=lambda s: s.hostname)


def _measured(hostname: str, read_info: Any) -> NodeSample:
    try:
        info = read_info()
    except Exception as exc:
        log.info("clock check: %s did not answer: %s", hostname, exc)
        return NodeSample(hostname, {}, problem="unreachable")
    engine_time = parse_time(info.get("SystemTime"))
    if engine_time == EPOCH:
        return NodeSample(hostname, info, problem="no-time")
    return NodeSample(hostname, info, (engine_time - datetime.now(UTC)).total_seconds())


def nodes_clock_check(samples: list[NodeSample]) -> Check:
    """The spread of the nodes' clocks: the fastest minus the slowest of the nodes that were read."""
    timed = [s for s in samples if s.info and not s.problem]
    if len(timed) < 2:
        return Check(
            "nodes-clock",
            "warn",
            QT_TRANSLATE_NOOP("engine", "The clocks of the nodes could not be compared ({count} read)."),
            {"count": len(timed)},
            QT_TRANSLATE_NOOP("engine", "Use “Connect host” on the nodes to give their engine addresses."),
        )
    fast = max(timed, key=lambda s: s.skew)
    slow = min(timed, key=lambda s: s.skew)
    params = {
        "count": len(timed),
        "spread": round(fast.skew - slow.skew, 1),
        "fast": fast.hostname,
        "slow": slow.hostname,
    }
    if fast.skew - slow.skew > CLOCK_SKEW_WARNING.total_seconds():
        return Check(
            "nodes-clock",
            "warn",
            QT_TRANSLATE_NOOP(
                "engine", "The nodes' clocks differ by {spread} s ({fast} is ahead of {slow})."
            ),
            params,
            QT_TRANSLATE_NOOP(
                "engine",
                "Synchronise the nodes' clocks (NTP): certificates, task times and logs depend on them.",
            ),
        )
    return Check(
        "nodes-clock",
        "ok",
        QT_TRANSLATE_NOOP("engine", "The clocks of {count} nodes agree within {spread} s."),
        params,
    )


def unread_nodes_checks(samples: list[NodeSample]) -> list[Check]:
    """The nodes whose engine was not read (their clock and options are unknown): those whose engine
    address is not known, and those that did not answer."""
    unknown = [s.hostname for s in samples if s.problem == "no-endpoint"]
    unreached = [s.hostname for s in samples if s.problem and s.problem != "no-endpoint"]
    checks = []
    if unknown:
        checks.append(
            Check(
                "nodes-unknown",
                "warn",
                QT_TRANSLATE_NOOP("engine", "Not checked, engine address not known: {nodes}."),
                {"nodes": ", ".join(unknown)},
                QT_TRANSLATE_NOOP(
                    "engine", "Use “Connect host” on the nodes to give their engine addresses."
                ),
            )
        )
    if unreached:
        checks.append(
            Check(
                "nodes-unreached",
                "warn",
                QT_TRANSLATE_NOOP("engine", "Not checked, engine not reached: {nodes}."),
                {"nodes": ", ".join(unreached)},
                QT_TRANSLATE_NOOP(
                    "engine", "Check that their engines run and that their addresses are right."
                ),
            )
        )
    return checks


def option_text(option: str) -> str:
    """`name=seccomp,profile=default` -> `seccomp profile=default`; `name=selinux` -> `SELinux` (no
    brackets: the text goes into sentences of either language as it is)."""
    fields = dict(part.partition("=")[::2] for part in option.split(","))
    name = fields.pop("name", option)
    return " ".join([_OPTION_NAMES.get(name, name), *(f"{key}={value}" for key, value in fields.items())])


def security_check(samples: list[NodeSample]) -> Check:
    """The nodes' security options; said once when every node has the same, else node by node."""
    read = [s for s in samples if s.info]
    by_node = {
        s.hostname: ", ".join(map(option_text, s.info.get("SecurityOptions") or [])) or "-" for s in read
    }
    if not by_node:
        return Check(
            "security", "warn", QT_TRANSLATE_NOOP("engine", "No node's security options could be read.")
        )
    if len(set(by_node.values())) == 1:
        options = next(iter(by_node.values()))
        return Check(
            "security",
            "ok",
            QT_TRANSLATE_NOOP("engine", "Security options of {count} nodes: {options}."),
            {"count": len(by_node), "options": options},
        )
    return Check(
        "security",
        "warn",
        QT_TRANSLATE_NOOP("engine", "The nodes' security options differ: {options}."),
        {"options": "; ".join(f"{host}: {options}" for host, options in by_node.items())},
        QT_TRANSLATE_NOOP(
            "engine", "A task may behave differently on each (SELinux volume labels, AppArmor profiles)."
        ),
    )


def cluster_checks(client: docker.APIClient, profile: Profile, endpoint_in_use: str) -> list[Check]:
    """The checks over all nodes (blocking); none when the nodes cannot be listed (not a manager)."""
    try:
        samples = sample_nodes(client, profile, endpoint_in_use)
    except Exception as exc:
        log.info("checks over all nodes skipped: %s", exc)
        return []
    return [nodes_clock_check(samples), security_check(samples), *unread_nodes_checks(samples)]
