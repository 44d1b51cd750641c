"""Views without a swarm: a cluster context whose store holds snapshots recorded off the real engine
(tests/fixtures/engine/cluster, made by tests/fixtures/record_cluster.py), and the workspace built on it.

The recorded cluster: nodes node-1..3 (managers, node-1 the leader) and node-4 (worker); node-3 is
paused and labelled zone=west. The app `shop` has shop_web (2 replicas, on the labelled network
shop_backend, a secret-looking env var), shop_agent (global: a task pending on the paused node) and
shop_worker (its tasks keep failing with exit code 3); the lone service `gateway` publishes port 8080
in host mode. Secrets vault_db_password (used) and vault_unused_token, configs vault_nginx_conf (used)
and vault_motd (templated). No session: engine calls fail with "not connected", so these tests cover
what the views show and check themselves; what needs the engine stays in the swarm tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.snapshots import Config, Network, Node, Secret, Service, Task, parse_all
from crane_desktop.models.store import ClusterStore
from crane_desktop.views.context import ClusterContext
from crane_desktop.views.deploy_dialog import DeployDialog
from crane_desktop.views.workspace import Workspace

RECORDED = Path(__file__).resolve().parent.parent / "fixtures" / "engine" / "cluster"
# Secrets and configs, and the two services using them (tests/fixtures/record_secrets.py): the
# services are fed only by the tests that want them (`feed_secret_users`), so other pages keep theirs.
RECORDED_SECRETS = RECORDED.parent / "secrets"
KINDS = {
    "nodes": Node,
    "services": Service,
    "tasks": Task,
    "networks": Network,
    "secrets": Secret,
    "configs": Config,
}


def recorded(kind: str, folder: Path | None = None) -> dict:
    """The recorded snapshots of one kind, by id, as the watcher would parse them."""
    folder = folder or (RECORDED_SECRETS if kind in ("secrets", "configs") else RECORDED)
    return parse_all(KINDS[kind], json.loads((folder / f"{kind}.json").read_text()))


def feed_secret_users(store: ClusterStore) -> None:
    """Add the recorded services that use the recorded secrets and configs."""
    store.apply("services", Diff(added=recorded("services", RECORDED_SECRETS)))


def feed(store: ClusterStore, kinds=tuple(KINDS)) -> None:
    """Apply the recorded snapshots to `store` as the watcher's first diffs."""
    for kind in kinds:
        store.apply(kind, Diff(added=recorded(kind)))


@pytest.fixture
def recorded_context(qtbot, loop):
    """A cluster context with the recorded cluster in its store (no session)."""
    context = ClusterContext()
    feed(context.store)
    yield context
    context.close()


@pytest.fixture
def workspace(qtbot, recorded_context):
    """The pages and detail tabs on the recorded cluster, shown."""
    workspace = Workspace(recorded_context)
    qtbot.addWidget(workspace)
    workspace.resize(1280, 800)
    workspace.show()
    return workspace


@pytest.fixture
def parent(qtbot):
    """A shown window for dialogs to open on."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def deploy(qtbot, recorded_context, parent) -> DeployDialog:
    """The deploy dialog (a new app) on the recorded cluster, open."""
    dialog = DeployDialog(recorded_context, parent)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def by_name(kind: str, name: str):
    """The recorded object of `kind` whose name (hostname for nodes) is `name`."""
    for item in recorded(kind).values():
        if getattr(item, "hostname", None) == name or getattr(item, "name", None) == name:
            return item
    raise KeyError(name)
