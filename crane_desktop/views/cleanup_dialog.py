"""The cleanup of the nodes' disks: a dry run first (per node, what would go and why, and which images
are kept: every service's current and rollback image, the pinned ones), then, asked first with that
list, the removal of exactly what the dry run listed, and what each node freed.

Every engine call goes through the operation runner with the dialog as owner."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crane_desktop.engine.cleanup import (
    BUILD_CACHE,
    CURRENT,
    DANGLING,
    PINNED,
    ROLLBACK,
    STOPPED,
    UNUSED,
    UNUSED_VOLUME,
    NodePlan,
    NodeResult,
    apply_plans,
    plan_cleanup,
)
from crane_desktop.engine.formatting import byte_size
from crane_desktop.engine.image_pins import load_pins, save_pins
from crane_desktop.engine.snapshots import Node
from crane_desktop.messages import reason_text
from crane_desktop.views.dialogs import EngineDialog, confirm, show_error
from crane_desktop.views.operations import OperationRunner, operation_slot

translate = QCoreApplication.translate
MAX_LISTED = 30  # items named in the confirmation; the rest are counted


def reason_words(reason: str) -> str:
    words = {
        STOPPED: translate("CleanupDialog", "stopped container"),
        DANGLING: translate("CleanupDialog", "dangling image (no tag)"),
        UNUSED: translate("CleanupDialog", "image no container uses"),
        UNUSED_VOLUME: translate("CleanupDialog", "volume no container uses"),
        BUILD_CACHE: translate("CleanupDialog", "build cache no build uses"),
        CURRENT: translate("CleanupDialog", "image of service %1"),
        ROLLBACK: translate("CleanupDialog", "rollback target of service %1"),
        PINNED: translate("CleanupDialog", "pinned"),
    }
    return words.get(reason, reason)


def kind_words(kind: str) -> str:
    words = {
        "container": translate("CleanupDialog", "Container"),
        "image": translate("CleanupDialog", "Image"),
        "volume": translate("CleanupDialog", "Volume"),
        "build-cache": translate("CleanupDialog", "Build cache"),
    }
    return words.get(kind, kind)


class CleanupDialog(EngineDialog):
    cleaned = Signal()  # something was removed: the page reads the usage again

    def __init__(self, parent: QWidget, operations: OperationRunner, nodes: list[Node], profile: str) -> None:
        super().__init__(parent, operations)
        self.setObjectName("cleanupDialog")
        self.setWindowTitle(self.tr("Clean up nodes"))
        self.resize(920, 560)
        self.nodes, self.profile = nodes, profile
        self.plans: list[NodePlan] = []

        self.scope = QLabel(self.tr("Nodes: %1").replace("%1", ", ".join(n.hostname for n in nodes)), self)
        self.scope.setWordWrap(True)
        self.volumes = QCheckBox(self.tr("Also remove volumes no container uses (their data is lost)"), self)
        self.volumes.setObjectName("cleanupVolumes")
        self.volumes.toggled.connect(self._options_changed)
        self.pins = QPlainTextEdit(self)
        self.pins.setObjectName("cleanupPins")
        self.pins.setPlaceholderText(self.tr("registry:5000/shop/web:1.4\n(one image per line)"))
        self.pins.setMaximumHeight(70)
        self.pins.setPlainText("\n".join(load_pins(profile)))
        self.pins.textChanged.connect(self._options_changed)
        form = QFormLayout()
        form.addRow(self.tr("Pinned images (always kept)"), self.pins)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("cleanupTree")
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Name"), self.tr("Size"), self.tr("Why")])
        self.summary = QLabel(self)
        self.summary.setObjectName("cleanupSummary")
        self.summary.setWordWrap(True)

        self.dry_run_button = QPushButton(self.tr("Dry run"), self)
        self.dry_run_button.setObjectName("dryRunButton")
        self.dry_run_button.clicked.connect(self.dry_run)
        self.clean_button = QPushButton(self.tr("Clean up…"), self)
        self.clean_button.setObjectName("cleanButton")
        self.clean_button.setEnabled(False)
        self.clean_button.clicked.connect(self.clean)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.dry_run_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.clean_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.scope)
        layout.addWidget(self.volumes)
        layout.addLayout(form)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    def pinned(self) -> list[str]:
        return [line.strip() for line in self.pins.toPlainText().splitlines() if line.strip()]

    def _options_changed(self) -> None:
        """Another option makes another plan: the old one may not be carried out."""
        self.clean_button.setEnabled(False)

    # -- the dry run ---------------------------------------------------------------------------------
    @operation_slot()
    async def dry_run(self) -> None:
        pins = self.pinned()
        save_pins(self.profile, pins)
        try:
            plans = await self.operations.on_cluster(
                self,
                plan_cleanup,
                self.nodes,
                pins,
                self.volumes.isChecked(),
                busy=[self.dry_run_button],
            )
        except Exception as error:
            show_error(self, self.tr("Cannot prepare the cleanup"), error)
            return
        self.plans = plans
        self._show_plans(plans)
        self.clean_button.setEnabled(any(p.items for p in plans))

    def _show_plans(self, plans: list[NodePlan]) -> None:
        self.tree.clear()
        for plan in plans:
            node = QTreeWidgetItem(self.tree, [plan.hostname])
            if plan.error:
                why = reason_text(plan.failure) if plan.failure else plan.error
                node.setText(3, self.tr("Not reachable: %1").replace("%1", why))
                continue
            node.setText(1, self.tr("%n item(s) to remove", "", len(plan.items)))
            node.setText(2, byte_size(plan.size))
            for item in plan.items:
                QTreeWidgetItem(
                    node, [kind_words(item.kind), item.name, byte_size(item.size), reason_words(item.reason)]
                )
            for kept in plan.kept:
                why = "; ".join(reason_words(k.reason).replace("%1", k.owner) for k in kept.keeps)
                row = QTreeWidgetItem(node, [self.tr("Kept"), kept.name, byte_size(kept.size), why])
                row.setForeground(0, self.palette().mid())
            node.setExpanded(True)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        total = sum(p.size for p in plans)
        count = sum(len(p.items) for p in plans)
        self.summary.setText(
            self.tr("Dry run: %1 item(s) would go, %2 freed at most. Nothing was removed yet.")
            .replace("%1", str(count))
            .replace("%2", byte_size(total))
        )

    # -- the cleanup ---------------------------------------------------------------------------------
    def _listing(self) -> str:
        lines = [
            f"{plan.hostname}: {kind_words(item.kind)} {item.name} ({byte_size(item.size)})"
            for plan in self.plans
            for item in plan.items
        ]
        more = len(lines) - MAX_LISTED
        shown = lines[:MAX_LISTED]
        if more > 0:
            shown.append(self.tr("… and %1 more").replace("%1", str(more)))
        return "\n".join(shown)

    @operation_slot()
    async def clean(self) -> None:
        plans = [p for p in self.plans if p.items and not p.error]
        if not plans:
            return
        asked = await confirm(
            self,
            self.tr("Clean up nodes"),
            self.tr("Remove these %1 item(s) from %2 node(s)? This cannot be undone.")
            .replace("%1", str(sum(len(p.items) for p in plans)))
            .replace("%2", str(len(plans))),
            self.tr("Remove"),
            details=self._listing(),
        )
        if not asked:
            return
        try:
            results = await self.operations.on_cluster(
                self,
                apply_plans,
                self.nodes,
                plans,
                self.pinned(),
                busy=[self.clean_button, self.dry_run_button],
            )
        except Exception as error:
            show_error(self, self.tr("Cannot clean up"), error)
            return
        self.clean_button.setEnabled(False)
        self.summary.setText("\n".join(self._result_line(r) for r in results))
        self.cleaned.emit()

    def _result_line(self, result: NodeResult) -> str:
        if result.error:
            why = reason_text(result.failure) if result.failure else result.error
            return self.tr("%1: not reachable (%2)").replace("%1", result.hostname).replace("%2", why)
        line = (
            self.tr("%1: freed %2, %3 item(s) removed")
            .replace("%1", result.hostname)
            .replace("%2", byte_size(result.freed))
            .replace("%3", str(len(result.removed)))
        )
        if result.failed:
            refused = "; ".join(f"{item.name}: {why}" for item, why in result.failed[:3])
            line += " — " + self.tr("%1 refused: %2").replace("%1", str(len(result.failed))).replace(
                "%2", refused
            )
        if result.kept:
            kept = self.tr("; ").join(
                self.tr("%1 (%2)")
                .replace("%1", item.name)
                .replace("%2", reason_words(keep.reason).replace("%1", keep.owner))
                for item, keep in result.kept[:3]
            )
            line += " — " + self.tr("%1 kept since the dry run: %2").replace(
                "%1", str(len(result.kept))
            ).replace("%2", kept)
        return line
