"""Vedlegg 1 «Dokumenttyper som gjøres tilgjengelige»: the annex to a kilde's joining
agreement, made when the forhåndsvurdering is done and signed by the same parties in the same
order. It states the types and the agreement it belongs to, and nothing the agreement's own
§ 5 does not already say."""

from __future__ import annotations

from docx import Document

from scripts.templates_src.kit import cell, loop_table, new_document, para, signature_blocks


def annex() -> Document:
    doc = new_document("Vedlegg {{ vedlegg.nummer }}, versjon {{ vedlegg.versjon }}")
    doc.add_heading("Vedlegg 1: Dokumenttyper som gjøres tilgjengelige", level=0)
    para(doc, "Vedlegg til samarbeidsavtale {{ avtale.nummer }}, versjon {{ avtale.versjon }}, "
              "mellom {{ virksomhet.navn }} (organisasjonsnummer {{ virksomhet.orgnr }}) og "
              "{{ organisator.navn }} (organisasjonsnummer {{ organisator.orgnr }}) i "
              "samarbeidsområdet {{ omraade.navn }}.")
    para(doc, "Vedleggsnummer: {{ vedlegg.nummer }}. Versjon: {{ vedlegg.versjon }}. "
              "Utarbeidet: {{ vedlegg.dato }}.")
    para(doc, "{%p if vedlegg.erstatter %}")
    para(doc, "Dette vedlegget erstatter vedlegg {{ vedlegg.erstatter }} fra det er signert av "
              "begge parter.")
    para(doc, "{%p endif %}")
    doc.add_heading("1 Dokumenttyper", level=1)
    para(doc, "{{ virksomhet.navn }} avsluttet forhåndsvurderingen av dokumenttyper "
              "{{ forhaandsvurdering.dato }}. Etter avtalens punkt 5 gjøres disse "
              "dokumenttypene tilgjengelige for oppslag gjennom Pasientens "
              "journaldokumenter:")
    loop_table(doc, ["Dokumenttype", "Beskrivelse"], "d in dokumenttyper",
               [[cell("{{ d.navn }}"), cell("{{ d.beskrivelse }}")]], [6.0, 10.0])
    para(doc, "Andre dokumenttyper gjøres ikke tilgjengelige etter dette vedlegget.")
    doc.add_heading("2 Signering", level=1)
    para(doc, "Vedlegget signeres av de samme partene og i samme rekkefølge som avtalen: først "
              "{{ virksomhet.navn }}, deretter {{ organisator.navn }}.")
    signature_blocks(doc)
    return doc
