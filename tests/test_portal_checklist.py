"""The forhåndsvurdering in the portal: handed in with its evidence and the document types it
chose (one per line), which the agreement's § 5 then lists; without types it is refused. The
chosen types are shown to the kommune and to the organiser's reviewer, and in `status`."""

from __future__ import annotations

import json

from sqlmodel import select

from agreements.config import Settings
from agreements.core.models import ChecklistItem
from agreements.reference import DOCUMENT_TYPES_ITEM
from tests.helpers import OSLO
from tests.portal_cases import item_id
from tests.portal_helpers import post, serve, signed_in
from tests.world import build_world

PDF = ("vurdering.pdf", b"%PDF-1.4\n% forhandsvurdering\n%%EOF\n", "application/pdf")


def test_the_forhandsvurdering_records_its_document_types(settings: Settings) -> None:
    """Evidence and two types, one per line: the item is done and holds both types."""
    w = build_world(settings.model_copy(update={"pdf": False}))
    path = f"/virksomhet/{OSLO}/sjekkliste/{item_id(w, OSLO, DOCUMENT_TYPES_ITEM)}"
    with serve(w.app.settings) as base, \
            signed_in(w.app, base, "siri@oslo.kommune.no") as client:
        refused = post(client, path, {"dokumenttyper": " \n"}, {"fil": PDF})
        done = post(client, path, {"dokumenttyper": "Epikriser: fra sykehjem\nLegevaktnotater"},
                    {"fil": PDF})
    assert refused.status_code == 400 and "Skriv hvilke dokumenttyper" in refused.text
    assert done.status_code == 200, done.text
    with w.app.transaction() as s:
        item = s.exec(select(ChecklistItem).where(
            ChecklistItem.process_key == DOCUMENT_TYPES_ITEM,
            ChecklistItem.participation_id == 1)).one()
    assert item.status == "done" and item.document_types
    assert [t["navn"] for t in json.loads(item.document_types)] == ["Epikriser",
                                                                    "Legevaktnotater"]


def test_the_chosen_document_types_are_shown_to_the_kommune_and_the_reviewer(
        settings: Settings) -> None:
    """The types the forhåndsvurdering chose, on the checklist page of both, and in status."""
    from agreements.reporting import views

    w = build_world(settings.model_copy(update={"pdf": False}))
    path = f"/virksomhet/{OSLO}/sjekkliste/{item_id(w, OSLO, DOCUMENT_TYPES_ITEM)}"
    with serve(w.app.settings) as base:
        with signed_in(w.app, base, "siri@oslo.kommune.no") as client:
            kommune = post(client, path, {"dokumenttyper": "Epikriser: fra sykehjem"},
                           {"fil": PDF})
        with signed_in(w.app, base, "kari@ks.no") as client:
            reviewer = client.get(path.rsplit("/", 1)[0])
    for page in (kommune, reviewer):
        assert page.status_code == 200, page.text
        assert "Dokumenttyper som er valgt" in page.text
        assert "<li>Epikriser: fra sykehjem</li>" in page.text
    with w.app.transaction() as s:
        (kilde,) = views.status_of(s, OSLO, w.app.clock.today())["participations"]
    assert kilde["document_types"] == [{"navn": "Epikriser", "beskrivelse": "fra sykehjem"}]
