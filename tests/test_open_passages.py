"""Templates that are ready, or say they are not: the passages a template leaves to be settled
are found and named by section; an agreement that has them is a draft, marked «UTKAST – ikke
til signering» on every page and in its e-mail, refused for sending unless drafts are allowed,
and a signed draft keeps go-live's agreement gate open. An organiser's own settled template is
used instead of the shipped one and goes out as final."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import pytest
from sqlmodel import select

from agreements.app import App, Clock, open_app
from agreements.config import Settings
from agreements.contracts import drafts, sending
from agreements.contracts import signatures as signing
from agreements.core.enums import AgreementStatus, Role, TermsStatus
from agreements.core.models import Agreement, Document, OutboxMessage
from agreements.documents import contexts, passages, render
from agreements.errorcodes import Code
from agreements.errors import GateClosed, Refused
from agreements.nhn import order as nhn
from agreements.outbox import delivery
from agreements.readiness import golive
from agreements.readiness.gates import Snapshot, gates
from tests.conftest import ROOT, make_app, requires_soffice
from tests.helpers import oslo_kilde, signed_copy
from tests.test_golive import close_checklist

KOMMUNE = "samarbeidsavtale_kommune.docx"
DAY = date(2026, 11, 25)


def strict(settings: Settings, **changes: object) -> App:
    """The same installation with drafts not allowed (the default), on the same database."""
    return open_app(settings.model_copy(update={"allow_draft_templates": False, **changes}),
                    clock=Clock(DAY), actor="test")


def settled_copy(folder: Path) -> Path:
    """The shipped templates, with KS's own kommune template beside them: the shipped one
    with every bracket for the lawyers taken out (as KS's lawyers would settle it)."""
    shutil.copytree(ROOT / "templates", folder)
    own = docx.Document(str(folder / KOMMUNE))
    for p in own.paragraphs:
        if passages.LAWYERS in p.text.replace("\u00a0", " "):
            p._element.getparent().remove(p._element)
    (folder / "ks").mkdir()
    own.save(str(folder / "ks" / KOMMUNE))
    return folder


def page_texts(pdf: bytes) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")
    return [page for page in text.split("\f") if page.strip()]


def test_open_passages_are_named_by_the_section_they_stand_under() -> None:
    """The shipped kommune template's brackets are found under their headings, counted."""
    ctx = contexts.sample_contexts()[KOMMUNE]
    rendered = render.renderer(ROOT / "templates").render(KOMMUNE, ctx)
    found = passages.sections(passages.open_passages(rendered))
    assert "3 Rettslig grunnlag" in found
    assert "10 Ansvar og kostnader (2)" in found
    assert "12 Lovvalg og tvisteløsning" in found


def test_a_marker_the_template_declares_makes_a_passage_open() -> None:
    """A template's own «uavklart=» marker (its Keywords) is looked for too."""
    doc = docx.Document()
    doc.core_properties.keywords = "mal; uavklart=<AVKLARES>"
    doc.add_heading("2 Pris", level=1)
    doc.add_paragraph("Prisen er <AVKLARES> kroner.")
    doc.add_heading("3 Tvister", level=1)
    doc.add_paragraph("Tvister løses ved forhandlinger.")
    out = io.BytesIO()
    doc.save(out)
    found = passages.open_passages(out.getvalue())
    assert [(p.section, p.text) for p in found] == [("2 Pris", "Prisen er <AVKLARES> kroner.")]


@pytest.mark.parametrize("settled", [False, True])
def test_a_draft_found_and_marked_as_it_is_rendered_is_the_same_document(
        tmp_path: Path, settled: bool) -> None:
    """`render_marked` gives the bytes and passages of render, open_passages and mark_docx,
    for the shipped templates and a settled one, and for a passage a value brings in."""
    folder = settled_copy(tmp_path / "templates")
    renderer = render.Renderer(folder)
    for name, ctx in contexts.sample_contexts().items():
        path = f"ks/{KOMMUNE}" if settled and name == KOMMUNE else name
        for context in (ctx, {**ctx, "virksomhet": {**ctx["virksomhet"], "navn": (
                f"{passages.LAWYERS}: navnet]")}} if "virksomhet" in ctx else ctx):
            data = renderer.render(path, context)
            found = passages.open_passages(data)
            marked, also = renderer.render_marked(path, context)
            assert marked == (passages.mark_docx(data) if found else data), path
            assert also == found, path
            if path == f"ks/{KOMMUNE}":  # settled: open only where the name brings one in
                assert bool(found) == (context is not ctx)


def test_templates_check_lists_each_open_passage_and_passes_a_settled_template(
        tmp_path: Path) -> None:
    """`templates check` is not OK for a template with brackets; KS's settled one is."""
    problems = render.check_templates(settled_copy(tmp_path / "templates"))
    assert "open passage under «11 Endringer»: to be settled before it is sent" in problems[KOMMUNE]
    assert "ks/" + KOMMUNE not in problems
    assert "signeringsbekreftelse.docx" not in problems


def test_sending_a_draft_is_refused_naming_each_open_section(settings: Settings) -> None:
    """Without the draft setting nothing is sent: one refusal with its code and sections."""
    settings = settings.model_copy(update={"pdf": False})  # the open passages are the DOCX's
    app = make_app(settings, DAY)
    pid = oslo_kilde(app)
    (created,) = drafts.create_agreements(app, [pid])
    with pytest.raises(Refused) as refused:
        sending.send(strict(settings), created.agreement_id)
    assert refused.value.code is Code.OPEN_PASSAGES
    assert "12 Lovvalg og tvisteløsning" in str(refused.value.params["sections"])
    with app.transaction() as s:
        agreement = s.get(Agreement, created.agreement_id)
        assert agreement is not None and agreement.status == AgreementStatus.DRAFT
        assert not [m for m in s.exec(select(OutboxMessage)) if ":signature:" in m.key]


def test_a_draft_is_marked_on_every_page_and_its_email_says_so(settings: Settings) -> None:
    """With drafts allowed it goes out, every PDF page and the e-mail saying UTKAST."""
    requires_soffice()
    app = make_app(settings, DAY)
    pid = oslo_kilde(app)
    (created,) = drafts.create_agreements(app, [pid])
    (key,) = sending.send(app, created.agreement_id)
    with app.transaction() as s:
        agreement = s.get(Agreement, created.agreement_id)
        assert agreement is not None and agreement.pdf_id is not None
        pdf = app.documents.read(s.get(Document, agreement.pdf_id))
        mail = s.exec(select(OutboxMessage).where(OutboxMessage.key == key)).one()
    pages = page_texts(pdf)
    assert len(pages) > 1
    assert all(passages.MARK in page for page in pages)
    assert mail.subject.startswith("UTKAST – ")
    assert "UTKAST – ikke til signering" in mail.body and "11 Endringer" in mail.body


def test_an_organisers_own_settled_template_goes_out_as_final(settings: Settings,
                                                               tmp_path: Path) -> None:
    """KS's settled template is used for its kommuner: no mark, sent without the setting."""
    requires_soffice()
    folder = settled_copy(tmp_path / "templates")
    app = make_app(settings.model_copy(update={"templates_dir": folder,
                                               "allow_draft_templates": False}), DAY)
    pid = oslo_kilde(app)
    (created,) = drafts.create_agreements(app, [pid])
    sending.send(app, created.agreement_id)
    with app.transaction() as s:
        agreement = s.get(Agreement, created.agreement_id)
        assert agreement is not None and agreement.open_passages is None
        pdf = s.get(Document, agreement.pdf_id)
        assert pdf is not None and pdf.template == "ks/" + KOMMUNE
        data = app.documents.read(pdf)
    assert not any(passages.MARK in page for page in page_texts(data))


def test_a_signed_draft_keeps_the_agreement_gate_open_unless_drafts_are_allowed() -> None:
    """Signed with open passages: a gate naming them, closed only where drafts are allowed."""
    signed_draft = Snapshot(Role.KILDE, agreement="active", order="confirmed", terms="signed",
                            agreement_open=("9 Varighet og opphør",), annex="active",
                            annex_matches=True)
    (gate,) = gates(signed_draft)
    assert gate.what == "settled" and "9 Varighet og opphør" in str(gate)
    assert gates(Snapshot(**{**signed_draft.__dict__, "drafts_allowed": True})) == []
    konsument = Snapshot(Role.KONSUMENT, order="confirmed", terms="signed",
                         agreement_open=("9 Varighet og opphør",))
    assert gates(konsument) == []


def test_go_live_is_refused_against_a_signed_draft(settings: Settings, tmp_path: Path) -> None:
    """Every other gate closed, the kommune cannot go live on the draft it signed."""
    settings = settings.model_copy(update={"pdf": False})  # no PDF is looked at
    app = make_app(settings, DAY)
    pid = oslo_kilde(app)
    (created,) = drafts.create_agreements(app, [pid])
    sending.send(app, created.agreement_id)
    for signer in ("ola@oslo.kommune.no", "kim@ks.no"):
        signing.record_signature(app, created.agreement_id, signer,
                                 signed_copy(app, created.agreement_id))
    nhn.place_order(app, pid, by="siri@oslo.kommune.no", without_her_id=True)
    delivery.deliver(app)
    nhn.decide(app, pid, confirmed=True, text="NHN-1")
    nhn.terms(app, pid, TermsStatus.SIGNED)
    close_checklist(app, pid, tmp_path)
    with pytest.raises(GateClosed) as refused:
        golive.go_live(strict(settings), pid)
    assert [g.what for g in refused.value.gates] == ["settled"]
    assert golive.go_live(app, pid).live_on == DAY


def test_a_marker_split_between_runs_or_after_a_no_break_space_is_found() -> None:
    """Only styled paragraphs and those with a marker's first character are looked at, so a
    marker split between runs, one written with a no-break space, one beginning with a quote,
    and the heading above each are still found; a paragraph without one is not."""
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def p(*runs: str, style: str | None = None) -> str:
        pr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f"<w:p>{pr}" + "".join(f"<w:r><w:t>{r}</w:t></w:r>" for r in runs) + "</w:p>"
    body = etree.fromstring(
        f'<w:body xmlns:w="{w}">' + p("3 Ansvar", style="Heading1") + p("[Til avkla", "ring x]")
        + p("Til\u00a0avklaring i tekst") + p("'sitat' her") + p("ingenting her", style="Normal")
        + p("4 Pris", style="Overskrift2") + p("[Til avklaring mellom partenes jurister: y]")
        + "</w:body>")
    found = passages.open_in(body, (passages.LAWYERS, "[Til avklaring", "Til avklaring",
                                    "'sitat'"))
    assert [(f.section, f.text) for f in found] == [
        ("3 Ansvar", "[Til avklaring x]"), ("3 Ansvar", "Til avklaring i tekst"),
        ("3 Ansvar", "'sitat' her"), ("4 Pris", "[Til avklaring mellom partenes jurister: y]")]
