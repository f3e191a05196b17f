"""E-signing all 357 kommuner (issue 9's scale; the suite runs the same story on a few,
tests/test_esign_scale.py): with AVTALEFLYT_SIGNING=posten, `avtaleflyt onboard --csv`
against a real `prefect server` creates 357 jobs at the loopback Posten signering (two-way
TLS, real PAdES); once every signer has signed, one `avtaleflyt signing poll` records 714
signatures, 357 verified PAdES and 357 certificates. Posten hides a change it handed out for
10 minutes, as in production, so that one poll must take everything in one pass.

    .venv/bin/python -m bench.esign
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from agreements import reference
from agreements.documents.pdf import soffice
from bench.common import Row, Timing, avtaleflyt, env_for, finish, interleaved, load
from bench.prefect_server import prefect_server

if TYPE_CHECKING:
    from tests.posten.server import PostenServer

KOMMUNER = 357
GOALS = {"onboarding": 120.0, "poll": 210.0}  # seconds: the figures of issue 9 (under load)


def counts(env: dict[str, str]) -> dict[str, int]:
    """What the poll recorded, read from the database."""
    from sqlmodel import col, func, select

    from agreements.app import open_app
    from agreements.config import Settings
    from agreements.core.models import Agreement, Document, Signature, SignatureCheck

    with open_app(Settings.from_env(env), actor="bench") as app, app.transaction() as s:
        def count(model: type, *where: object) -> int:
            return int(s.exec(select(func.count()).select_from(model)  # type: ignore[arg-type]
                              .where(*where)).one())

        return {"signatures": count(Signature, Signature.status == "signed"),
                "certificates": count(Agreement, col(Agreement.certificate_pdf_id).is_not(None)),
                "verified": count(SignatureCheck, SignatureCheck.valid),
                "certificate files": count(Document, Document.kind == "certificate")}


@contextmanager
def loopback_posten(data: Path, names: dict[str, str] | None = None, **extra: str
                    ) -> Iterator[tuple[PostenServer, dict[str, str]]]:
    """The loopback Posten signering (two-way TLS, real PAdES; a change handed out stays
    hidden for 10 minutes, as in production) and the environment of an avtaleflyt with its
    data in `data` that signs there (`names`: each signer's name in their certificate)."""
    from tests.posten.fixtures import organisers
    from tests.posten.pki import P12_PASSWORD, shared_pki
    from tests.posten.server import PostenServer

    pki = shared_pki()
    with PostenServer(pki, senders=organisers(), visibility_timeout=600,
                      names=names) as posten:
        yield posten, env_for(data, AVTALEFLYT_PDF="1", AVTALEFLYT_SIGNING="posten",
                              AVTALEFLYT_POSTEN_URL=posten.root_url,
                              AVTALEFLYT_POSTEN_CERT=str(pki.client_p12),
                              AVTALEFLYT_POSTEN_CERT_PASSWORD=P12_PASSWORD,
                              AVTALEFLYT_POSTEN_CA_BUNDLE=str(pki.ca_pem),
                              AVTALEFLYT_SIGNING_TRUST_ROOTS=str(pki.ca_pem), **extra)


def sign_all(posten: PostenServer, *, signer_by_signer: bool = False) -> None:
    """Every signer of every job signs, in each job's order: job by job, or (with
    `signer_by_signer`) every job's first signer, then every job's second, so that each
    signature is a status change of its own in the queue."""
    jobs = list(posten.jobs.values())
    if not signer_by_signer:
        for job in jobs:
            for signer in job.signers:
                posten.sign(job.id, signer.email)
        return
    for position in range(max((len(j.signers) for j in jobs), default=0)):
        for job in jobs:
            if position < len(job.signers):
                posten.sign(job.id, job.signers[position].email)


def run(tmp: Path, url: str) -> dict[str, Timing | dict[str, int]]:
    with loopback_posten(tmp / "data") as (posten, env):
        avtaleflyt("init", env=env)()
        avtaleflyt("org", "contact", "add", "971032146", "--name", "Kim Leder", "--email",
                   "kim@ks.no", "--role", "signatory", env=env)()
        csv = tmp / "kommuner.csv"
        csv.write_text("orgnr,role,signatory_name,signatory_email\n" + "".join(
            f"{o},kilde,Ordfører {o},ordforer@k{o}.example\n"
            for o in sorted(reference.kommuner())), encoding="utf-8")
        onboarding = interleaved(1, now=avtaleflyt(
            "onboard", "--csv", str(csv), "--offline",
            env={**env, "PREFECT_API_URL": url}))["now"]
        jobs = len(posten.jobs)
        sign_all(posten)
        poll = interleaved(1, now=avtaleflyt("signing", "poll", env=env))["now"]
        found = {"jobs": jobs, **counts(env)}
    return {"onboarding": onboarding, "poll": poll, "counts": found}


def main() -> list[Row]:
    if soffice() is None:
        print("e-signing 357 kommuner: not measured (LibreOffice is not installed)")
        return []
    print(f"e-signing {KOMMUNER} kommuner through the loopback Posten signering; {load()}")
    with tempfile.TemporaryDirectory(prefix="bench-esign-") as tmp, prefect_server() as url:
        result = run(Path(tmp), url)
    found = result["counts"]
    assert isinstance(found, dict)
    expected = {"jobs": KOMMUNER, "signatures": 2 * KOMMUNER, "certificates": KOMMUNER,
                "verified": KOMMUNER, "certificate files": 2 * KOMMUNER}  # DOCX and PDF
    rows = []
    for phase, what in [("onboarding", f"creating {KOMMUNER} Posten jobs in one onboarding "
                                       "run, with PDFs"),
                        ("poll", f"one poll recording {2 * KOMMUNER} signatures, {KOMMUNER} "
                                 "verified PAdES and certificates")]:
        timing = result[phase]
        assert isinstance(timing, Timing)
        row = Row(f"e-signing {KOMMUNER} kommuner: {what}", f"≤{GOALS[phase]:.0f} s")
        for name, n in expected.items():
            row.require(found.get(name) == n, f"{name}: {found.get(name)}, expected {n}")
        row.at_most(timing, GOALS[phase])
        rows.append(row)
    return rows


if __name__ == "__main__":
    finish(main())
