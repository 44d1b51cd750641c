"""A full ring of the Events page (5,000 rows) of container events stays small: the rows keep what the
table shows, not the engine's JSON of each event (every label of the container's image and service:
the soak's RSS grew ~20 MiB an hour while such a ring filled)."""

from __future__ import annotations

import copy
import tracemalloc

from crane_desktop.engine.events import from_api
from crane_desktop.models.events import RING, EventsModel

DIE = {  # a container's `die` as a node's engine sends it (recorded on the test swarm)
    "status": "die",
    "id": "2b2157421916cf6bc9e8103662740a229d83c12c80a024c4f67b512c59fbdfe8",
    "from": "127.0.0.1:5000/crane/busybox:1",
    "Type": "container",
    "Action": "die",
    "Actor": {
        "ID": "2b2157421916cf6bc9e8103662740a229d83c12c80a024c4f67b512c59fbdfe8",
        "Attributes": {
            "com.docker.swarm.node.id": "jdyq3xzjihdqq9ad3c2rfcidw",
            "com.docker.swarm.service.id": "uhuwwyx05obgdh2w8ysobcdk6",
            "com.docker.swarm.service.name": "soak-46",
            "com.docker.swarm.task": "",
            "com.docker.swarm.task.id": "udies3soloh1765zw546zj4ku",
            "com.docker.swarm.task.name": "soak-46.2.udies3soloh1765zw546zj4ku",
            "exitCode": "137",
            "image": "127.0.0.1:5000/crane/busybox:1",
            "name": "soak-46.2.udies3soloh1765zw546zj4ku",
            "org.opencontainers.image.title": "crane-test-busybox",
        },
    },
    "scope": "local",
    "time": 1796000531,
    "timeNano": 1796000531083773940,
}


def events(count: int):
    for index in range(count):
        raw = copy.deepcopy(DIE)  # each decoded off the stream on its own
        raw["timeNano"] += index
        yield from_api(raw, node_id="jdyq3xzjihdqq9ad3c2rfcidw")


def test_a_full_ring_of_container_events_holds_what_the_table_shows(qtbot):
    model = EventsModel()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(2):  # the ring fills, then its oldest rows make room
            model.add(list(events(RING)))
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert model.rowCount() == RING
    assert "exitCode=137" in model.index(0, 4).data()  # the details are still shown
    assert held < 5 * 2**20, f"{held / 2**20:.1f} MiB for {RING} rows"
