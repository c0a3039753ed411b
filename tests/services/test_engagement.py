"""add_note and record_feedback: on the timeline at once, under the id central keeps."""

from __future__ import annotations

import pytest

from clerk.domain.errors import DomainError
from clerk.services import add_note, record_feedback
from tests.services.world import NOW, STORE, Tablet


def test_note_lands_on_the_timeline(tablet: Tablet) -> None:
    done = add_note(
        tablet.ctx, tablet.actor("anna"), "cust-gold", " Woli kontakt SMS ", note_id="note-000001"
    )
    note = done.value
    assert (note.id, note.kind, note.body, note.staff_id, note.store_id, note.created_at) == (
        "note-000001",
        "note",
        "Woli kontakt SMS",
        "anna",
        STORE,
        NOW,
    )
    with tablet.store.unit(read_only=True) as unit:
        assert [i.id for i in unit.customers.interactions("cust-gold")] == ["note-000001"]
    command = done.command
    assert command.path == "/v1/customers/cust-gold/interactions"
    assert command.body == {
        "id": "note-000001",
        "staff_id": "anna",
        "kind": "note",
        "body": "Woli kontakt SMS",
    }
    assert command.lane is None and command.if_match is None


@pytest.mark.parametrize(
    ("staff_id", "customer_id", "body", "code"),
    [
        ("piotr", "cust-gold", "x", "role_not_allowed"),
        ("anna", "nobody", "x", "customer_not_found"),
        ("anna", "cust-gold", "  ", "empty_note"),
        ("ola", "cust-gold", "x", "unknown_staff"),
    ],
)
def test_note_refusals(
    tablet: Tablet, staff_id: str, customer_id: str, body: str, code: str
) -> None:
    with pytest.raises(DomainError) as refused:
        add_note(tablet.ctx, tablet.actor(staff_id), customer_id, body)
    assert refused.value.code == code
    assert tablet.commands() == []


def test_feedback_of_a_customer_shares_its_id_with_the_timeline_entry(tablet: Tablet) -> None:
    done = record_feedback(
        tablet.ctx, tablet.actor("piotr"), "pickup", 5, ref_id="ord-1", customer_id="cust-gold"
    )
    item = done.value
    assert item is not None and item.kind == "feedback" and item.subject == "Pickup feedback: 5/5"
    assert tablet.get("interaction", item.id) == item.to_dict()
    assert done.command.body == {
        "id": item.id,
        "staff_id": "piotr",
        "subject": "pickup",
        "score": 5,
        "ref_id": "ord-1",
        "customer_id": "cust-gold",
    }


def test_anonymous_feedback_touches_nothing_locally(tablet: Tablet) -> None:
    done = record_feedback(tablet.ctx, tablet.actor("anna"), "sale", 3)
    assert done.value is None and done.command.touches == ()
    assert done.command.path == "/v1/feedback"
    for score in (0, 6):
        with pytest.raises(DomainError) as refused:
            record_feedback(tablet.ctx, tablet.actor("anna"), "sale", score)
        assert refused.value.code == "invalid_score"
