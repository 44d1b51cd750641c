"""The apps tree: grouped by stack, lone services as their own app, counts from tasks; changes in
place (Qt's model tester watches every signal), never a reset."""

from __future__ import annotations

from PySide6.QtTest import QAbstractItemModelTester

from crane_desktop.engine.diff import Diff
from crane_desktop.engine.snapshots import Network, Service, Task
from crane_desktop.models.apps import NAME, PORTS, SERVICES, TASKS, AppTreeModel


def service(sid: str, name: str, stack: str = "", replicas: int = 2, **extra) -> Service:
    labels = {"com.docker.stack.namespace": stack} if stack else {}
    spec = {
        "Name": name,
        "Labels": labels,
        "Mode": {"Replicated": {"Replicas": replicas}},
        "TaskTemplate": {
            "ContainerSpec": {"Image": "busybox:1@sha256:abc"},
            "Networks": [{"Target": "net1"}],
        },
    }
    data = {"ID": sid, "Version": {"Index": 1}, "Spec": spec, **extra}
    return Service.from_api(data)


def task(tid: str, sid: str, slot: int, state: str = "running") -> Task:
    return Task.from_api(
        {"ID": tid, "ServiceID": sid, "Slot": slot, "DesiredState": "running", "Status": {"State": state}}
    )


def texts(model: AppTreeModel, parent=None) -> list[list[str]]:
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    return [
        [model.index(r, c, parent).data() for c in range(model.columnCount())]
        for r in range(model.rowCount(parent))
    ]


def test_groups_counts_and_updates_in_place(qapp):
    model = AppTreeModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    network = Network.from_api({"Id": "net1", "Name": "shop_default"})
    model.apply("networks", Diff(added={"net1": network}))
    web = service("s1", "shop_web", "shop")
    db = service("s2", "shop_db", "shop", replicas=1)
    lone = service(
        "s3",
        "lonely",
        Endpoint={
            "Ports": [{"TargetPort": 80, "PublishedPort": 8080, "Protocol": "tcp", "PublishMode": "host"}]
        },
    )
    model.apply("services", Diff(added={"s1": web, "s2": db, "s3": lone}))
    assert model.loaded
    assert [row[NAME] for row in texts(model)] == ["lonely", "shop"]
    shop = model.app_index("stack:shop")
    assert model.rowCount(shop) == 2
    assert [row[NAME] for row in texts(model, shop)] == ["shop_db", "shop_web"]
    assert texts(model)[1][SERVICES] == "2 service(s)"
    assert texts(model)[1][TASKS] == "0/3"
    assert texts(model)[0][PORTS] == "8080:80/tcp (host)"
    assert texts(model, shop)[1][SERVICES] == "busybox:1 · replicated"
    assert "shop_default" in texts(model)[1][5]

    model.apply("tasks", Diff(added={"t1": task("t1", "s1", 1), "t2": task("t2", "s1", 2, "failed")}))
    assert texts(model)[1][TASKS] == "1/3"
    assert texts(model, shop)[1][TASKS] == "1/2"

    # scale in place: dataChanged, same rows
    model.apply("services", Diff(changed={"s1": service("s1", "shop_web", "shop", replicas=5)}))
    assert texts(model)[1][TASKS] == "1/6"

    # a service leaves the app, then the app goes with its last service
    model.apply("services", Diff(removed=["s2"]))
    assert model.rowCount(model.app_index("stack:shop")) == 1
    model.apply("services", Diff(removed=["s1"]))
    assert [row[NAME] for row in texts(model)] == ["lonely"]
    # a new service joins a new app
    model.apply("services", Diff(added={"s4": service("s4", "blog_web", "blog")}))
    assert [row[NAME] for row in texts(model)] == ["lonely", "blog"]
    model.set_stale(True)
    model.clear()
    assert model.rowCount() == 0 and not model.loaded
    assert resets == []
