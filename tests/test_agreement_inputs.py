"""What goes into a generated agreement: the signature block, the document types of the
forhåndsvurdering (and none before it), the bokmål of the shipped templates, and a draft made
again when its parties or contacts changed before it was sent."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from sqlmodel import select

from agreements import commands as c
from agreements.app import App
from agreements.config import PROJECT_ROOT, Settings
from agreements.contracts import drafts
from agreements.core.enums import ContactRole
from agreements.core.models import Agreement, Document, Participation
from agreements.documents import contexts
from agreements.documents.render import Renderer
from agreements.errors import InvalidInput
from agreements.readiness import checklist
from agreements.reference import DOCUMENT_TYPES_ITEM
from tests.helpers import KS, OSLO, add_contact, oslo_kilde, refused_saying


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Without PDFs: these tests read what goes into the Word document; its conversion is
    tested in test_templates_pdf, test_documents and test_manual_signing."""
    return settings.model_copy(update={"pdf": False})



def document_text(app: App, agreement_id: int) -> str:
    with app.transaction() as s:
        agreement = s.get(Agreement, agreement_id)
        assert agreement is not None
        doc = s.get(Document, agreement.docx_id)
        assert doc is not None
    d = docx.Document(io.BytesIO((app.settings.data_dir / doc.path).read_bytes()))
    cells = [cell.text for t in d.tables for row in t.rows for cell in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells).replace("\u00a0", " ")


def rendered(name: str) -> str:
    d = docx.Document(io.BytesIO(Renderer(PROJECT_ROOT / "templates").render(
        name, contexts.sample_contexts()[name])))
    cells = [cell.text for t in d.tables for row in t.rows for cell in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def assess(app: App, pid: int, types: list[str]) -> None:
    with app.transaction() as s:
        p = s.get(Participation, pid)
        assert p is not None
        checklist.complete(app, s, p, DOCUMENT_TYPES_ITEM,
                           checklist.Evidence(url="https://oslo.example/vurdering"), "Siri", types)


def test_signature_block_names_each_signatory_with_title_and_organisation(app: App) -> None:
    """Each party's block says for which organisation, who signs and their title."""
    pid = oslo_kilde(app)
    c.save_contact(app, c.SaveContact(orgnr=OSLO, name="Ola Ordfører",
                                      email="ola@oslo.kommune.no", role="signatory",
                                      title="Kommunedirektør"))
    c.save_contact(app, c.SaveContact(orgnr=KS, name="Kim Leder", email="kim@ks.no",
                                      role="signatory", title="Direktør"))
    (made,) = drafts.create_agreements(app, [pid])
    text = document_text(app, made.agreement_id)
    assert "Oslo kommune, org.nr. 958 935 420" in text and "Kommunedirektør" in text
    assert "KS – Kommunesektorens organisasjon, org.nr. 971 032 146" in text
    assert "Kim Leder" in text and "Direktør" in text and "Sted og dato" in text


def test_agreement_refers_to_the_vedlegg_before_and_after_the_forhandsvurdering(
        app: App) -> None:
    """§ 5 lists no types and names no evidence file, before or after the forhåndsvurdering:
    it refers to Vedlegg 1, which states them (tests/test_annex.py)."""
    pid = oslo_kilde(app)
    (before,) = drafts.create_agreements(app, [pid])
    assess(app, pid, ["Legevaktnotater", "Epikriser: Fra sykehjem"])
    (after,) = drafts.create_agreements(app, [pid])
    assert after.agreement_id == before.agreement_id  # the types do not make it out of date
    text = document_text(app, before.agreement_id)
    assert "Dokumenttypene står i Vedlegg 1" in text
    assert "Epikriser" not in text and "https://oslo.example/vurdering" not in text


def test_forhandsvurdering_needs_the_chosen_types(app: App) -> None:
    """Done without any document type, the forhåndsvurdering is refused, naming the option."""
    with refused_saying(InvalidInput, "--document-type"):
        assess(app, oslo_kilde(app), [])


def test_other_items_record_no_document_types(app: App) -> None:
    """Document types given with another item are refused."""
    pid = oslo_kilde(app)
    with app.transaction() as s, pytest.raises(InvalidInput, match="records no document"):
        checklist.complete(app, s, s.get(Participation, pid), "risikovurdering",  # type: ignore[arg-type]
                           checklist.Evidence(url="https://x.example/ros"), None, ["Epikriser"])


def test_unsent_draft_is_made_again_when_a_signatory_was_added(app: App) -> None:
    """Sending a draft made before KS had a signatory: a new version with Kim in Vedlegg 1 and
    the signature block goes out; the old one is kept, superseded."""
    pid = oslo_kilde(app)
    with app.transaction() as s:  # organisers_with_contacts gave KS a signatory: remove it
        from agreements.core.models import Contact

        for contact in s.exec(select(Contact).where(Contact.email == "kim@ks.no")):
            s.delete(contact)
    (old,) = drafts.create_agreements(app, [pid])
    assert "Kim Leder" not in document_text(app, old.agreement_id)
    add_contact(app, KS, "Kim Leder", "kim@ks.no", ContactRole.SIGNATORY)
    outcome = c.send_agreement(app, c.SendAgreement(agreement_id=old.agreement_id))
    assert outcome.agreement_id != old.agreement_id and "out of date" in outcome.message
    with app.transaction() as s:
        before = s.get(Agreement, old.agreement_id)
        after = s.get(Agreement, outcome.agreement_id)
        assert before is not None and after is not None
        assert (before.status, after.status, after.version) == ("superseded", "sent", 2)
    assert "Kim Leder" in document_text(app, outcome.agreement_id)


def test_unchanged_draft_is_sent_as_it_is(app: App) -> None:
    """Nothing changed since generation: the same draft is sent, no new version."""
    (made,) = drafts.create_agreements(app, [oslo_kilde(app)])
    outcome = c.send_agreement(app, c.SendAgreement(agreement_id=made.agreement_id))
    assert outcome.agreement_id == made.agreement_id


def test_agreement_in_bokmal_names_ks_genitive_and_sends_no_copy_to_itself() -> None:
    """«KS’ ansvar», not «KSs»; no sentence has KS send its signed copy to itself; not
    framed as a shared journal; citizens and the brackets for the lawyers are there."""
    text = rendered("samarbeidsavtale_kommune.docx")
    assert "KS\u2019 ansvar" in text and "KSs" not in text
    assert "sender signert kopi (PDF) til organisator" not in text
    assert "felles journal" not in text
    assert "innbyggeren selv" in text and "helsenorge.no" in text
    assert text.count("[Til avklaring mellom partenes jurister:") >= 8


def test_certificate_is_titled_signeringsbekreftelse() -> None:
    """The signeringsbekreftelse's title is «Signeringsbekreftelse»."""
    text = rendered("signeringsbekreftelse.docx")
    assert "Signeringsbekreftelse" in text and "Fullføringsattest" not in text


def test_sample_dates_do_not_wrap() -> None:
    """Dates in documents are joined with no-break spaces."""
    assert contexts.nb_dato(date(2026, 11, 25)) == "25.\u00a0november\u00a02026"


