"""Issue 20, item 3: several machines, one PostgreSQL. Two processes, each with a data folder
of its own (two machines), onboard the same kommuner and run the follow-up at the same time,
with the documents in the database and one audit key; the portal on a third machine serves an
agreement they drafted and takes evidence that the first machine then exports. Nothing is made
twice, no document is lost or left in a local folder, every process reads every document, and
`audit verify` agrees in each.

Also: a machine with an audit key of its own is refused before it writes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from agreements import reference
from agreements.app import open_app
from agreements.config import Settings
from agreements.core import audit
from agreements.core.db import get_engine
from agreements.core.models import (
    Agreement,
    ChecklistItem,
    Contact,
    Document,
    Organisation,
    OutboxMessage,
    Participation,
)
from agreements.errorcodes import Code
from agreements.errors import Refused
from tests.conftest import free_port, fresh_postgres_database, make_app
from tests.fault_world import KS_SIGNER, Place, Servers, environment, follow_up_day, ok, servers
from tests.forked import Run, portal_child, spawn_cli
from tests.helpers import oslo_kilde, specialist_kilde
from tests.loopback import client as http_client
from tests.portal_helpers import SECRET as SECRET_KEY
from tests.portal_helpers import follow_link, post

SECRET = "one key for every machine of the installation"


@pytest.fixture
def loopback() -> Iterator[Servers]:
    """The mail server and NHN's endpoint every machine talks to."""
    with servers() as s:
        yield s


def machines(root: Path, db_url: str, s: Servers, n: int) -> list[Place]:
    """`n` machines: a data folder each, one database, documents in it, one audit secret."""
    found = []
    for i in range(n):
        place = Place(root / f"machine-{i}", db_url)
        place.env = {**environment(place, s), "AVTALEFLYT_DOCUMENT_STORE": "database",
                     "AVTALEFLYT_AUDIT_SECRET": SECRET, "AVTALEFLYT_ACTOR": f"machine-{i}"}
        found.append(place)
    return found


def at_once(places: list[Place], *argv: str) -> list[Run]:
    """The same command on every machine, at the same time."""
    children = [spawn_cli(argv, p.env, db_url=p.url) for p in places]
    return [ok(child.wait(300)) for child in children]


@pytest.mark.postgres
def test_two_machines_at_once_make_nothing_twice_and_lose_no_document(
        postgres_server: str, loopback: Servers, tmp_path: Path) -> None:
    """Onboarding and two follow-ups, each run on two machines at once: one participation,
    agreement, message and letter each; every document readable on the portal's machine; no
    document in any local folder; `audit verify` OK on each, and on a fourth that never wrote."""
    a, b, c, d = machines(tmp_path, fresh_postgres_database(postgres_server), loopback, 4)
    ok(a.cli("init"))
    for args in (("--name", "Kim Leder", "--email", KS_SIGNER, "--role", "signatory"),
                 ("--name", "Kari Koordinator", "--email", "kari@ks.no", "--role",
                  "coordinator")):
        ok(b.cli("org", "contact", "add", "971032146", *args))
    kommuner = list(reference.kommuner())[:12]
    rows = tmp_path / "rows.csv"
    rows.write_text("orgnr,role,signatory_name,signatory_email\n" + "".join(
        f"{o},kilde,Signatar {i},s{i}@k{i}.no\n" for i, o in enumerate(kommuner)),
        encoding="utf-8")
    at_once([a, b], "onboard", "--csv", str(rows), "--offline")
    at_once([a, b], "follow-up")  # sends the agreements
    at_once([a, b], "follow-up", "--today", follow_up_day())  # the first reminders, letters
    evidence = b"%PDF-1.4\n% DPIA, handed in on the portal\n%%EOF\n"
    with portal_on(c) as base:
        served, item = through_the_portal(a, base, kommuner[0], evidence)
    exported = tmp_path / "export"
    assert "written" in ok(a.cli("documents", "export", str(exported))).out

    with open_app(Settings.from_env(c.env)) as app, app.transaction() as s:
        participations = list(s.exec(select(Participation)))
        agreements = list(s.exec(select(Agreement)))
        keys = Counter(m.key for m in s.exec(select(OutboxMessage)))
        documents = list(s.exec(select(Document)))
        read = [app.documents.read(d) for d in documents]  # checked against each SHA-256
    get_engine(a.url).dispose()
    assert len(participations) == len(kommuner) == len(agreements)
    assert keys and max(keys.values()) == 1
    assert sum(d.kind == "reminder" for d in documents) == len(
        [k for k in keys if k.startswith("followup:remind:signature")])
    assert len(read) == len(documents) and {d.kind for d in documents} >= {"agreement",
                                                                             "reminder"}
    drafted = next(d for d in documents if d.kind == "agreement" and d.path.endswith(".docx"))
    assert served == read[documents.index(drafted)]  # the portal served what A or B drafted
    handed_in = [d for d in documents if d.kind == "evidence"]
    assert len(handed_in) == 1 and (exported / handed_in[0].path).read_bytes() == evidence
    assert item
    sent = Counter(m["Message-ID"] for m in loopback.inbox.messages)
    assert sent and max(sent.values()) == 1  # no e-mail went out twice
    for place in (a, b, c):
        assert not (place.data_dir / "documents").exists(), place
        assert not (place.data_dir / "uploads").exists(), place
        run = place.cli("audit", "verify")
        assert run.code == 0 and "shared anchor in the database matches" in run.out, run
    run = d.cli("audit", "verify")  # a machine that never wrote: the shared anchor suffices
    assert run.code == 0 and "no anchor file" in run.out, run


@contextmanager
def portal_on(place: Place) -> Iterator[str]:
    """`avtaleflyt portal` as a process of the machine `place`, once it answers."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    place.env.update(AVTALEFLYT_SECRET_KEY=SECRET_KEY, AVTALEFLYT_PORTAL_URL=base)
    with portal_child(port, place.env, db_url=place.url):
        yield base


def through_the_portal(operator: Place, base: str, orgnr: str, evidence: bytes
                       ) -> tuple[bytes, int]:
    """The kommune's signatory signs in on the portal, downloads the agreement drafted on
    another machine and hands in evidence; the agreement's bytes and the item's id."""
    with open_app(Settings.from_env(operator.env)) as app, app.transaction() as s:
        org = s.exec(select(Organisation).where(Organisation.orgnr == orgnr)).one()
        part = s.exec(select(Participation).where(
            Participation.organisation_id == org.id)).one()
        agreement = s.exec(select(Agreement).where(
            Agreement.participation_id == part.id)).one()
        item = s.exec(select(ChecklistItem).where(
            ChecklistItem.participation_id == part.id)).first()
        signatory = s.exec(select(Contact).where(Contact.organisation_id == org.id)).first()
    get_engine(operator.url).dispose()
    assert item is not None and signatory is not None and item.id is not None
    link = ok(operator.cli("portal", "link", signatory.email)).out.split()[-1]
    with http_client(base_url=base, follow_redirects=True, timeout=60) as client:
        assert "Logg ut" in follow_link(client, base + link[link.index("/logg-inn"):]).text
        served = client.get(f"/avtale/{agreement.id}/dokument/docx")
        assert served.status_code == 200, served.text
        answer = post(client, f"/virksomhet/{orgnr}/sjekkliste/{item.id}",
                      files={"fil": ("dpia.pdf", evidence, "application/pdf")},
                      page=f"/virksomhet/{orgnr}/sjekkliste")
        assert "levert" in str(answer.url), answer.text
    return served.content, item.id


def test_a_machine_with_a_key_of_its_own_is_refused_before_it_writes(
        settings: Settings, db_url: str, tmp_path: Path) -> None:
    """Without the shared AVTALEFLYT_AUDIT_SECRET a machine makes a key of its own; its
    first write is refused, naming both keys, and the log stays verifiable."""
    one = make_app(settings.model_copy(update={"database_url": db_url}), date(2026, 11, 25))
    oslo_kilde(one)
    other = open_app(settings.model_copy(update={
        "database_url": db_url, "data_dir": tmp_path / "elsewhere"}), actor="other")
    with pytest.raises(Refused) as caught:
        specialist_kilde(other)
    assert caught.value.code is Code.AUDIT_OTHER_KEY
    assert caught.value.params["theirs"] == one.audit_signer().key_id
    with one.transaction() as s:
        assert audit.verify(s).ok
        assert s.exec(select(Participation)).all() == s.exec(select(Participation).where(
            Participation.id == 1)).all()  # the refused registration wrote nothing
