"""The customer's receipt: a PDF (A4 or an 80 mm roll) and the system print dialog.

The caller gathers plain ``ReceiptData`` (no database, no screen); this module only lays it out.
Its ``R`` code is signed with the device's own key, so a receipt printed offline still lets a
later return find the sale.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import QWidget

from clerk.domain.money import CENT, Money, format_money
from clerk.domain.tokens import key_id_for, load_private_key, receipt_token
from clerk.printing.qr import qr_image

__all__ = [
    "STANDARD_VAT_RATE",
    "ReceiptData",
    "ReceiptLayout",
    "ReceiptLine",
    "ReceiptTender",
    "VatRow",
    "print_receipt",
    "render_receipt_pdf",
    "short_order_id",
    "sign_receipt",
    "vat_summary",
]

# Poland's standard VAT rate (ustawa o VAT, art. 146ef): the rate of a line that names none.
STANDARD_VAT_RATE = Decimal("0.23")
DISPLAY_ZONE = ZoneInfo("Europe/Warsaw")
ReceiptLayout = Literal["a4", "roll80"]

translate = QCoreApplication.translate

_DPI = 300
_FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Sans Serif"]


@dataclass(frozen=True)
class ReceiptLine:
    """One line as sold: ``discount`` is for the whole line, not per unit."""

    name: str
    sku: str
    qty: int
    unit_price: Money
    discount: Money | None = None
    vat_rate: Decimal = STANDARD_VAT_RATE

    @property
    def total(self) -> Money:
        """What the customer paid for the line (VAT included)."""
        gross = self.unit_price * self.qty
        return gross - self.discount if self.discount is not None else gross


@dataclass(frozen=True)
class ReceiptTender:
    """One payment: the tender in words, its amount, and a card or voucher reference."""

    name: str
    amount: Money
    reference: str | None = None


@dataclass(frozen=True)
class VatRow:
    """The VAT summary of one rate: gross paid, its net and its VAT, to the grosz."""

    rate: Decimal
    gross: Money
    net: Money
    vat: Money


@dataclass(frozen=True)
class ReceiptData:
    """Everything a receipt shows; ``created_at`` is aware and printed in Warsaw time.

    ``order_number`` is "" for a sale central has not numbered yet: the receipt then names the
    sale by its shortened id. ``loyalty_card`` is the customer's card as printed (masked).
    """

    store_name: str
    store_address: str
    store_id: str
    order_number: str
    order_id: str
    created_at: datetime
    staff_name: str
    lines: Sequence[ReceiptLine]
    tenders: Sequence[ReceiptTender]
    receipt_code: str
    points_earned: int = 0
    points_redeemed: int = 0
    points_balance: int | None = None
    change_due: Money | None = None
    pending_note: str | None = None
    currency: str = field(default="PLN")
    loyalty_card: str | None = None
    # A receipt of another kind (a return) names itself and its reference; points taken back.
    title: str | None = None
    reference: str | None = None
    points_reversed: int = 0
    # Store credit a return gave: its code (printed large and as a QR code) and amount.
    credit_code: str | None = None
    credit_amount: Money | None = None

    @property
    def total(self) -> Money:
        """The sum of the lines."""
        return sum((line.total for line in self.lines), Money.zero(self.currency))


def sign_receipt(
    order_id: str, store_id: str, device_id: str, private_key_text: str, now: datetime
) -> str:
    """The receipt's ``R`` token, signed with this device's own key (valid offline too)."""
    key = load_private_key(private_key_text)
    return receipt_token(order_id, store_id, device_id, key, key_id_for(key.public_key()), now)


def vat_summary(lines: Sequence[ReceiptLine], currency: str = "PLN") -> list[VatRow]:
    """Gross, net and VAT per rate, highest rate first; net rounds half-up to the grosz.

    VAT is gross minus net, so the three always add up to what the customer paid.
    """
    gross_by_rate: dict[Decimal, Decimal] = defaultdict(Decimal)
    for line in lines:
        gross_by_rate[line.vat_rate] += line.total.amount
    rows = []
    for rate in sorted(gross_by_rate, reverse=True):
        gross = gross_by_rate[rate]
        net = (gross / (1 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
        rows.append(
            VatRow(rate, Money(gross, currency), Money(net, currency), Money(gross - net, currency))
        )
    return rows


def short_order_id(order_id: str) -> str:
    """The first 8 characters of an order id: enough for a clerk to find an unnumbered sale."""
    return order_id[:8]


def _reference(data: ReceiptData) -> str:
    """The order's number, or (not numbered yet) the sale's shortened id, for the heading."""
    if data.reference:
        return data.reference
    if data.order_number:
        return translate("Receipt", "Order {number}").replace("{number}", data.order_number)
    return translate("Receipt", "Sale {id}").replace("{id}", short_order_id(data.order_id))


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


# --- layout -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Geometry:
    page_width_mm: float
    margin_mm: float
    body_pt: float
    title_pt: float
    qr_mm: float


# The QR sizes include its quiet zone; the code itself stays above 30 mm (A4) and 35 mm (roll),
# which a tablet's camera reads at arm's length.
_GEOMETRY: dict[str, _Geometry] = {
    "a4": _Geometry(210.0, 15.0, 10.0, 16.0, 38.0),
    "roll80": _Geometry(80.0, 4.0, 8.0, 11.0, 44.0),
}
_A4_HEIGHT_MM = 297.0


def _px(mm: float) -> float:
    return mm / 25.4 * _DPI


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(_FONT_FAMILIES)
    font.setPixelSize(round(points * _DPI / 72))  # device pixels, so measuring needs no device
    font.setBold(bold)
    return font


@dataclass(frozen=True)
class _Row:
    """A line of the receipt: text on the left, maybe an amount on the right, or a rule/QR."""

    left: str = ""
    right: str = ""
    bold: bool = False
    title: bool = False
    centre: bool = False
    rule: bool = False
    qr: bool = False
    qr_text: str = ""  # a QR row of this text instead of the receipt's signed code


def _rows(data: ReceiptData) -> list[_Row]:
    when = data.created_at.astimezone(DISPLAY_ZONE).strftime("%Y-%m-%d %H:%M")
    rows = [
        _Row(data.store_name, title=True, centre=True),
        _Row(data.store_address, centre=True),
        _Row(data.title or translate("Receipt", "Receipt"), bold=True, centre=True),
        _Row(_reference(data)),
        _Row(translate("Receipt", "Date {when}").replace("{when}", when)),
        _Row(translate("Receipt", "Served by {name}").replace("{name}", data.staff_name)),
        _Row(rule=True),
    ]
    for line in data.lines:
        rows.append(_Row(line.name, format_money(line.total)))
        detail = f"{line.sku}  {line.qty} × {format_money(line.unit_price)}"
        rows.append(_Row(f"{detail}  ({_percent(line.vat_rate)})"))
        if line.discount is not None and not line.discount.is_zero():
            rows.append(_Row(translate("Receipt", "Discount"), format_money(-line.discount)))
    rows += [_Row(rule=True), _Row(translate("Receipt", "Total"), format_money(data.total), True)]
    for tender in data.tenders:
        name = f"{tender.name} ({tender.reference})" if tender.reference else tender.name
        rows.append(_Row(name, format_money(tender.amount)))
    if data.change_due is not None and not data.change_due.is_zero():
        rows.append(_Row(translate("Receipt", "Change"), format_money(data.change_due)))
    rows += [_Row(rule=True), _Row(translate("Receipt", "VAT summary"), bold=True)]
    for vat in vat_summary(data.lines, data.currency):
        label = translate("Receipt", "VAT {rate}").replace("{rate}", _percent(vat.rate))
        gross = translate("Receipt", "gross")
        net = translate("Receipt", "net")
        tax = translate("Receipt", "VAT")
        rows += [
            _Row(f"{label}: {gross}", format_money(vat.gross)),
            _Row(f"    {net}", format_money(vat.net)),
            _Row(f"    {tax}", format_money(vat.vat)),
        ]
    if (
        data.points_earned
        or data.points_reversed
        or data.points_redeemed
        or data.points_balance is not None
        or data.loyalty_card
    ):
        rows += [_Row(rule=True), _Row(translate("Receipt", "Loyalty points"), bold=True)]
        if data.loyalty_card:
            rows.append(_Row(translate("Receipt", "Loyalty card"), data.loyalty_card))
        if data.points_earned:
            rows.append(_Row(translate("Receipt", "Earned"), f"+{data.points_earned}"))
        if data.points_redeemed:
            rows.append(_Row(translate("Receipt", "Redeemed"), f"-{data.points_redeemed}"))
        if data.points_reversed:
            rows.append(
                _Row(
                    translate("Receipt", "Taken back after the return"), f"-{data.points_reversed}"
                )
            )
        if data.points_balance is not None:
            rows.append(_Row(translate("Receipt", "Balance"), str(data.points_balance)))
    if data.pending_note:
        rows += [_Row(rule=True), _Row(data.pending_note, bold=True)]
    if data.credit_code and data.credit_amount is not None:
        rows += _credit_rows(data.credit_code, data.credit_amount)
    rows += [
        _Row(rule=True),
        _Row(translate("Receipt", "Keep this receipt for returns."), centre=True),
        _Row(qr=True),
    ]
    return rows


def _credit_rows(code: str, amount: Money) -> list[_Row]:
    return [
        _Row(rule=True),
        _Row(translate("Receipt", "Store credit"), format_money(amount), bold=True),
        _Row(code, title=True, centre=True),
        _Row(
            translate(
                "Receipt",
                "Spend it at any of our stores: show this code at the checkout and the clerk "
                "takes the amount off the sale. What you do not spend stays on the code.",
            )
        ),
        _Row(qr=True, qr_text=code),
    ]


class _Painter:
    """Measures and draws the rows in device pixels; one instance per page width."""

    def __init__(self, geometry: _Geometry) -> None:
        self.g = geometry
        self.left = _px(geometry.margin_mm)
        self.width = _px(geometry.page_width_mm - 2 * geometry.margin_mm)
        self.gap = _px(2)

    def font(self, row: _Row) -> QFont:
        return _font(self.g.title_pt if row.title else self.g.body_pt, row.bold or row.title)

    def _boxes(self, row: _Row) -> tuple[QRectF, QRectF]:
        metrics = QFontMetricsF(self.font(row))
        right_width = metrics.horizontalAdvance(row.right) + (self.gap if row.right else 0)
        flags = int(Qt.TextFlag.TextWordWrap)
        bound = QRectF(0, 0, self.width - right_width, 1e6)
        left = metrics.boundingRect(bound, flags, row.left or " ")
        return left, QRectF(0, 0, right_width, metrics.height())

    def height(self, row: _Row) -> float:
        if row.rule:
            return _px(3)
        if row.qr:
            return _px(self.g.qr_mm) + _px(4)
        left, right = self._boxes(row)
        return max(left.height(), right.height()) + _px(0.6)

    def draw(self, painter: QPainter, row: _Row, top: float, code: str) -> None:
        if row.rule:
            y = top + _px(1.5)
            painter.drawLine(int(self.left), int(y), int(self.left + self.width), int(y))
            return
        if row.qr:
            side = _px(self.g.qr_mm)
            target = QRectF(self.left + (self.width - side) / 2, top + _px(2), side, side)
            # Drawn without smoothing: sharp modules scan better than anti-aliased ones.
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(target, qr_image(row.qr_text or code, box=4))
            return
        painter.setFont(self.font(row))
        left, right = self._boxes(row)
        align = Qt.AlignmentFlag.AlignHCenter if row.centre else Qt.AlignmentFlag.AlignLeft
        box = QRectF(self.left, top, self.width - right.width(), left.height())
        painter.drawText(
            box, int(align | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap), row.left
        )
        if row.right:
            box = QRectF(self.left, top, self.width, right.height())
            painter.drawText(
                box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), row.right
            )


def _paint_receipt(device: QPagedPaintDevice, data: ReceiptData, layout: ReceiptLayout) -> None:
    """Lay the receipt out on a PDF writer or a printer, in pages of the layout's size."""
    geometry = _GEOMETRY[layout]
    drawer = _Painter(geometry)
    rows = _rows(data)
    heights = [drawer.height(row) for row in rows]
    margin = _px(geometry.margin_mm)
    if layout == "roll80":
        # Rounded up to a whole millimetre: page sizes are stored in whole points.
        page_height_mm = math.ceil((sum(heights) + 2 * margin) / _DPI * 25.4) + 1.0
        size = QSizeF(geometry.page_width_mm, page_height_mm)
        page_size = QPageSize(size, QPageSize.Unit.Millimeter, "Roll 80 mm")
    else:
        page_height_mm = _A4_HEIGHT_MM
        page_size = QPageSize(QPageSize.PageSizeId.A4)
    device.setPageLayout(
        QPageLayout(page_size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    painter = QPainter(device)
    try:
        # Everything is measured at _DPI; a printer of another resolution scales it.
        scale = device.logicalDpiX() / _DPI
        painter.scale(scale, scale)
        bottom = _px(page_height_mm) - margin
        top = margin
        for row, height in zip(rows, heights, strict=True):
            if layout == "a4" and top + height > bottom and top > margin:
                device.newPage()
                top = margin
            drawer.draw(painter, row, top, data.receipt_code)
            top += height
    finally:
        painter.end()


def render_receipt_pdf(data: ReceiptData, path: Path, layout: ReceiptLayout = "a4") -> Path:
    """Write the receipt as a PDF at ``path``: A4 pages, or one 80 mm roll fitted to the content."""
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(_DPI)
    number = data.order_number or short_order_id(data.order_id)
    title = translate("Receipt", "Receipt {number}").replace("{number}", number)
    writer.setTitle(title)
    writer.setCreator("Clerk")
    _paint_receipt(writer, data, layout)
    return path


def print_receipt(
    data: ReceiptData, parent: QWidget | None = None, layout: ReceiptLayout = "roll80"
) -> bool:
    """Print the receipt through the system print dialog; False if the clerk cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # the receipt keeps its own margins
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _paint_receipt(printer, data, layout)
    return True
