"""The checkout's store-credit tender: the clerk scans or types the code from a return
receipt, central says what is left on it, and the sale takes at most that and at most what
is still due.

Store credit needs central: only central knows what other tills spent of a code meanwhile,
so offline the panel says so and takes nothing (the sale is checked again by central).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from clerk.domain.entities import Tender
from clerk.domain.money import Money, format_money
from clerk.domain.store_credit import normalize_code
from clerk.services.sales import Tendered
from clerk.services.store_credit import CreditCheck, check_credit
from clerk.ui.screens.counter.basket_row import MessageBox
from clerk.ui.session import AppServices
from clerk.ui.texts import error_text
from clerk.ui.theme import TOUCH
from clerk.ui.widgets import touch_button

__all__ = ["StoreCreditPanel"]

translate = QCoreApplication.translate


class StoreCreditPanel(QFrame):
    """A store-credit code, its balance from central, and the amount this sale takes of it.

    ``changed()`` fires when the amount taken changes. :meth:`set_limit` gives the most the
    credit may pay (the basket's total); the amount follows it down.
    """

    changed = Signal()

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkoutCredit")
        self.setProperty("card", True)
        self._services = services
        self._limit = Money.zero()
        self._code: str | None = None
        self._balance = Money.zero()
        self._checking = False

        caption = QLabel(self.tr("Store credit"), self)
        caption.setProperty("cardTitle", True)
        self.code_field = QLineEdit(self)
        self.code_field.setObjectName("checkoutCreditCode")
        self.code_field.setAccessibleName(self.tr("Store-credit code"))
        self.code_field.setPlaceholderText(self.tr("SC-…"))
        self.code_field.setMaxLength(24)
        self.code_field.setMinimumHeight(TOUCH)
        self.check_button = touch_button(
            self, "checkoutCreditCheck", self.tr("Check"), self.tr("Ask central what is left")
        )
        self.remove_button = touch_button(
            self, "checkoutCreditRemove", self.tr("Remove"), self.tr("Take no store credit")
        )
        self.amount_label = QLabel(self)
        self.amount_label.setObjectName("checkoutCreditAmount")
        self.amount_label.setProperty("figure", True)
        self.amount_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.note = MessageBox("checkoutCreditNote", self)

        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(caption)
        row.addWidget(self.code_field, 1)
        row.addWidget(self.check_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.amount_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.note)

        self.check_button.clicked.connect(self.check)
        self.code_field.returnPressed.connect(self.check)
        self.code_field.textEdited.connect(self._edited)
        self.remove_button.clicked.connect(self.remove)
        self._render()

    # -- what the sale takes ----------------------------------------------------------------

    @property
    def code(self) -> str | None:
        """The checked code the sale takes credit from."""
        return self._code

    @property
    def balance(self) -> Money:
        return self._balance

    @property
    def amount(self) -> Money:
        """What the credit pays: at most what is left on it and at most the limit."""
        if self._code is None:
            return Money.zero()
        return max(min(self._balance, self._limit), Money.zero())

    def tendered(self) -> Tendered | None:
        """The store-credit payment of the sale (None when no credit is taken)."""
        amount = self.amount
        if self._code is None or amount.is_zero():
            return None
        return Tendered(Tender.STORE_CREDIT, amount, self._code)

    @property
    def has_input(self) -> bool:
        return self._code is not None or bool(self.code_field.text().strip())

    def set_limit(self, limit: Money) -> None:
        """The most the credit may pay (the basket's total)."""
        before = self.amount
        self._limit = limit
        self._render()
        if self.amount != before:
            self.changed.emit()

    def note_text(self) -> str:
        return self.note.text()

    # -- checking ---------------------------------------------------------------------------

    def check(self) -> None:
        """Ask central what is left on the typed code."""
        if self._checking:
            return
        text = self.code_field.text()
        code = normalize_code(text)
        if code is None:
            self.note.say(
                self.tr("That is not a store-credit code; it reads SC- and ten letters or digits."),
                "error",
            )
            return
        self.code_field.setText(code)
        self._checking = True
        self.check_button.setEnabled(False)
        self.note.say(self.tr("Asking central what is left on {code}…").replace("{code}", code))
        self._services.bridge.op(check_credit, self._services.credits, code).read_only().success(
            self._checked
        ).failure(self._failed).run()

    def take_code(self, code: str) -> None:
        """A scanned code: check it at once."""
        self.code_field.setText(code)
        self.check()

    def remove(self) -> None:
        """Take no store credit."""
        had = not self.amount.is_zero()
        self._code = None
        self._balance = Money.zero()
        self.code_field.clear()
        self.note.say("")
        self._render()
        if had:
            self.changed.emit()

    def _checked(self, found: CreditCheck) -> None:
        self._checking = False
        self.check_button.setEnabled(True)
        if not found.reached:
            self._take(None, Money.zero())
            self.note.say(
                self.tr(
                    "Store credit needs central to be reachable, and it is not right now: take "
                    "card or cash, or try again when the tablet is online."
                ),
                "error",
            )
            return
        if found.balance is None:
            self._take(None, Money.zero())
            self.note.say(
                self.tr(
                    "Central knows no store credit {code}; check the code on the receipt."
                ).replace("{code}", found.code),
                "error",
            )
            return
        if found.balance.is_zero() or found.balance.is_negative():
            self._take(None, Money.zero())
            self.note.say(
                self.tr("Store credit {code} is used up: nothing is left on it.").replace(
                    "{code}", found.code
                ),
                "error",
            )
            return
        self._take(found.code, found.balance)

    def _failed(self, error: BaseException) -> None:
        self._checking = False
        self.check_button.setEnabled(True)
        self._take(None, Money.zero())
        self.note.say(error_text(error), "error")

    def _take(self, code: str | None, balance: Money) -> None:
        before = self.amount
        self._code = code
        self._balance = balance
        self._render()
        if self.amount != before:
            self.changed.emit()

    def _edited(self, _text: str) -> None:
        if self._code is not None:
            self._take(None, Money.zero())
            self.note.say("")

    def _render(self) -> None:
        self.remove_button.setVisible(self._code is not None)
        amount = self.amount
        self.amount_label.setText(
            self.tr("− {amount}").replace("{amount}", format_money(amount))
            if self._code is not None
            else ""
        )
        if self._code is None:
            return
        left = self._balance - amount
        text = self.tr("{code}: {balance} left; this sale takes {amount}, {rest} stays on it.")
        self.note.say(
            text.replace("{code}", self._code)
            .replace("{balance}", format_money(self._balance))
            .replace("{amount}", format_money(amount))
            .replace("{rest}", format_money(left)),
            "ok",
        )
