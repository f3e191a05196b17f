"""Checking many signed documents at once in worker processes gives, document by document,
exactly what checking them in this process gives; few documents are checked here."""

from __future__ import annotations

from agreements.signing import parallel
from tests.posten.fixtures import REFERENCE
from tests.posten.pades import make_pades
from tests.posten.pki import Pki
from tests.posten.xades_double import signer_xades


def _documents(pki: Pki, pdf: bytes) -> list[parallel.Pades | parallel.Xades]:
    """Good and bad PAdES and XAdES: trusted, untrusted, without the number, over another PDF."""
    roots = pki.ca_pem.read_bytes()
    good = make_pades(pdf, title="Avtale", signed_by=["a@b.no"], xades=[b"<x/>"],
                      seal=pki.signer, chain=[pki.ca.cert])
    untrusted = make_pades(pdf, title="Avtale", signed_by=["a@b.no"], xades=[b"<x/>"],
                           seal=pki.untrusted_signer, chain=[pki.untrusted_ca.cert])
    xades = signer_xades(pdf, "avtale.pdf", pki.signer, [pki.ca.cert])
    return [parallel.Pades(good, roots, REFERENCE), parallel.Pades(untrusted, roots, REFERENCE),
            parallel.Pades(good, roots, "PJD-FINNES-IKKE-1"), parallel.Xades(xades, roots, pdf),
            parallel.Xades(xades, roots, pdf + b"%endret\n")] * 2


def test_many_documents_are_checked_in_workers_as_they_are_here(pki: Pki, pdf: bytes) -> None:
    """Ten documents go to worker processes and come back with the outcomes checked here."""
    documents = _documents(pki, pdf)
    assert len(documents) >= parallel.MANY
    here = [parallel.verify(d) for d in documents]
    with parallel.workers() as pool:
        there = parallel.verify_all(documents)
        assert pool.executor is not None and not pool.broken
    assert there == here
    assert [o.ok for o in here[:5]] == [True, False, False, True, False]


def test_few_documents_are_checked_here(pki: Pki, pdf: bytes) -> None:
    """Below `MANY` documents no worker process is started."""
    documents = _documents(pki, pdf)[:2]
    with parallel.workers() as pool:
        outcomes = parallel.verify_all(documents)
        assert pool.executor is None
    assert [o.ok for o in outcomes] == [True, False]
