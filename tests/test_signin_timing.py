"""Asking for a sign-in link: the portal's answer comes after the same work for a known and an
unknown address (issue 20: no timing oracle); the link is made after the answer."""

from __future__ import annotations

from agreements.access import tokens
from agreements.app import App
from tests.helpers import oslo_kilde


def counts(app: App) -> dict[str, int]:
    """How many rows each table holds."""
    import sqlalchemy as sa

    with app.transaction() as s:
        names = sa.inspect(s.connection()).get_table_names()
        return {n: s.connection().execute(sa.text(f'SELECT count(*) FROM "{n}"')).scalar_one()
                for n in names}


def test_the_answer_to_a_request_does_the_same_work_for_a_known_and_an_unknown_address(
        any_app: App) -> None:
    """What the portal does before answering (counting the request) writes the same rows
    for a contact's address as for an unknown one; the link, its e-mail and its audit event
    come only from the step run after the answer."""
    oslo_kilde(any_app)
    before = counts(any_app)
    assert tokens.count_request(any_app, "siri@oslo.kommune.no", "10.0.0.1") == \
        "siri@oslo.kommune.no"
    known = counts(any_app)
    tokens.count_request(any_app, "ukjent@example.no", "10.0.0.2")
    unknown = counts(any_app)
    assert {n: known[n] - before[n] for n in before} == \
        {n: unknown[n] - known[n] for n in before}
    assert tokens.mail_link(any_app, "ukjent@example.no", "10.0.0.2") is None
    assert tokens.mail_link(any_app, "siri@oslo.kommune.no", "10.0.0.1") is not None
    after = counts(any_app)
    assert after["signintoken"] == unknown["signintoken"] + 1
    assert after["outboxmessage"] == unknown["outboxmessage"] + 1
