"""The network picker of the deploy form: networks chosen by name (ticks) or by label, following the
swarm's networks live; the built-in ingress is not offered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from crane_desktop.views.network_picker import NetworkPicker
from tests.swarm import docker, unique


@pytest.fixture
def networks():
    names: list[str] = []
    yield names
    for name in names:
        docker(1, "network", "rm", name, check=False)


def listed(picker) -> list[str]:
    return [picker.list.item(row).text() for row in range(picker.list.count())]


def test_pick_by_name_and_by_label(connected_window, qtbot, networks):
    window = connected_window
    tier = unique("tier")
    front, back, other = unique("crane-pick-a"), unique("crane-pick-b"), unique("crane-pick-c")
    networks += [front, back, other]
    picker = NetworkPicker(window.store)
    qtbot.addWidget(picker)
    picker.show()
    docker(1, "network", "create", "-d", "overlay", "--label", f"{tier}=web", front)
    docker(1, "network", "create", "-d", "overlay", "--label", f"{tier}=web", "--label", "x=1", back)
    docker(1, "network", "create", "-d", "overlay", "--label", f"{tier}=db", other)
    qtbot.waitUntil(lambda: {front, back, other} <= set(listed(picker)), timeout=20000)
    assert "ingress" not in listed(picker)

    picker.list.item(listed(picker).index(back)).setCheckState(Qt.CheckState.Checked)
    assert picker.selected_network_names() == [back]

    picker.set_label_selector(f"{tier}=web")
    assert picker.selected_network_names() == sorted([front, back])
    assert picker.matches.text() == f"Networks with this label: {', '.join(sorted([front, back]))}"
    picker.set_label_selector(tier)  # the key alone: any value
    assert picker.selected_network_names() == sorted([front, back, other])
    picker.set_label_selector(f"{tier}=none")
    assert picker.selected_network_names() == [] and picker.matches.text() == "No network has this label."

    # live: a network removed out of band leaves the list, the ticks stay
    docker(1, "network", "rm", other)
    qtbot.waitUntil(lambda: other not in listed(picker), timeout=20000)
    picker.by_name.setChecked(True)
    assert picker.selected_network_names() == [back]
