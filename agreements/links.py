"""Links into the portal, for e-mails: the page where the recipient can act.

The portal's routes use these same paths (`tests/test_portal_pages.py` follows each one), so an
e-mail never points to a page that does not exist. The base is `AVTALEFLYT_PORTAL_URL`.
"""

from __future__ import annotations

from urllib.parse import quote

from agreements.config import Settings


def _url(settings: Settings, path: str) -> str:
    return settings.portal_url.rstrip("/") + path


def home(settings: Settings) -> str:
    """The portal's front page: sign in, then each organisation and area one reaches."""
    return _url(settings, "/")


def organisation(settings: Settings, orgnr: str) -> str:
    """The organisation's status page."""
    return _url(settings, f"/virksomhet/{orgnr}")


def checklist(settings: Settings, orgnr: str) -> str:
    """The organisation's readiness checklist, where evidence is handed in and reviewed."""
    return _url(settings, f"/virksomhet/{orgnr}/sjekkliste")


def nhn(settings: Settings, orgnr: str) -> str:
    """The NHN order, bruksvilkår and the details the order needs."""
    return _url(settings, f"/virksomhet/{orgnr}/nhn")


def agreement(settings: Settings, agreement_id: int) -> str:
    """One agreement: download it, each signer's status, hand in a signed copy."""
    return _url(settings, f"/avtale/{agreement_id}")


def sign_in(settings: Settings, token: str) -> str:
    """A single-use sign-in link (it opens a page with a button: scanners cannot use it up)."""
    return _url(settings, f"/logg-inn/lenke?token={quote(token, safe='')}")


def run_files(settings: Settings) -> str:
    """Where an organiser's coordinator uploads files for runs in the Prefect UI."""
    return _url(settings, "/filer")


def reports(settings: Settings) -> str:
    """The rollout reports kept in the document store, for an organiser's coordinator."""
    return _url(settings, "/rapporter")


def report_file(settings: Settings, document_id: int) -> str:
    """One file of a rollout report, as a download."""
    return _url(settings, f"/rapporter/{document_id}")
