"""Fixtures of the scanning GUI tests: code pictures, a keyed tablet store and a bridge."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import qrcode
import zxingcpp
from PySide6.QtGui import QImage

from clerk.domain.scan import ean13_check_digit, make_loyalty_card_number
from clerk.domain.tokens import generate_private_key, key_id_for
from clerk.store import LocalStore
from clerk.ui.bridge import ServiceBridge
from tests.services.world import Tablet, customer, product, put_keys, tablet_on

CENTRAL = generate_private_key()
CENTRAL_KID = key_id_for(CENTRAL.public_key())
DEVICE_KEY = generate_private_key()
DEVICE_KID = key_id_for(DEVICE_KEY.public_key())
CARD = make_loyalty_card_number(17)
SHIRT_EAN = "590123412345" + str(ean13_check_digit("590123412345"))


def qr_image(text: str, *, box: int = 6) -> QImage:
    """A QR code of ``text`` as a grey picture, drawn from the qrcode package's matrix."""
    code = qrcode.QRCode(box_size=box, border=4)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) * box
    image = QImage(size, size, QImage.Format.Format_Grayscale8)
    image.fill(255)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                for dy in range(box):
                    image.scanLine(y * box + dy)[x * box : (x + 1) * box] = bytes(box)
    return image


def ean13_image(digits: str, *, scale: int = 3) -> QImage:
    """An EAN-13 barcode of ``digits`` written by zxing-cpp."""
    barcode = zxingcpp.create_barcode(digits, zxingcpp.BarcodeFormat.EAN13)
    pixels = barcode.to_image(scale=scale, add_quiet_zones=True)
    rows, cols = pixels.shape[0], pixels.shape[1]
    return QImage(bytes(pixels), cols, rows, cols, QImage.Format.Format_Grayscale8).copy()


def side_by_side(*images: QImage) -> QImage:
    """One white picture holding ``images`` left to right."""
    gap = 40
    width = sum(i.width() for i in images) + gap * (len(images) + 1)
    height = max(i.height() for i in images) + 2 * gap
    out = QImage(width, height, QImage.Format.Format_Grayscale8)
    out.fill(255)
    x = gap
    for image in images:
        for y in range(image.height()):
            out.scanLine(gap + y)[x : x + image.width()] = bytes(image.constScanLine(y))[
                : image.width()
            ]
        x += image.width() + gap
    return out


@pytest.fixture
def keyed_tablet(tmp_path: Path) -> Iterator[Tablet]:
    """WAW-01's slice (tests.services.world) on SQLite, with central's and this device's keys,
    a real loyalty card number and a real EAN-13 on SHIRT-M.  (The services' tests cover
    PostgreSQL; here the widgets are under test.)"""
    store = LocalStore.open(f"sqlite:///{tmp_path / 'store.db'}")
    for tablet in tablet_on(store):
        put_keys(tablet, CENTRAL, DEVICE_KEY)
        tablet.put("customer", replace(customer(), card_number=CARD))
        tablet.put("product", replace(product("SHIRT-M"), ean=SHIRT_EAN))
        yield tablet
    store.close()


@pytest.fixture
def bridge() -> Iterator[ServiceBridge]:
    bridge = ServiceBridge()
    yield bridge
    bridge.close()
