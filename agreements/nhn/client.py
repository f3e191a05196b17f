"""NHN ordering over HTTP, for an ordering endpoint configured in AVTALEFLYT_NHN_URL.

NHN has no public ordering API; this channel posts the order as JSON to whatever endpoint
the organiser has (a case system, a form service). Each request carries an `Idempotency-Key`
that is stable for the order, so a retry after a timeout cannot create a second order, and an
`X-Avtaleflyt-Signature: sha256=<hex>` HMAC of the body so the receiver can trust it.
"""

from __future__ import annotations

import hashlib
import hmac

import httpx

from agreements.errorcodes import Code
from agreements.errors import ExternalServiceError

ACCEPTED = {200, 201, 202, 204}


class NhnError(ExternalServiceError):
    """The ordering endpoint did not accept the order."""


def signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def submit_order(client: httpx.Client, url: str, body: bytes, *, idempotency_key: str,
                 secret: str) -> int:
    """POST the order; returns the HTTP status. 409 (key already known) counts as accepted.

    Refused before anything is sent when there is no secret: an order signed with an empty
    key would be accepted by a receiver that checks nothing, and trusted by none that does.
    """
    if not secret:
        raise NhnError(Code.NHN_SECRET_MISSING)
    headers = {"Content-Type": "application/json", "Idempotency-Key": idempotency_key,
               "X-Avtaleflyt-Signature": signature(body, secret)}
    try:
        response = client.post(url, content=body, headers=headers)
    except httpx.TimeoutException:
        raise NhnError(Code.NHN_TIMEOUT, unreachable=True) from None
    except httpx.TransportError as exc:
        raise NhnError(Code.NHN_UNREACHABLE, reason=str(exc), unreachable=True) from None
    if response.status_code in ACCEPTED or response.status_code == 409:
        return response.status_code
    if response.status_code >= 500 or response.status_code == 429:
        raise NhnError(Code.NHN_FAILED, status=response.status_code, retryable=True)
    raise NhnError(Code.NHN_REFUSED, status=response.status_code, detail=response.text[:200])
