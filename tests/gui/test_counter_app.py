"""The Counter in the real app on a real central: a customer outside the slice fetched over
HTTP, served from the cache when central goes away, and codes that are refused with a reason."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from clerk.central.keys import active_signing_key
from clerk.domain.scan import make_loyalty_card_number
from clerk.domain.tokens import loyalty_token
from clerk.ui.screens.counter.screen import CounterScreen
from clerk.ui.session import Screen
from clerk.ui.shell import Shell
from tests.gui.app_rig import SALES, TabletRig
from tests.gui.test_app import rig, shell, sign_in  # noqa: F401 (fixtures)
from tests.support.outsiders import add_outsider
from tests.sync.conftest import central_template  # noqa: F401 (a fixture)


def outsider(rig: TabletRig) -> str:  # noqa: F811
    customer = add_outsider(
        rig.central.engine,
        "CUS-OUTSIDER-5",
        first_name="Wiesława",
        last_name="Zagórska",
        card_seq=987_655,
        points=640,
    )
    return customer.id


def code_for(rig: TabletRig, customer_id: str, at: datetime | None = None) -> str:  # noqa: F811
    with Session(rig.central.engine) as session:
        key_id, private = active_signing_key(session)
    return loyalty_token(customer_id, private, key_id, at or datetime.now(UTC))


def counter_of(qtbot: QtBot, shell: Shell) -> CounterScreen:  # noqa: F811
    sign_in(qtbot, shell.window, SALES)
    qtbot.waitUntil(lambda: not shell.window.showing_sign_in)
    counter = shell.window.screen_widget(Screen.COUNTER)
    assert isinstance(counter, CounterScreen)
    return counter


def test_a_customer_outside_the_slice_comes_from_central_and_stays(
    qtbot: QtBot,
    shell: Shell,  # noqa: F811
    rig: TabletRig,  # noqa: F811
) -> None:
    customer_id = outsider(rig)
    counter = counter_of(qtbot, shell)
    with qtbot.waitSignal(counter.customerShown, timeout=10000):
        shell.router.submit(code_for(rig, customer_id))
    assert counter.view is not None and counter.view.source == "central"
    assert counter.header.name.text() == "Wiesława Zagórska"
    assert "central" in counter.banner.text()
    qtbot.waitUntil(lambda: not shell.services.bridge.busy)

    # The next scan is answered on the tablet.
    counter.close_customer()
    with qtbot.waitSignal(counter.customerShown, timeout=5000):
        shell.router.submit(code_for(rig, customer_id))
    assert counter.view is not None and counter.view.source == "local"
    qtbot.waitUntil(lambda: not shell.services.bridge.busy)


def test_a_card_outside_the_slice_is_looked_up_at_central(
    qtbot: QtBot,
    shell: Shell,  # noqa: F811
    rig: TabletRig,  # noqa: F811
) -> None:
    outsider(rig)
    counter = counter_of(qtbot, shell)
    with qtbot.waitSignal(counter.customerShown, timeout=10000):
        shell.router.submit(make_loyalty_card_number(987_655))
    assert counter.header.name.text() == "Wiesława Zagórska"
    qtbot.waitUntil(lambda: not shell.services.bridge.busy)


def test_expired_and_forged_codes_are_refused_with_the_reason(
    qtbot: QtBot,
    shell: Shell,  # noqa: F811
    rig: TabletRig,  # noqa: F811
) -> None:
    counter = counter_of(qtbot, shell)
    window = shell.window
    with rig.tablet.store.unit(read_only=True) as unit:
        customer = unit.customers.page(limit=1)[0]
    expired = code_for(rig, customer.id, datetime.now(UTC) - timedelta(minutes=30))
    shell.router.submit(expired)
    qtbot.waitUntil(lambda: "expired" in window.message_bar.text.lower())
    assert counter.view is None

    # The same code with another customer's id in it: the signature no longer matches.
    prefix, kind, payload, signature = code_for(rig, customer.id).split(".")
    claims = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    forged_claims = claims.replace(customer.id.encode(), b"CUS-SOMEONE-ELSE")
    forged_payload = base64.urlsafe_b64encode(forged_claims).rstrip(b"=").decode()
    shell.router.submit(".".join((prefix, kind, forged_payload, signature)))
    qtbot.waitUntil(lambda: "signature" in window.message_bar.text.lower())
    assert counter.view is None
