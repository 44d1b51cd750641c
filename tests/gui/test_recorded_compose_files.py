"""The deploy dialog's compose files without a swarm: several files merged in order (relative paths from
the first file's folder, as docker), warnings listed with their file and line and Deploy still possible,
a refusal naming file, line and key with Deploy disabled until the input changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from crane_desktop.views.deploy_dialog import DeployDialog

IMAGE = "127.0.0.1:5000/crane/busybox:1"
UNSET = "CRANE_TEST_SURELY_UNSET_VARIABLE"


@pytest.fixture
def files(tmp_path) -> tuple[Path, Path]:
    """a/base.yml, and b/override.yml in another folder whose env_file is found beside the first."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    base = tmp_path / "a" / "base.yml"
    base.write_text(
        f"version: '3.8'\nservices:\n  web:\n    image: {IMAGE}\n    deploy:\n      replicas: 1\n"
    )
    (tmp_path / "a" / "vars.env").write_text("COLOR=blue\n")
    override = tmp_path / "b" / "override.yml"
    override.write_text(
        "version: '3.8'\n"
        "services:\n"
        "  web:\n"
        "    env_file: vars.env\n"
        f"    command: [echo, '${{{UNSET}}}']\n"
        "    deploy:\n"
        "      replicas: 3\n"
    )
    return base, override


def click(tab: QWidget, name: str) -> None:
    tab.findChild(QPushButton, name).click()


def replicas(dialog: DeployDialog) -> int:
    checked = dialog.compose_tab.checked("shop2")
    assert checked is not None
    return checked.plan.services["shop2_web"]["Mode"]["Replicated"]["Replicas"]


@pytest.fixture(autouse=True)
def app_name(deploy) -> None:
    deploy.app_edit.setText("shop2")


def test_several_files_merge_in_order_and_can_be_reordered_and_removed(deploy, files, monkeypatch):
    monkeypatch.delenv(UNSET, raising=False)
    base, override = files
    tab = deploy.compose_tab
    tab.set_paths([base, override])
    assert [tab.files.item(row).text() for row in range(tab.files.count())] == [str(base), str(override)]
    assert tab.editor.toPlainText() == base.read_text() and tab.editor.isReadOnly()
    checked = tab.checked("shop2")
    assert checked is not None
    web = checked.plan.services["shop2_web"]
    assert web["Mode"]["Replicated"]["Replicas"] == 3  # the second file wins
    assert web["TaskTemplate"]["ContainerSpec"]["Env"] == ["COLOR=blue"]  # read from a/, as docker
    tab.files.setCurrentRow(1)
    assert tab.editor.toPlainText() == override.read_text()
    click(tab, "composeFileUp")
    assert tab.paths() == [override, base] and tab.files.currentRow() == 0
    tab.files.setCurrentRow(1)
    click(tab, "composeRemoveFile")
    assert tab.paths() == [override]


def test_typed_text_comes_back_when_the_files_are_removed(deploy, files):
    base, _ = files
    tab = deploy.compose_tab
    typed = f"services:\n  web:\n    image: {IMAGE}\n"
    tab.editor.setPlainText(typed)
    tab.set_paths([base])
    assert tab.editor.toPlainText() == base.read_text() and tab.editor.isReadOnly()
    click(tab, "composeRemoveFile")
    assert tab.paths() == [] and tab.editor.toPlainText() == typed and not tab.editor.isReadOnly()


def test_warnings_are_listed_with_file_and_line_and_deploy_stays_possible(deploy, files, qtbot, monkeypatch):
    monkeypatch.delenv(UNSET, raising=False)
    monkeypatch.delenv(f"{UNSET}_TIER", raising=False)
    base, override = files
    tab = deploy.compose_tab
    base.write_text(
        base.read_text().replace("deploy:", f"labels:\n      - tier=${{{UNSET}_TIER}}\n    deploy:")
    )
    tab.set_paths([base, override])
    click(tab, "composeCheckButton")
    qtbot.waitUntil(lambda: tab.warnings.isVisibleTo(deploy))
    assert tab.warnings_title.isVisibleTo(deploy)
    assert [tab.warnings.item(row).text() for row in range(tab.warnings.count())] == [
        f"base.yml, line 6, services.web.labels[0]: The variable {UNSET}_TIER is not set: an empty value "
        "is used in its place, as docker does.",
        f"override.yml, line 5, services.web.command[1]: The variable {UNSET} is not set: an empty value "
        "is used in its place, as docker does.",
    ]
    item = tab.warnings.item(1)
    qtbot.waitUntil(lambda: tab.error_label.text().startswith("The file is valid."))
    assert deploy.deploy_button.isEnabled()
    tab.warnings.itemClicked.emit(item)  # shows the line in its file
    assert tab.files.currentRow() == 1
    assert tab.editor.toPlainText() == override.read_text()
    assert tab.editor.textCursor().blockNumber() == 4
    assert len(tab.editor.extraSelections()) == 1


def test_a_typed_text_lists_its_warnings_too(deploy, qtbot, monkeypatch):
    monkeypatch.delenv(UNSET, raising=False)
    tab = deploy.compose_tab
    tab.editor.setPlainText(f"services:\n  web:\n    image: {IMAGE}\n    command: echo ${UNSET}\n")
    click(tab, "composeCheckButton")
    qtbot.waitUntil(lambda: tab.warnings.count() == 1)
    assert tab.warnings.item(0).text().startswith(f"Line 4, services.web.command: The variable {UNSET}")
    assert not tab.editor.isReadOnly()


def test_the_options_stack_deploy_ignores_are_warnings_in_an_operators_words(deploy, qtbot):
    tab = deploy.compose_tab
    tab.editor.setPlainText(
        f"services:\n  web:\n    image: {IMAGE}\n    build: .\n    container_name: web\n"
        f"    depends_on: [db]\n  db:\n    image: {IMAGE}\n"
    )
    click(tab, "composeCheckButton")
    qtbot.waitUntil(lambda: tab.warnings.count() == 3)
    assert [tab.warnings.item(row).text() for row in range(3)] == [
        "Line 4, services.web.build: “build” is ignored: docker stack deploy does not use this option.",
        "Line 5, services.web.container_name: “container_name” is ignored by docker stack deploy: Setting "
        "the container name is not supported.",
        "Line 6, services.web.depends_on: “depends_on” is ignored: docker stack deploy drops it without a "
        "warning, and swarm starts the services in no particular order.",
    ]
    qtbot.waitUntil(lambda: tab.error_label.text().startswith("The file is valid."))
    assert deploy.deploy_button.isEnabled()


def test_a_refusal_names_file_line_and_key_and_disables_deploy(deploy, files, qtbot):
    base, override = files
    override.write_text(override.read_text() + "      replica_count: 2\n")
    tab = deploy.compose_tab
    tab.set_paths([base, override])
    click(tab, "composeCheckButton")
    qtbot.waitUntil(lambda: "line 8" in tab.error_label.text())
    assert tab.error_label.text() == (
        "override.yml, line 8, services.web.deploy.replica_count: unknown key “replica_count”"
    )
    assert not deploy.deploy_button.isEnabled()
    assert tab.files.currentRow() == 1 and tab.editor.textCursor().blockNumber() == 7
    assert not tab.warnings.isVisibleTo(deploy)
    tab.files.setCurrentRow(1)
    click(tab, "composeRemoveFile")  # the input changed: Deploy is possible again
    assert deploy.deploy_button.isEnabled()


def test_deploy_refuses_without_sending_and_the_form_tab_can_still_deploy(deploy, qtbot):
    tab = deploy.compose_tab
    tab.editor.setPlainText(f"services:\n  web:\n    image: {IMAGE}\n    deploy:\n      replicas: two\n")
    deploy.deploy_button.click()
    qtbot.waitUntil(lambda: not deploy.deploy_button.isEnabled())
    assert tab.error_label.text() == "Line 5, services.web.deploy.replicas: must be a whole number"
    deploy.tabs.setCurrentWidget(deploy.form_tab)
    assert deploy.deploy_button.isEnabled()
    deploy.tabs.setCurrentWidget(tab)
    assert not deploy.deploy_button.isEnabled()  # the refusal still stands
    tab.editor.setPlainText(f"services:\n  web:\n    image: {IMAGE}\n")
    assert deploy.deploy_button.isEnabled()
