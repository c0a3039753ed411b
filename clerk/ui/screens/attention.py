"""The Attention screen: what central refused, why, and what the clerk can do about it.

Every refused command (and every command held behind one) waits here for a person. Anyone
may **retry** it once they fixed what central refused; giving it up (**discard**) is a
manager's decision with a reason — a sales or pickup clerk gets a manager's approval on the
spot, and the discard is then done (and audited) in the manager's name.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk.domain.errors import DomainError
from clerk.services.attention import discard_attention, retry_attention
from clerk.services.context import Actor
from clerk.services.returns import REASON_MAX, ManagerOverride
from clerk.ui.models.attention import (
    AttentionItem,
    AttentionModel,
    action_text,
    facts_text,
    load_attention,
    refusal_text,
    remedy_text,
)
from clerk.ui.override import OverrideGate, request_override
from clerk.ui.session import AppServices
from clerk.ui.texts import error_text
from clerk.ui.theme import TOUCH
from clerk.ui.widgets import restyle, touch_button

__all__ = ["AttentionScreen", "DiscardReasonDialog"]


class DiscardReasonDialog(QDialog):
    """Asks a manager why an action is given up; ``confirmed(reason)`` once one is typed."""

    confirmed = Signal(str)

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("discardReasonDialog")
        self.setWindowTitle(self.tr("Discard an action"))
        heading = QLabel(self.tr("Give this action up for good?"), self)
        heading.setProperty("role", "title")
        heading.setWordWrap(True)
        lead = QLabel(what, self)
        lead.setObjectName("discardWhat")
        lead.setWordWrap(True)
        self._reason = QLineEdit(self)
        self._reason.setObjectName("discardReason")
        self._reason.setAccessibleName(self.tr("Reason for giving it up"))
        self._reason.setPlaceholderText(self.tr("Why is it given up?"))
        self._reason.setMaxLength(REASON_MAX)
        self._reason.setMinimumHeight(TOUCH)
        self._reason.returnPressed.connect(self.confirm)
        self._message = QLabel("", self)
        self._message.setObjectName("discardMessage")
        self._message.setWordWrap(True)
        cancel = touch_button(self, "discardCancel", self.tr("Keep it"), self.tr("Keep the action"))
        cancel.clicked.connect(self.reject)
        confirm = touch_button(
            self, "discardConfirm", self.tr("Discard"), self.tr("Discard the action")
        )
        confirm.setProperty("primary", True)
        confirm.clicked.connect(self.confirm)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(lead)
        layout.addWidget(self._reason)
        layout.addWidget(self._message)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)

    def confirm(self) -> None:
        """Give it up with the typed reason (says so when there is none)."""
        reason = self._reason.text().strip()
        if not reason:
            self._message.setText(self.tr("Type the reason first; it stays on record."))
            self._message.setProperty("level", "error")
            self._reason.setFocus()
            return
        self.confirmed.emit(reason)
        self.accept()

    @property
    def message(self) -> str:
        return self._message.text()


class AttentionScreen(QWidget):
    """The refused actions, one row each; the selected one's detail, Retry and Discard.

    Reloads itself on the sync engine's pending, attention and data signals and when shown.
    ``changed()`` fires after this screen retried or discarded something.
    """

    changed = Signal()

    def __init__(
        self, services: AppServices, pin_gate: OverrideGate, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screen_attention")
        self._services = services
        self._gate = pin_gate
        self._loading = False
        self._load_again = False
        self._acting = False

        title = QLabel(self.tr("Attention"), self)
        title.setProperty("role", "title")
        lead = QLabel(
            self.tr(
                "Actions central refused. Each one needs a decision: send it again once what "
                "was wrong is fixed, or give it up."
            ),
            self,
        )
        lead.setProperty("role", "subtitle")
        lead.setWordWrap(True)
        self._banner = QLabel("", self)
        self._banner.setObjectName("attentionBanner")
        self._banner.setWordWrap(True)
        self._banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._banner.hide()

        self.model = AttentionModel(self)
        self._table = QTableView(self)
        self._table.setObjectName("attentionTable")
        self._table.setAccessibleName(self.tr("Refused actions"))
        self._table.setModel(self.model)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setAlternatingRowColors(True)
        self._table.setWordWrap(False)
        self._table.verticalHeader().hide()
        self._table.verticalHeader().setDefaultSectionSize(TOUCH)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AttentionModel.WHY, QHeaderView.ResizeMode.Stretch)
        self._table.selectionModel().selectionChanged.connect(self._selection_changed)

        self._detail = QFrame(self)
        self._detail.setObjectName("attentionDetail")
        self._detail.setProperty("card", True)
        self._what = self._detail_label("attentionWhat")
        self._what.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self._facts = self._detail_label("attentionFacts")
        self._facts.setProperty("role", "muted")
        self._why = self._detail_label("attentionWhy")
        self._remedy = self._detail_label("attentionRemedy")
        self._retry_button = touch_button(
            self._detail, "attentionRetry", self.tr("Retry"), self.tr("Send it again")
        )
        self._retry_button.setProperty("primary", True)
        self._retry_button.clicked.connect(self.retry)
        self._discard_button = touch_button(
            self._detail, "attentionDiscard", self.tr("Discard…"), self.tr("Give this action up")
        )
        self._discard_button.clicked.connect(self.discard)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._discard_button)
        buttons.addWidget(self._retry_button)
        detail_layout = QVBoxLayout(self._detail)
        detail_layout.setContentsMargins(24, 20, 24, 20)
        detail_layout.setSpacing(10)
        for label in (self._what, self._facts, self._why, self._remedy):
            detail_layout.addWidget(label)
        detail_layout.addLayout(buttons)

        work = QWidget(self)
        work_layout = QVBoxLayout(work)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.setSpacing(16)
        work_layout.addWidget(self._table, 1)
        work_layout.addWidget(self._detail)

        self._empty = QLabel(self)
        self._empty.setObjectName("attentionEmpty")
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setTextFormat(Qt.TextFormat.RichText)
        heading = self.tr("Nothing needs your attention")
        body = self.tr(
            "Central accepted everything this tablet sent. If it ever refuses an action, the "
            "action waits here with the reason and what to do."
        )
        self._empty.setText(
            f"<p style='font-size:16pt; font-weight:600'>{heading}</p><p>{body}</p>"
        )
        self._empty.setAccessibleName(heading)

        self._pages = QStackedWidget(self)
        self._pages.addWidget(self._empty)
        self._pages.addWidget(work)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(16)
        layout.addWidget(title)
        layout.addWidget(lead)
        layout.addWidget(self._banner)
        layout.addWidget(self._pages, 1)

        sync = services.sync
        if sync is not None:
            sync.pendingChanged.connect(self._sync_event)
            sync.attentionAdded.connect(self._sync_event)
            sync.dataChanged.connect(self._data_changed)
        self._show_selected()
        self.reload()

    def _detail_label(self, name: str) -> QLabel:
        label = QLabel("", self._detail)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # -- what the main window calls ---------------------------------------------------------

    def shown(self) -> None:
        """The screen came to front: read the outbox again."""
        self.reload()

    def reset(self) -> None:
        """Another staff member signed in: no selection, no message."""
        self._table.clearSelection()
        self._show_banner("")

    def primary_action(self) -> None:
        """Ctrl+Enter: retry the selected action."""
        self.retry()

    def cancel(self) -> None:
        """Esc: close the message, then drop the selection."""
        if not self._banner.isHidden():
            self._show_banner("")
        else:
            self._table.clearSelection()

    # -- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the refused actions again (in the background; requests while one read runs
        are folded into one more read)."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        self._services.bridge.op(load_attention, self._services.ctx).read_only().success(
            self._loaded
        ).failure(self._load_failed).run()

    def _sync_event(self, *_args: object) -> None:
        # A bound slot, not a lambda: Qt drops the connection when the screen is deleted.
        self.reload()

    def _data_changed(self, _entities: object) -> None:
        # Every page of a sync says data changed; a hidden screen reloads when it is shown.
        if self.isVisible():
            self.reload()

    def _loaded(self, items: list[AttentionItem]) -> None:
        self._loading = False
        chosen = self.selected_id
        self.model.set_items(items)
        self._pages.setCurrentIndex(1 if items else 0)
        row = self.model.row_of(chosen) if chosen is not None else None
        if row is None and items:
            row = 0
        if row is not None:
            self._table.selectRow(row)
        self._show_selected()
        if self._load_again:
            self._load_again = False
            self.reload()

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        self._load_again = False
        self._show_banner(
            self.tr("The refused actions could not be read: {reason}").replace(
                "{reason}", error_text(error)
            ),
            error=True,
        )

    # -- the selected action ---------------------------------------------------------------

    @property
    def selected_id(self) -> str | None:
        """The selected command's id."""
        item = self.selected_item
        return None if item is None else item.id

    @property
    def selected_item(self) -> AttentionItem | None:
        rows = self._table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def select(self, command_id: str) -> bool:
        """Select the row of ``command_id``; False if it is not shown."""
        row = self.model.row_of(command_id)
        if row is not None:
            self._table.selectRow(row)
        return row is not None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        item = self.selected_item
        self._detail.setVisible(item is not None)
        self._retry_button.setEnabled(item is not None and not self._acting)
        self._discard_button.setEnabled(item is not None and not self._acting)
        if item is None:
            return
        command = item.command
        self._what.setText(action_text(item))
        self._facts.setText(facts_text(item))
        self._why.setText(refusal_text(command.problem))
        self._remedy.setText(remedy_text(item))

    # -- deciding -------------------------------------------------------------------------

    def retry(self) -> None:
        """Send the selected action again (it was fixed, or central's state moved on)."""
        item = self.selected_item
        if item is None or self._acting or self._services.session.staff is None:
            return
        self._start()
        self._services.bridge.op(
            retry_attention, self._services.ctx, self._services.session.actor(), item.id
        ).success(self._retried).failure(self._failed).run()

    def _retried(self, _queued: list[str]) -> None:
        self._finish()
        self._show_banner(self.tr("Queued again; it goes to central with the next sync."))
        self._services.request_sync()
        self.changed.emit()

    def discard(self) -> None:
        """Give the selected action up: a manager says why; anyone else asks a manager."""
        item = self.selected_item
        session = self._services.session
        if item is None or self._acting or session.staff is None:
            return
        command_id, what = item.id, action_text(item)
        if session.is_manager:
            actor = session.actor()
            dialog = DiscardReasonDialog(
                self.tr(
                    "“{what}” is not sent to central any more. It stays on record with your reason."
                ).replace("{what}", what),
                self,
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.confirmed.connect(lambda reason: self._discard(actor, command_id, reason))
            dialog.open()
            return
        ctx = self._services.ctx

        def approved(override: ManagerOverride) -> None:
            self._discard(ctx.actor(override.manager_id), command_id, override.reason)

        request_override(
            self,
            self._services,
            self._gate,
            self.tr(
                "Give up “{what}” for good: it is not sent to central any more. The reason stays "
                "on record."
            ).replace("{what}", what),
            "discard_attention",
            f"command:{command_id}",
            approved,
        )

    def _discard(self, actor: Actor, command_id: str, reason: str) -> None:
        self._start()
        self._services.bridge.op(
            discard_attention, self._services.ctx, actor, command_id, reason
        ).success(self._discarded).failure(self._failed).run()

    def _discarded(self, _none: None) -> None:
        self._finish()
        self._show_banner(self.tr("Given up; it stays on record with the reason."))
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        self._finish()
        if isinstance(error, DomainError) and error.code in (
            "not_in_attention",
            "command_not_found",
        ):
            text = self.tr("This action was already decided, perhaps on another tablet.")
        else:
            text = error_text(error)
        self._show_banner(text, error=True)

    def _start(self) -> None:
        self._acting = True
        self._show_banner("")
        self._show_selected()

    def _finish(self) -> None:
        self._acting = False
        self._show_selected()
        self.reload()

    def _show_banner(self, text: str, *, error: bool = False) -> None:
        self._banner.setText(text)
        restyle(self._banner, "level", "error" if error else "info")
        self._banner.setVisible(bool(text))

    @property
    def banner(self) -> str:
        """The message above the list (tests read it; empty: none)."""
        return "" if self._banner.isHidden() else self._banner.text()

    @property
    def showing_empty_state(self) -> bool:
        return self._pages.currentIndex() == 0
