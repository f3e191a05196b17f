"""Build the starting versions of the Word templates in templates/.

Run once to (re)create them: `.venv/bin/python scripts/make_templates.py`. After that the
organisers own the .docx files and edit them in Word; avtaleflyt only reads them. Every
variable a template uses must be one the code supplies (`avtaleflyt templates check`).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

OUT = Path(__file__).resolve().parent.parent / "templates"


def new_document(footer: str) -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10.5)
    doc.sections[0].footer.paragraphs[0].text = footer
    return doc


def loop_table(doc: Document, headers: list[str], loop: str, cells: list[str]) -> None:
    """A table with a header row and one row repeated per item ({%tr %} rows vanish)."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for i, h in enumerate(headers):
        table.rows[0].cells[i].text = h
        table.rows[0].cells[i].paragraphs[0].runs[0].bold = True
    table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for i, c in enumerate(cells):
        table.rows[2].cells[i].text = c
    table.rows[3].cells[0].text = "{%tr endfor %}"


def para(doc: Document, text: str, style: str | None = None) -> None:
    doc.add_paragraph(text, style=style)


def agreement(kind: str) -> Document:
    kommune = kind == "kommune"
    part = "Kommunen" if kommune else "Avtalespesialisten"
    org = "KS" if kommune else "RHF-et"
    doc = new_document("Avtale {{ avtale.nummer }}, versjon {{ avtale.versjon }}")
    doc.add_heading("Samarbeidsavtale om deling av journaldokumenter", level=0)
    para(doc, "Pasientens journaldokumenter – samarbeidsområdet {{ omraade.navn }}")
    para(doc, "Avtalenummer: {{ avtale.nummer }}    Versjon: {{ avtale.versjon }}    "
              "Utarbeidet: {{ avtale.dato }}")

    doc.add_heading("1 Parter", level=1)
    para(doc, "{{ virksomhet.navn }}, organisasjonsnummer {{ virksomhet.orgnr }} "
              f"(heretter «{part}»), og", "List Bullet")
    para(doc, "{{ organisator.navn }}, organisasjonsnummer {{ organisator.orgnr }} "
              f"(heretter «{org}»), som organisator for samarbeidsområdet "
              "{{ omraade.navn }}.", "List Bullet")
    if not kommune:
        para(doc, f"{part} har driftsavtale med {{{{ organisator.navn }}}}. Samarbeidsområdet "
                  "følger det regionale helseforetaket som har driftsavtalen.")

    doc.add_heading("2 Bakgrunn og formål", level=1)
    para(doc, "Pasientens journaldokumenter er en nasjonal løsning for deling av "
              "journaldokumenter mellom virksomheter i helse- og omsorgstjenesten, levert av "
              "Norsk helsenett SF (NHN). Løsningen gir helsepersonell med tjenstlig behov "
              "tilgang til relevante journaldokumenter fra andre virksomheter.")
    para(doc, f"Avtalen regulerer {part.lower()}s deltakelse som kilde i samarbeidsområdet, "
              "partenes ansvar og plikter, og hvordan felles oppgaver ivaretas.")

    doc.add_heading("3 Omfang", level=1)
    para(doc, f"{part} deltar som kilde: dokumenter fra {part.lower()}s journalsystem gjøres "
              "søkbare og tilgjengelige gjennom dokumentdelingen. Bestilling av tjenesten og "
              "signering av NHNs bruksvilkår skjer direkte mellom "
              f"{part.lower()} og NHN, og er ikke en del av denne avtalen.")

    doc.add_heading("4 Dokumenttyper som gjøres tilgjengelige", level=1)
    para(doc, "{%p if dokumenttyper %}")
    para(doc, f"{part} gjør følgende dokumenttyper tilgjengelige:")
    loop_table(doc, ["Dokumenttype", "Beskrivelse"], "d in dokumenttyper",
               ["{{ d.navn }}", "{{ d.beskrivelse }}"])
    para(doc, "{%p else %}")
    para(doc, "Dokumenttypene er ennå ikke fastsatt. De fastsettes etter "
              f"{part.lower()}s forhåndsvurdering av dokumenttyper og tas inn som tillegg "
              "til avtalen før oppstart.")
    para(doc, "{%p endif %}")

    doc.add_heading("5 Ansvar og plikter", level=1)
    doc.add_heading(f"5.1 {part}s ansvar", level=2)
    para(doc, f"{part} er dataansvarlig for egne journaldokumenter også når de deles i "
              "samarbeidsområdet, og skal gjennomføre og vedlikeholde følgende prosesser:")
    para(doc, "{%p for p in prosesser %}")
    para(doc, "{{ p.tittel }}: {{ p.beskrivelse }}", "List Bullet")
    para(doc, "{%p endfor %}")
    doc.add_heading(f"5.2 {org}s ansvar", level=2)
    para(doc, f"{org} koordinerer samarbeidsområdet, stiller felles maler og veiledning til "
              "rådighet, følger opp fremdriften i innføringen og er kontaktpunkt mot NHN i "
              "saker som gjelder hele samarbeidsområdet.")

    doc.add_heading("6 Informasjonssikkerhet og logging", level=1)
    para(doc, "Partene skal etterleve Normen for informasjonssikkerhet og personvern i helse- og "
              "omsorgssektoren. Alle oppslag i delte dokumenter logges. "
              f"{part} gjennomfører jevnlig loggkontroll og følger opp mistenkelige oppslag. "
              "Sikkerhetshendelser som kan berøre andre parter varsles uten ugrunnet opphold.")

    doc.add_heading("7 Innbyggernes rettigheter", level=1)
    para(doc, f"{part} sørger for at innbyggerne får informasjon om dokumentdelingen og kan "
              "utøve sine rettigheter til innsyn, reservasjon og sperring av dokumenter.")

    doc.add_heading("8 Varighet", level=1)
    para(doc, "Avtalen trer i kraft når begge parter har signert, og gjelder i "
              "{{ avtale.varighet_aar }} år fra ikrafttredelsen. Avtalen kan fornyes.")

    doc.add_heading("9 Oppsigelse", level=1)
    para(doc, "Hver av partene kan si opp avtalen med seks måneders skriftlig varsel. Ved "
              "vesentlig mislighold kan avtalen heves med umiddelbar virkning. Ved opphør "
              "avsluttes deling av dokumenter fra "
              f"{part.lower()} i samarbeidsområdet.")

    doc.add_heading("10 Signaturer", level=1)
    para(doc, f"Avtalen signeres i denne rekkefølgen: først {part.lower()}, deretter "
              f"{org}. Hver part sender signert kopi (PDF) til organisator.")
    loop_table(doc, ["Nr.", "Part", "Navn og tittel", "Dato og signatur"], "s in parter",
               ["{{ s.rekkefolge }}", "{{ s.navn }}, org.nr. {{ s.orgnr }}", "", ""])

    doc.add_page_break()
    doc.add_heading("Vedlegg 1 Kontaktpersoner", level=1)
    loop_table(doc, ["Part", "Rolle", "Navn", "E-post"], "k in kontakter",
               ["{{ k.part }}", "{{ k.rolle }}", "{{ k.navn }}", "{{ k.epost }}"])
    return doc


def certificate() -> Document:
    doc = new_document("Fullføringsattest for avtale {{ avtale.nummer }}")
    doc.add_heading("Fullføringsattest", level=0)
    para(doc, "Avtale {{ avtale.nummer }}, versjon {{ avtale.versjon }}: "
              "samarbeidsavtale om deling av journaldokumenter i samarbeidsområdet "
              "{{ omraade.navn }}.")
    para(doc, "Avtalen er signert av alle parter {{ avtale.signert }} og gjelder fra "
              "{{ avtale.ikrafttredelse }} til {{ avtale.utloper }}.")
    doc.add_heading("Parter", level=1)
    para(doc, "{{ virksomhet.navn }} (organisasjonsnummer {{ virksomhet.orgnr }})",
         "List Bullet")
    para(doc, "{{ organisator.navn }} (organisasjonsnummer {{ organisator.orgnr }})",
         "List Bullet")
    doc.add_heading("Signaturer", level=1)
    loop_table(doc, ["Nr.", "Part", "Signert av", "Tidspunkt", "SHA-256 for signert kopi",
                     "Kontroll av signaturen"],
               "s in signaturer",
               ["{{ s.rekkefolge }}", "{{ s.part }}", "{{ s.navn }} ({{ s.epost }})",
                "{{ s.tidspunkt }}", "{{ s.sha256 }}", "{{ s.kontroll }}"])
    doc.add_heading("Utsendte dokumenter", level=1)
    loop_table(doc, ["Dokument", "SHA-256"], "d in utsendt",
               ["{{ d.navn }}", "{{ d.sha256 }}"])
    para(doc, "Avtalen ble generert fra malen {{ mal.navn }} (SHA-256 {{ mal.sha256 }}). "
              "Attesten er utstedt {{ utstedt }}.")
    return doc


def reminder() -> Document:
    doc = new_document("Påminnelse – avtale {{ avtale.nummer }}")
    doc.add_heading("Påminnelse om signering", level=0)
    para(doc, "Til {{ mottaker.navn }}, {{ mottaker.part }}")
    para(doc, "Dato: {{ dato }}")
    para(doc, "Samarbeidsavtalen om deling av journaldokumenter mellom {{ virksomhet.navn }} "
              "og {{ organisator.navn }} (avtale {{ avtale.nummer }}) ble sendt til signering "
              "{{ avtale.sendt }} og venter på din signatur.")
    para(doc, "Dette er påminnelse nr. {{ nummer }}. Signeringsfristen er "
              "{{ avtale.signeringsfrist }}. Etter fristen bortfaller avtaleutkastet, og "
              "innføringen av Pasientens journaldokumenter stopper opp til en ny avtale er "
              "signert.")
    para(doc, "Avtalen ligger vedlagt den opprinnelige e-posten. Ta kontakt med "
              "{{ koordinator }} ved spørsmål.")
    return doc


def order_package() -> Document:
    doc = new_document("Bestilling {{ bestilling.referanse }}")
    doc.add_heading("Bestilling av Pasientens journaldokumenter", level=0)
    para(doc, "Til Norsk helsenett SF. Bestillingsreferanse: {{ bestilling.referanse }}. "
              "Dato: {{ bestilling.dato }}.")
    doc.add_heading("Virksomhet", level=1)
    loop_table(doc, ["Opplysning", "Verdi"], "f in felter", ["{{ f.navn }}", "{{ f.verdi }}"])
    doc.add_heading("Kontaktpersoner", level=1)
    loop_table(doc, ["Rolle", "Navn", "E-post"], "k in kontakter",
               ["{{ k.rolle }}", "{{ k.navn }}", "{{ k.epost }}"])
    para(doc, "{{ virksomhet.navn }} bestiller med dette tjenesten som {{ bestilling.rolle }} og "
              "ber om lenke for signering av bruksvilkårene sendt til virksomhetens signatar.")
    return doc


def main() -> None:
    OUT.mkdir(exist_ok=True)
    docs = {
        "samarbeidsavtale_kommune.docx": agreement("kommune"),
        "samarbeidsavtale_avtalespesialist.docx": agreement("avtalespesialist"),
        "fullforingsattest.docx": certificate(),
        "paaminnelse.docx": reminder(),
        "nhn_bestilling.docx": order_package(),
    }
    for name, doc in docs.items():
        for p in doc.paragraphs:
            if p.style.name == "Title":
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        doc.save(OUT / name)
        print(f"wrote templates/{name}")


if __name__ == "__main__":
    main()
