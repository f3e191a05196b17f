"""The Posten signering adapter's error: a `SigningError` (an `ExternalServiceError`)."""

from __future__ import annotations

from agreements.signing.provider import SigningError


class PostenError(SigningError):
    """A call to Posten signering failed, or it answered something unexpected."""
