"""The read-only form of the detail panes: labelled, copyable values; the same rows again change only
the texts, other rows rebuild it."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox

from crane_desktop.views.forms import FormView, scrolling


def test_same_rows_update_in_place_and_other_rows_rebuild(qtbot):
    form = FormView()
    area = scrolling(form)
    qtbot.addWidget(area)
    area.show()
    form.show_sections([("Basic info", [("Image", "nginx:1"), ("Mode", "global")])])
    image = form.value("Basic info", "Image")
    assert image.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    group = form.findChild(QGroupBox)
    label = group.findChild(QFormLayout).itemAt(0, QFormLayout.ItemRole.LabelRole).widget()
    assert (group.title(), label.text()) == ("Basic info", "Image:")

    form.show_sections([("Basic info", [("Image", "nginx:2"), ("Mode", "global")])])
    assert form.value("Basic info", "Image") is image and image.text() == "nginx:2"

    form.show_sections([("Basic info", [("Image", "nginx:2")]), ("Secrets", [("Secrets", "db")])])
    assert form.sections() == {"Basic info": {"Image": "nginx:2"}, "Secrets": {"Secrets": "db"}}
    qtbot.waitUntil(lambda: [g.title() for g in form.groups if g.isVisible()] == ["Basic info", "Secrets"])
    assert form.value("Basic info", "Image") is not image
    assert not shiboken6.isValid(group) or not group.isVisible()  # the old section is gone
