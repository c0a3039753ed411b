"""The effort score the clerk hands to the customer: "How easy was it to collect your order?",
five big one-tap answers and Skip.

A tap records the score as feedback on the pickup (queued for central like every action),
thanks the customer and closes after a moment; Skip closes at once and records nothing. The
window is as large as the app's (the customer sees no staff screen behind it), hides while
the tablet is locked and closes when someone else signs in.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clerk.services.engagement import record_feedback
from clerk.services.outbox import Outcome
from clerk.ui.session import AppServices
from clerk.ui.session_dialog import SessionDialog
from clerk.ui.texts import error_text
from clerk.ui.theme import Colors
from clerk.ui.widgets import touch_button

__all__ = ["EffortDialog"]

THANKS_MS = 1800  # how long the thank-you stays before the tablet goes back to the clerk


def _style(c: Colors) -> str:
    return f"""
#effortDialog {{ background: {c.window}; }}
#effortQuestion {{ font-size: 30pt; font-weight: 600; }}
#effortHint {{ font-size: 15pt; color: {c.muted}; }}
QPushButton[score="true"] {{
    min-width: 170px; min-height: 170px; border-radius: 20px;
    border: 2px solid {c.border}; background: {c.surface};
}}
QLabel[scoreNumber="true"] {{ font-size: 40pt; font-weight: 700; color: {c.accent}; }}
QLabel[scoreWord="true"] {{ font-size: 14pt; }}
QPushButton[score="true"]:pressed {{ background: {c.info_bg}; border-color: {c.accent}; }}
#effortSkip {{ min-width: 160px; font-size: 13pt; }}
#effortThanks {{ font-size: 34pt; font-weight: 600; color: {c.ok}; }}
#effortThanksHint {{ font-size: 15pt; color: {c.muted}; }}
#effortMessage {{ color: {c.error}; font-size: 12pt; }}
"""


class EffortDialog(SessionDialog):
    """Asks the customer for a 1–5 score of the pickup of ``order_id``.

    ``scored(score)`` once the score is recorded; the dialog then closes by itself after
    :data:`THANKS_MS` (accepted). Skip, Esc or a change of staff close it rejected.
    """

    scored = Signal(int)

    def __init__(
        self,
        services: AppServices,
        colors: Colors,
        order_id: str,
        customer_id: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services.session, parent)
        self.setObjectName("effortDialog")
        self.setWindowTitle(self.tr("How easy was it?"))
        self.setStyleSheet(_style(colors))
        self._services = services
        self._order_id = order_id
        self._customer_id = customer_id
        self._recording = False
        self._score: int | None = None
        self.thanks_ms = THANKS_MS

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._ask_page())
        self.pages.addWidget(self._thanks_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addWidget(self.pages)
        window = parent.window() if parent is not None else None
        if window is not None and window.width() > 400:
            self.resize(window.size())
        else:
            self.resize(1200, 760)

    def _ask_page(self) -> QWidget:
        page = QWidget(self)
        question = QLabel(self.tr("How easy was it to collect your order?"), page)
        question.setObjectName("effortQuestion")
        question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        question.setWordWrap(True)
        hint = QLabel(self.tr("Tap one: 1 is very hard, 5 is very easy."), page)
        hint.setObjectName("effortHint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        words = {
            1: self.tr("Very hard"),
            2: self.tr("Hard"),
            3: self.tr("Neither"),
            4: self.tr("Easy"),
            5: self.tr("Very easy"),
        }
        self.score_buttons: dict[int, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(20)
        row.addStretch(1)
        for score, word in words.items():
            button = self._score_button(page, score, word)
            button.clicked.connect(partial(self.choose, score))
            row.addWidget(button)
            self.score_buttons[score] = button
        row.addStretch(1)
        self.message = QLabel(page)
        self.message.setObjectName("effortMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.hide()
        self.skip_button = touch_button(
            page, "effortSkip", self.tr("Skip"), self.tr("Skip the score")
        )
        self.skip_button.clicked.connect(self.reject)
        skip_row = QHBoxLayout()
        skip_row.addStretch(1)
        skip_row.addWidget(self.skip_button)
        layout = QVBoxLayout(page)
        layout.setSpacing(24)
        layout.addStretch(2)
        layout.addWidget(question)
        layout.addWidget(hint)
        layout.addSpacing(24)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(3)
        layout.addLayout(skip_row)
        return page

    def _score_button(self, page: QWidget, score: int, word: str) -> QPushButton:
        # The number large, its word below; the labels let taps through to the button.
        button = touch_button(
            page,
            f"effortScore{score}",
            "",
            self.tr("Score {score}: {word}").replace("{score}", str(score)).replace("{word}", word),
        )
        button.setProperty("score", True)
        number = QLabel(str(score), button)
        number.setObjectName(f"effortScoreNumber{score}")
        number.setProperty("scoreNumber", True)
        caption = QLabel(word, button)
        caption.setObjectName(f"effortScoreWord{score}")
        caption.setProperty("scoreWord", True)
        inside = QVBoxLayout(button)
        inside.setContentsMargins(8, 12, 8, 12)
        inside.addStretch(1)
        for label in (number, caption):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            inside.addWidget(label)
        inside.addStretch(1)
        return button

    def _thanks_page(self) -> QWidget:
        page = QWidget(self)
        thanks = QLabel(self.tr("Thank you!"), page)
        thanks.setObjectName("effortThanks")
        thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(self.tr("Please hand the tablet back to our staff."), page)
        hint.setObjectName("effortThanksHint")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(thanks)
        layout.addWidget(hint)
        layout.addStretch(1)
        return page

    # -- the score --------------------------------------------------------------------------

    def choose(self, score: int) -> None:
        """The customer tapped ``score``: record it (once), then thank them."""
        if self._recording or self._score is not None or self._closed:
            return
        session = self._services.session
        if not session.active:
            return  # locked meanwhile: the dialog is hidden, nothing is recorded
        self._recording = True
        self._set_buttons(False)
        record = partial(
            record_feedback,
            self._services.ctx,
            session.actor(),
            "pickup",
            score,
            ref_id=self._order_id,
            customer_id=self._customer_id,
        )
        self._services.bridge.op(record).success(partial(self._recorded, score)).failure(
            self._refused
        ).run()

    def _recorded(self, score: int, _outcome: Outcome[object]) -> None:
        self._recording = False
        self._score = score
        self._services.request_sync()
        self.scored.emit(score)
        if self._closed:
            return
        self.pages.setCurrentIndex(1)
        QTimer.singleShot(self.thanks_ms, self._thanked)

    def _thanked(self) -> None:
        if not self._closed:
            self.accept()

    def _refused(self, error: BaseException) -> None:
        self._recording = False
        if self._closed:
            return
        self._set_buttons(True)
        self.message.setText(error_text(error))
        self.message.show()

    def _set_buttons(self, enabled: bool) -> None:
        for button in self.score_buttons.values():
            button.setEnabled(enabled)
        self.skip_button.setEnabled(enabled)

    @property
    def score(self) -> int | None:
        """The score recorded (None: none yet, or skipped)."""
        return self._score

    @property
    def thanking(self) -> bool:
        return self.pages.currentIndex() == 1

    # -- leaving ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._recording:
            return  # the score is on its way; the dialog closes after the thanks
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Skip (or Esc): nothing is recorded; after a score, the same as the timer."""
        if self._recording:
            return
        if self._score is not None:
            self.accept()
            return
        super().reject()
