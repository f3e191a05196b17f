"""The agreement's companions: the signeringsbekreftelse, the reminder
letter, and the NHN order package."""

from __future__ import annotations

from docx import Document

from scripts.templates_src.kit import cell, loop_table, mono, new_document, para


def certificate() -> Document:
    doc = new_document("Signeringsbekreftelse for samarbeidsavtale {{ avtale.nummer }}")
    doc.add_heading("Signeringsbekreftelse", level=0)
    para(doc, "Samarbeidsavtale {{ avtale.nummer }}, versjon {{ avtale.versjon }}, er signert "
              "av alle parter")
    para(doc, "Samarbeidsavtalen om deltakelse som kilde i Pasientens journaldokumenter i "
              "samarbeidsområdet {{ omraade.navn }} er signert av alle parter "
              "{{ avtale.signert }}. Den gjelder fra {{ avtale.ikrafttredelse }} til og med "
              "{{ avtale.utloper }}.")
    para(doc, "{%p if utkast %}")
    para(doc, "Avtalen ble signert som utkast: malen hadde punkter som ennå ikke var avklart av "
              "partenes jurister ({{ utkast }}). Signaturene gjelder utkastet, som ikke er en "
              "endelig avtale.")
    para(doc, "{%p endif %}")
    doc.add_heading("Parter", level=1)
    para(doc, "{{ virksomhet.navn }} (organisasjonsnummer {{ virksomhet.orgnr }})",
         "List Bullet")
    para(doc, "{{ organisator.navn }} (organisasjonsnummer {{ organisator.orgnr }})",
         "List Bullet")
    doc.add_heading("Signaturer", level=1)
    loop_table(doc, None, "s in signaturer", [
        [cell("Signatur {{ s.rekkefolge }}", bold=True), cell("{{ s.part }}", bold=True)],
        [cell("Signert av"), cell("{{ s.navn }}")],
        [cell("E-post"), cell("{{ s.epost }}")],
        [cell("Tidspunkt"), cell("{{ s.tidspunkt }}")],
        [cell("Kontroll av signaturen"), cell("{{ s.kontroll }}")],
        [cell("SHA-256 for signert kopi", small=True), cell("{{ s.sha256 }}", monospace=True)],
    ], [4.0, 12.0])
    doc.add_heading("Dokumenter sendt til signering", level=1)
    loop_table(doc, None, "d in utsendt", [
        [cell("Dokument"), cell("{{ d.navn }}")],
        [cell("SHA-256", small=True), cell("{{ d.sha256 }}", monospace=True)],
    ], [4.0, 12.0])
    para(doc, "Avtalen ble generert fra malen {{ mal.navn }}, med SHA-256:")
    mono(doc.add_paragraph(), "{{ mal.sha256 }}")
    para(doc, "Bekreftelsen er utstedt {{ utstedt }}.")
    return doc


def reminder() -> Document:
    doc = new_document("Påminnelse om signering av samarbeidsavtale {{ avtale.nummer }}")
    doc.add_heading("Påminnelse om signering", level=0)
    para(doc, "Til {{ mottaker.navn }}, {{ mottaker.part }}")
    para(doc, "Dato: {{ dato }}")
    para(doc, "Samarbeidsavtalen om Pasientens journaldokumenter mellom {{ virksomhet.navn }} "
              "og {{ organisator.navn }} (avtale {{ avtale.nummer }}) ble sendt til signering "
              "{{ avtale.sendt }} og venter på din signatur.")
    para(doc, "Dette er påminnelse nr. {{ nummer }}. Signeringsfristen er "
              "{{ avtale.signeringsfrist }}. Etter fristen bortfaller avtaleutkastet, og et nytt "
              "utkast må lages og signeres før innføringen kan fortsette.")
    para(doc, "Avtalen ligger vedlagt. Spørsmål om avtalen kan rettes til organisatorens "
              "koordinator:")
    para(doc, "{{ koordinator }}")
    return doc


def order_package() -> Document:
    doc = new_document("Bestilling {{ bestilling.referanse }}")
    doc.add_heading("Bestilling av Pasientens journaldokumenter", level=0)
    para(doc, "Til Norsk helsenett SF. Bestillingsreferanse: {{ bestilling.referanse }}. "
              "Dato: {{ bestilling.dato }}.")
    doc.add_heading("Virksomhet", level=1)
    loop_table(doc, ["Opplysning", "Verdi"], "f in felter",
               [[cell("{{ f.navn }}"), cell("{{ f.verdi }}")]], [5.0, 11.0])
    doc.add_heading("Kontaktpersoner", level=1)
    loop_table(doc, ["Navn og rolle", "E-post"], "k in kontakter",
               [[cell("{{ k.navn }}", "{{ k.rolle }}"), cell("{{ k.epost }}", small=True)]],
               [6.5, 9.5])
    para(doc, "{{ virksomhet.navn }} bestiller med dette tjenesten som {{ bestilling.rolle }} og "
              "ber om én lenke for signering av bruksvilkårene, sendt til virksomhetens "
              "signatar.")
    para(doc, "Bestilt av {{ bestilling.bestilt_av }} for {{ virksomhet.navn }}. Svar om "
              "bestillingen går til denne personen.")
    return doc

