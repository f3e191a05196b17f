"""Parsing of the service's XML, including the spec's own examples and tolerated oddities."""

from __future__ import annotations

import re

import pytest

from agreements.signing.posten.responses import (
    parse_create_response,
    parse_error,
    parse_status_change,
)
from agreements.signing.provider import SigningError
from cli.errortexts import english

NS = 'xmlns="http://signering.posten.no/schema/v1"'

# schema/examples/portal/status-change-response.xml from digipost/signature-api-specification
SPEC_EXAMPLE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<portal-signature-job-status-change-response {NS}>
    <signature-job-id>1</signature-job-id>
    <status>COMPLETED_SUCCESSFULLY</status>
    <confirmation-url>https://api.signering.posten.no/api/123456789/portal/signature-jobs/1/complete</confirmation-url>
    <signatures>
        <signature>
            <status>SIGNED</status>
            <personal-identification-number>12345678910</personal-identification-number>
            <xades-url>https://api.signering.posten.no/api/123456789/portal/signature-jobs/1/xades/1</xades-url>
        </signature>
        <pades-url>https://api.signering.posten.no/api/123456789/portal/signature-jobs/1/pades</pades-url>
    </signatures>
</portal-signature-job-status-change-response>""".encode()


def _change(signature_xml: str, status: str = "IN_PROGRESS") -> bytes:
    return (
        f"<portal-signature-job-status-change-response {NS}><reference>AVT-1</reference>"
        f"<signature-job-id>7</signature-job-id><status>{status}</status>"
        "<confirmation-url>https://x/complete</confirmation-url>"
        f"<signatures>{signature_xml}</signatures></portal-signature-job-status-change-response>"
    ).encode()


def test_spec_example_parses() -> None:
    """The specification's example (no `since`, signer by national id) parses completely."""
    change = parse_status_change(SPEC_EXAMPLE)
    assert (change.job_id, change.status, change.known) == (1, "COMPLETED_SUCCESSFULLY", True)
    assert change.document_url and change.document_url.endswith("/1/pades")
    assert change.signers[0].signer == "12345678910" and change.signers[0].since is None


@pytest.mark.parametrize(
    "identifier, signer",
    [
        ('<identifier><email address="a@b.no"/></identifier>', "a@b.no"),
        ('<identifier><sms number="99999999"/></identifier>', "99999999"),
        ("<identifier>a@b.no</identifier>", "a@b.no"),
        ("<identifier>a@b.no;12345678</identifier>", "a@b.no"),
    ],
)
def test_both_identifier_forms_parse(identifier: str, signer: str) -> None:
    """Signer identifiers parse in the newest (element) and the older (text) schema form."""
    xml = _change(
        '<signature><status since="2026-01-23T12:51:43+01:00">SIGNED</status>'
        f"{identifier}</signature>"
    )
    signature = parse_status_change(xml).signers[0]
    assert (
        signature.signer == signer and signature.since and signature.since.utcoffset() is not None
    )


def test_unknown_statuses_are_kept() -> None:
    """New job and signer statuses are kept as strings and flagged unknown, not rejected."""
    xml = _change(
        '<signature><status since="2026-01-23T12:00:00Z">ON_HOLD</status>'
        "<identifier>a@b.no</identifier></signature>",
        status="PAUSED",
    )
    change = parse_status_change(xml)
    assert (change.status, change.known) == ("PAUSED", False)
    assert (change.signers[0].status, change.signers[0].known) == ("ON_HOLD", False)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<html>502 Bad Gateway</html>",
        b"<unclosed",
        SPEC_EXAMPLE.replace(
            b"<signature-job-id>1</signature-job-id>", b"<signature-job-id>one</signature-job-id>"
        ),
    ],
)
def test_malformed_answers_raise_service_error(data: bytes) -> None:
    """Anything but the expected XML raises 'Posten signering answered something unexpected: …'."""
    with pytest.raises(SigningError) as raised_:
        parse_status_change(data)
    assert re.search("answered something unexpected", english(raised_.value))


def test_create_response_parses() -> None:
    """The create answer gives job id and cancellation URL."""
    created = parse_create_response(
        f"<portal-signature-job-response {NS}><reference>AVT-1</reference><signature-job-id>42"
        "</signature-job-id><cancellation-url>https://x/42/cancel</cancellation-url>"
        "</portal-signature-job-response>".encode()
    )
    assert (created.job_id, created.cancellation_url) == (42, "https://x/42/cancel")


def test_error_xml_parses_and_non_errors_give_none() -> None:
    """The service's <error> parses to code/message/type; other bodies give None."""
    error = parse_error(
        f"<error {NS}><error-code>X</error-code><error-message>m</error-message>"
        "<error-type>CLIENT</error-type></error>".encode()
    )
    assert error is not None and (error.code, error.message, error.type) == ("X", "m", "CLIENT")
    assert parse_error(b"not xml") is None and parse_error(SPEC_EXAMPLE) is None
