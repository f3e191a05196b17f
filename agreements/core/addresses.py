"""Checks on network addresses that enter from outside (settings, evidence links): a host
name or IP address, whether it is this machine, and whether a URL carries credentials.

A URL with a user name or password (`https://svc:S3cret@intranett.example/dpia`) is refused
wherever one enters: it would be stored, printed by `outbox list` or e-mailed verbatim.
"""

from __future__ import annotations

import re
from ipaddress import ip_address
from urllib.parse import urlsplit

_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = re.compile(rf"(?=.{{1,253}}$)({_LABEL}\.)*{_LABEL}\.?")


def is_ip(host: str) -> bool:
    try:
        ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def is_host(value: str) -> bool:
    """A DNS host name (letters, digits, hyphens, dots) or an IP address: no spaces, no
    user info, no port."""
    return bool(_HOST.fullmatch(value)) or is_ip(value)


def is_remote(host: str | None) -> bool:
    """A host other than this machine (`localhost`, 127.0.0.0/8, ::1)."""
    if not host:
        return False
    try:
        return not ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host.lower() not in ("localhost", "localhost.localdomain")


def has_credentials(url: str) -> bool:
    """The URL carries a user name or password (`scheme://user:pw@host/`)."""
    try:
        return "@" in urlsplit(url).netloc
    except ValueError:
        return False


def is_one_mailbox(value: str) -> bool:
    """One e-mail address as a header value, with or without a name."""
    from email.headerregistry import Address
    from email.policy import default

    try:
        found: tuple[Address, ...] = default.header_factory("From", value).addresses
    except (ValueError, IndexError):
        return False
    return len(found) == 1 and "@" in found[0].addr_spec


def missing_filesystem(store: str) -> tuple[str, str | None] | None:
    """For a document store URL whose fsspec filesystem cannot be loaded here: its scheme and
    the package to install (None: fsspec knows no such scheme). None when it can be, and for
    `folder` and `database`. Nothing is imported but fsspec's registry (s3fs alone takes half
    a second)."""
    from importlib.util import find_spec

    from fsspec.registry import known_implementations, registry

    scheme, sep, _ = store.partition("://")
    if not sep or scheme in registry:
        return None
    known = known_implementations.get(scheme)
    if known is None:
        return scheme, None
    package = str(known["class"]).split(".", 1)[0]
    return None if find_spec(package) else (scheme, package)


def is_store(value: str) -> bool:
    """A document store: `folder`, `database`, or a URL with a scheme and a place
    (`s3://bucket/avtaleflyt`, `file:///mnt/shared/avtaleflyt`)."""
    scheme, sep, rest = value.partition("://")
    return value in ("folder", "database") or bool(
        sep and scheme.replace("+", "").isalnum() and rest.strip("/"))
