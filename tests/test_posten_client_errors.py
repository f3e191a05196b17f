"""How the client maps transport failures and HTTP statuses to SigningError."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

from agreements.signing.posten.client import PostenClient
from agreements.signing.provider import SigningError
from cli.errortexts import english

ROOT = "https://api.signering.test/api"
ERROR = (
    b'<error xmlns="http://signering.posten.no/schema/v1"><error-code>SOME_CODE</error-code>'
    b"<error-message>went wrong</error-message><error-type>CLIENT</error-type></error>"
)


def _client(handler: Callable[[httpx.Request], httpx.Response]) -> PostenClient:
    return PostenClient(httpx.Client(transport=httpx.MockTransport(handler)), ROOT)


def _raise(exc: Exception) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


@pytest.mark.parametrize("failure", [httpx.ReadTimeout("slow"), httpx.ConnectError("refused")])
def test_timeouts_and_transport_errors_are_retryable(failure: Exception) -> None:
    """Timeouts and connection failures are retryable."""
    with pytest.raises(SigningError) as raised:
        _client(_raise(failure)).poll("999888777", None)
    assert raised.value.retryable is True


@pytest.mark.parametrize(
    "status, retryable", [(500, True), (503, True), (400, False), (403, False)]
)
def test_5xx_retryable_4xx_not_with_service_error_code(status: int, retryable: bool) -> None:
    """5xx is retryable, 4xx is not; the service's error code and message are in the message."""
    client = _client(
        lambda request: httpx.Response(
            status, content=ERROR, headers={"Content-Type": "application/xml"}
        )
    )
    with pytest.raises(SigningError) as raised:
        client.confirm(f"{ROOT}/999888777/portal/signature-jobs/1/complete")
    assert raised.value.retryable is retryable
    said = english(raised.value)
    assert f"HTTP {status}" in said and "SOME_CODE: went wrong" in said


def test_missing_poll_header_falls_back_to_safe_wait() -> None:
    """An empty queue without X-Next-permitted-poll-time gives a safe wait, no error."""
    result = _client(lambda request: httpx.Response(204)).poll("999888777", None)
    assert result.change is None and result.next_permitted is not None


def test_client_never_retries_by_itself() -> None:
    """One API call makes exactly one HTTP request, even when it fails retryably."""
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(503)

    with pytest.raises(SigningError):
        _client(handler).download(f"{ROOT}/999888777/portal/signature-jobs/1/pades")
    assert len(calls) == 1


def test_unparseable_status_change_is_retryable() -> None:
    """A garbled 200 on poll is retryable: the unconfirmed change will be delivered again."""
    client = _client(lambda request: httpx.Response(200, content=b"<html>oops</html>"))
    with pytest.raises(SigningError) as raised:
        client.poll("999888777", "avtaleflyt")
    assert re.search("answered something unexpected", english(raised.value))
    assert raised.value.retryable is True
