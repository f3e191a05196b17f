"""Build the starting versions of the Word templates in templates/.

Run once to (re)create them: `.venv/bin/python scripts/make_templates.py`. After that the
organisers own the .docx files and edit them in Word; avtaleflyt only reads them. Every
variable a template uses must be one the code supplies (`avtaleflyt templates check`).

The legal and factual statements in the agreement, and where each comes from, are listed in
templates/README.md. What the published sources leave open is a bracket beginning
"[Til avklaring mellom partenes jurister:" for the parties' lawyers, never an invented clause.

Layout rules the tests check through the PDF text: A4, page numbers "Side X av Y" as Word
fields in every footer, fixed table widths so an e-mail address or a SHA-256 is never broken
mid-word, and SHA-256 sums in a monospace font on one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

OUT = Path(__file__).resolve().parent.parent / "templates"
FONT, MONO = "Liberation Sans", "Liberation Mono"
LAWYERS = "Til avklaring mellom partenes jurister: "


# -- building blocks -------------------------------------------------------------------------

def new_document(footer: str) -> Document:
    """A4 with 2.5 cm margins (16 cm of text), Liberation Sans, and a footer with the page
    number as fields: `footer` on the left line, "Side X av Y" on the right."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    for name, size in (("Normal", 10.5), ("Title", 20), ("Heading 1", 13), ("Heading 2", 11)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        if name != "Normal":
            style.font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    first = section.footer.paragraphs[0]
    first.text = footer
    first.runs[0].font.size = Pt(8.5)
    pages = section.footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for part in ("Side ", "PAGE", " av ", "NUMPAGES"):
        if part.isupper():
            field(pages, part)
        else:
            pages.add_run(part).font.size = Pt(8.5)
    return doc


def field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES): begin, instruction, separate, a placeholder, end, each
    in a run of its own so no template tag ever shares a run with it."""
    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run = paragraph.add_run()
        run.font.size = Pt(8.5)
        run._r.append(element)

    char("begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run = paragraph.add_run()
    run.font.size = Pt(8.5)
    run._r.append(text)
    char("separate")
    paragraph.add_run("1").font.size = Pt(8.5)
    char("end")


def para(doc: Document, text: str, style: str | None = None) -> Paragraph:
    return doc.add_paragraph(nbsp(text), style=style)


def nbsp(text: str) -> str:
    """A paragraph sign keeps its number on the same line ("§ 19" never breaks)."""
    return text.replace("§ ", "§\u00a0")


def bracket(doc: Document, text: str) -> Paragraph:
    """A point the published sources leave open, marked for the parties' lawyers."""
    p = doc.add_paragraph()
    run = p.add_run(nbsp(f"[{LAWYERS}{text}]"))
    run.italic = True
    run.font.color.rgb = RGBColor(0x8A, 0x1C, 0x1C)
    return p


def mono(paragraph: Paragraph, text: str) -> None:
    run = paragraph.add_run(text)
    run.font.name = MONO
    run.font.size = Pt(8)


def fixed_widths(table: Table, widths: list[float]) -> None:
    """Fixed layout with the given column widths (cm), so Word and LibreOffice agree and a
    long value wraps at its spaces instead of stretching or breaking the table."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


@dataclass
class Cell:
    """One cell of a repeated row: paragraphs of text, optionally bold or monospace."""

    lines: tuple[str, ...]
    bold: bool = False
    monospace: bool = False
    small: bool = False


def cell(*lines: str, bold: bool = False, monospace: bool = False, small: bool = False) -> Cell:
    return Cell(lines, bold, monospace, small)


def loop_table(doc: Document, headers: list[str] | None, loop: str, rows: list[list[Cell]],
               widths: list[float], *, tall_last: bool = False) -> Table:
    """A table with an optional header row and `rows` repeated per item of `loop`
    (the `{%tr %}` rows vanish when rendered)."""
    count = len(rows) + 2 + (1 if headers else 0)
    table = doc.add_table(rows=count, cols=len(widths))
    table.style = "Table Grid"
    at = 0
    if headers:
        for i, h in enumerate(headers):
            table.rows[0].cells[i].text = h
            table.rows[0].cells[i].paragraphs[0].runs[0].bold = True
        at = 1
    table.rows[at].cells[0].text = "{%tr for " + loop + " %}"
    for r, row in enumerate(rows, start=at + 1):
        for c, spec in enumerate(row):
            fill(table.rows[r].cells[c], spec)
    table.rows[count - 1].cells[0].text = "{%tr endfor %}"
    fixed_widths(table, widths)
    for r in range(at + 1, count - 1):  # an item's rows stay on one page
        properties = table.rows[r]._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if r < count - 2:
            for c in table.rows[r].cells:
                for p in c.paragraphs:
                    p.paragraph_format.keep_with_next = True
    if tall_last:  # room to sign by hand
        table.rows[count - 2].height = Cm(1.6)
    return table


def fill(target: object, spec: Cell) -> None:
    paragraphs = target.paragraphs  # type: ignore[attr-defined]
    for i, line in enumerate(spec.lines):
        p = paragraphs[0] if i == 0 else target.add_paragraph()  # type: ignore[attr-defined]
        if spec.monospace:
            mono(p, line)
            continue
        run = p.add_run(line)
        run.bold = spec.bold
        if spec.small or i > 0:
            run.font.size = Pt(9)


# -- the joining agreement -------------------------------------------------------------------

@dataclass(frozen=True)
class Words:
    """How the two kinds of agreement name their parties (bokmål, with genitives)."""

    part: str  # Kommunen
    part_def: str  # kommunen
    part_gen: str  # kommunens
    org: str  # KS
    org_gen: str  # KS' (Språkrådet: a word ending in -s takes only an apostrophe)


KOMMUNE = Words("Kommunen", "kommunen", "kommunens", "KS", "KS\u2019")
SPESIALIST = Words("Avtalespesialisten", "avtalespesialisten", "avtalespesialistens",
                   "RHF-et", "RHF-ets")


def agreement(w: Words) -> Document:
    doc = new_document("Samarbeidsavtale {{ avtale.nummer }}, versjon {{ avtale.versjon }}")
    doc.add_heading("Samarbeidsavtale om deltakelse som kilde i Pasientens journaldokumenter",
                    level=0)
    para(doc, "Samarbeidsområdet {{ omraade.navn }}")
    para(doc, "Avtalenummer: {{ avtale.nummer }}. Versjon: {{ avtale.versjon }}. "
              "Utarbeidet: {{ avtale.dato }}.")
    note = para(doc, "Tekst i hakeparentes som begynner med «Til avklaring mellom partenes "
                     "jurister», er ikke avtaletekst, men punkter de publiserte kildene ikke "
                     "avgjør. De avklares og fjernes fra malen før den tas i bruk.")
    note.runs[0].italic = True

    doc.add_heading("1 Parter", level=1)
    para(doc, "{{ virksomhet.navn }}, organisasjonsnummer {{ virksomhet.orgnr }} "
              f"(heretter «{w.part}»), og", "List Bullet")
    para(doc, "{{ organisator.navn }}, organisasjonsnummer {{ organisator.orgnr }} "
              f"(heretter «{w.org}»), som organisator for samarbeidsområdet "
              "{{ omraade.navn }}.", "List Bullet")
    if w is SPESIALIST:
        para(doc, "Avtalespesialisten har driftsavtale med {{ organisator.navn }} og deltar "
                  "derfor i samarbeidsområdet til dette regionale helseforetaket.")

    doc.add_heading("2 Bakgrunn og formål", level=1)
    para(doc, "Pasientens journaldokumenter er en nasjonal løsning der utvalgte kategorier av "
              "journaldokumenter gjøres tilgjengelige for oppslag, både for innbyggeren selv "
              "og for helsepersonell som yter helsehjelp. Helsepersonell leser dokumentene i "
              "Kjernejournal eller i eget journalsystem, og innbyggeren leser dem på "
              "helsenorge.no. Løsningen leveres av Norsk helsenett SF (NHN).")
    para(doc, f"Dokumentene blir lagret i {w.part_gen} eget journalsystem og vises bare "
              "gjennom løsningen.")
    para(doc, f"Avtalen regulerer {w.part_gen} deltakelse som kilde i samarbeidsområdet "
              "{{ omraade.navn }}: hvilke dokumenttyper som gjøres tilgjengelige, partenes "
              "roller og plikter, og hvordan informasjonssikkerhet, logging og innbyggernes "
              "rettigheter ivaretas.")

    doc.add_heading("3 Rettslig grunnlag", level=1)
    para(doc, "Tilgjengeliggjøringen skjer med hjemmel i reglene om tilgjengeliggjøring av "
              "helseopplysninger for helsepersonell som yter helsehjelp, jf. "
              "pasientjournalloven § 19 og helsepersonelloven § 45. Helsepersonell som gjør "
              "oppslag, må selv ha tjenstlig behov og vurdere om opplysningene er relevante og "
              "nødvendige for helsehjelpen.")
    bracket(doc, "kontroller paragrafhenvisningene (pasientjournalloven § 19, "
                 "helsepersonelloven § 45) mot Lovdata på utsendelsesdagen. Prop. 154 L "
                 "(2024–2025) foreslår å samle reglene i en ny § 23 i helsepersonelloven og å "
                 "innføre en ny § 22 a om logging i pasientjournalloven.")

    doc.add_heading("4 Omfang og forutsetninger", level=1)
    para(doc, f"{w.part} deltar som kilde: dokumenter av de typene som er fastsatt etter "
              "punkt 5, gjøres tilgjengelige for oppslag gjennom Pasientens "
              "journaldokumenter.")
    para(doc, "Alle virksomheter som deltar i Pasientens journaldokumenter, som kilde eller "
              "konsument, må bestille tjenesten fra NHN og signere NHNs bruksvilkår. "
              f"Bestillingen og bruksvilkårene inngås direkte mellom {w.part_def} og NHN og er "
              "ikke en del av denne avtalen. Denne avtalen endrer ikke NHNs vilkår.")
    para(doc, f"{w.part} er medlem av Helsenettet og etterlever Norm for informasjonssikkerhet "
              "og personvern i helse- og omsorgstjenesten (Normen).")
    para(doc, f"{w.part} sørger for at journalsystemet er integrert med NHNs løsning for "
              "dokumentdeling, og at integrasjonen er testet i NHNs testmiljø før oppstart.")
    bracket(doc, "ansvar for og kostnader ved integrasjonen mellom journalsystemet og NHNs "
                 f"løsning, i forholdet mellom {w.part_def}, EPJ-leverandøren og {w.org}.")

    doc.add_heading("5 Dokumenttyper som gjøres tilgjengelige", level=1)
    para(doc, f"Dokumenttypene som gjøres tilgjengelige, fastsettes av {w.part_def} etter en "
              "forhåndsvurdering av hvilke kategorier av journaldokumenter som egner seg for "
              "tilgjengeliggjøring for en større gruppe helsepersonell med tjenstlig behov.")
    para(doc, "{%p if dokumenttyper %}")
    para(doc, "Forhåndsvurderingen ble avsluttet {{ forhaandsvurdering.dato }} "
              "(dokumentasjon: {{ forhaandsvurdering.dokumentasjon }}) og fastsatte disse "
              "dokumenttypene:")
    loop_table(doc, ["Dokumenttype", "Beskrivelse"], "d in dokumenttyper",
               [[cell("{{ d.navn }}"), cell("{{ d.beskrivelse }}")]], [6.0, 10.0])
    para(doc, "Listen kan bare endres etter en ny forhåndsvurdering, og endringen tas inn som "
              "tillegg til avtalen.")
    para(doc, "{%p else %}")
    para(doc, "Forhåndsvurderingen er ikke avsluttet, og dokumenttypene er derfor ennå ikke "
              f"fastsatt. De fastsettes i {w.part_gen} forhåndsvurdering av dokumenttyper og "
              "tas inn i et vedlegg til avtalen etter vurderingen, før oppstart. Ingen "
              "dokumenter gjøres tilgjengelige før vedlegget er på plass.")
    para(doc, "{%p endif %}")

    doc.add_heading("6 Roller og ansvar", level=1)
    doc.add_heading(f"6.1 {w.part_gen.capitalize()} ansvar", level=2)
    para(doc, f"{w.part} er dataansvarlig for journaldokumentene som gjøres tilgjengelige fra "
              f"{w.part_gen} journalsystem, også når de vises for helsepersonell i andre "
              "virksomheter eller for innbyggeren på helsenorge.no. Deltakelsen i "
              "samarbeidsområdet endrer ikke dette.")
    para(doc, f"{w.part} har ansvaret for å påse at hensynene som prosessene nedenfor skal "
              "ivareta, er ivaretatt, også når oppgaver løses i fellesskap i "
              "samarbeidsområdet:")
    para(doc, "{%p for p in prosesser %}")
    para(doc, "{{ p.tittel }}: {{ p.beskrivelse }}", "List Bullet")
    para(doc, "{%p endfor %}")
    para(doc, "Prosessene er de Helsedirektoratet nevner i «Bli klar for pasientens "
              "journaldokumenter».")
    bracket(doc, "kontroller listen mot gjeldende versjon av vedlegg 3 «Prosesser som må "
                 "understøttes i organisering av samarbeidsområde» til Helsedirektoratets "
                 "anbefaling om hvem som skal ha ansvaret for organisering av "
                 "avtalespesialister og kommune som kilde.")
    doc.add_heading(f"6.2 {w.org_gen} ansvar", level=2)
    bracket(doc, f"{w.org_gen} oppgaver som organisator skal samsvare med Helsedirektoratets "
                 "anbefaling om hvem som skal ha ansvaret for organisering av "
                 "avtalespesialister og kommune som kilde; den er ikke gjennomgått i arbeidet "
                 f"med denne malen. Malen foreslår at {w.org} koordinerer samarbeidsområdet, "
                 "stiller felles maler og veiledning til rådighet, følger opp fremdriften i "
                 "innføringen og er kontaktpunkt mot NHN i saker som gjelder hele "
                 f"samarbeidsområdet. Avklar også om {w.org} behandler personopplysninger om "
                 "pasienter eller helsepersonell (for eksempel loggdata) i rollen som "
                 "organisator, og i så fall i hvilken rolle og på hvilket grunnlag.")
    doc.add_heading("6.3 Norsk helsenett SF", level=2)
    bracket(doc, "NHNs rolle etter personvernregelverket (dataansvarlig eller databehandler) "
                 "for den nasjonale infrastrukturen i Pasientens journaldokumenter følger av "
                 "NHNs medlemsvilkår og bruksvilkår og av eventuell forskrift etter "
                 "pasientjournalloven § 10. Denne avtalen fastsetter ikke NHNs rolle.")

    doc.add_heading("7 Innbyggernes innsyn og rettigheter", level=1)
    para(doc, "Innbyggeren kan selv se de tilgjengeliggjorte dokumentene på helsenorge.no. "
              f"{w.part} informerer derfor innbyggerne om at journaldokumenter gjøres "
              "tilgjengelige gjennom Pasientens journaldokumenter, om at de selv kan se "
              "dokumentene på helsenorge.no, og om retten til å motsette seg deling og til å "
              "sperre dokumenter.")
    para(doc, f"{w.part} har rutiner for å ta imot og gjennomføre krav om innsyn, om sperring "
              "og om å motsette seg deling (reservasjon), og sørger for at slike valg "
              f"registreres i {w.part_gen} journal og håndheves når dokumenter søkes opp eller "
              "hentes.")

    doc.add_heading("8 Informasjonssikkerhet og logging", level=1)
    para(doc, f"Partene etterlever Normen. All tilgang til {w.part_gen} tilgjengeliggjorte "
              f"journaldokumenter logges. {w.part} gjennomfører jevnlig loggkontroll og følger "
              "opp mistenkelige oppslag. Helsepersonellets grunnlag for tilgang, slik det "
              "overføres fra den konsumerende virksomheten, brukes i kontrollen.")
    bracket(doc, "om og innen hvilken frist en part skal varsle den andre parten og NHN om "
                 "sikkerhetshendelser som kan berøre dem. Varsling til Datatilsynet og den "
                 "registrerte følger av personvernforordningen og reguleres ikke her.")

    doc.add_heading("9 Varighet og opphør", level=1)
    para(doc, "Avtalen trer i kraft når begge parter har signert, og gjelder i "
              "{{ avtale.varighet_aar }} år fra ikrafttredelsen.")
    bracket(doc, "fornyelse, oppsigelsesfrist, heving ved vesentlig mislighold, og hva som "
                 f"skal skje med tilgjengeliggjøringen av {w.part_gen} dokumenter og med "
                 "bestillingen og bruksvilkårene hos NHN når avtalen opphører.")

    doc.add_heading("10 Ansvar og kostnader", level=1)
    bracket(doc, "ansvar mellom partene for tap som følge av feil i tilgjengeliggjorte "
                 "dokumenter, brudd på informasjonssikkerheten eller brudd på avtalen, "
                 "herunder eventuell ansvarsbegrensning.")
    bracket(doc, "hvordan kostnader til integrasjon, drift og eventuelle vederlag til NHN "
                 f"eller {w.org} fordeles. Malen forutsetter at hver part bærer egne "
                 "kostnader.")

    doc.add_heading("11 Signering", level=1)
    para(doc, f"Avtalen signeres først av {w.part_def} og deretter av {w.org}. Når begge "
              "parter har signert, får begge en signeringsbekreftelse med tidspunktet for hver "
              "signatur og kontrollsummen (SHA-256) for hvert signerte dokument.")
    loop_table(doc, None, "s in parter", [
        [cell("For", bold=True), cell("{{ s.navn }}, org.nr. {{ s.orgnr }}", bold=True)],
        [cell("Navn"), cell("{{ s.signatar }}")],
        [cell("Tittel"), cell("{{ s.tittel }}")],
        [cell("Sted og dato"), cell("")],
        [cell("Signatur"), cell("")],
    ], [3.5, 12.5], tall_last=True)

    doc.add_page_break()
    doc.add_heading("Vedlegg 1 Kontaktpersoner", level=1)
    para(doc, "Kontaktpersonene hos partene da avtalen ble utarbeidet {{ avtale.dato }}.")
    loop_table(doc, ["Navn, tittel og rolle", "E-post"], "k in kontakter", [[
        cell("{{ k.navn }}",
             "{{ k.rolle }}{% if k.tittel %} ({{ k.tittel }}){% endif %}, {{ k.part }}"),
        cell("{{ k.epost }}", small=True)]], [6.5, 9.5])
    return doc


# -- the signing certificate, the reminder, the NHN order ----------------------------------

def certificate() -> Document:
    doc = new_document("Signeringsbekreftelse for samarbeidsavtale {{ avtale.nummer }}")
    doc.add_heading("Signeringsbekreftelse", level=0)
    para(doc, "Samarbeidsavtale {{ avtale.nummer }}, versjon {{ avtale.versjon }}, er signert "
              "av alle parter")
    para(doc, "Samarbeidsavtalen om deltakelse som kilde i Pasientens journaldokumenter i "
              "samarbeidsområdet {{ omraade.navn }} er signert av alle parter "
              "{{ avtale.signert }}. Den gjelder fra {{ avtale.ikrafttredelse }} til og med "
              "{{ avtale.utloper }}.")
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
              "ber om lenke for signering av bruksvilkårene sendt til virksomhetens signatar.")
    return doc


def main() -> None:
    OUT.mkdir(exist_ok=True)
    docs = {
        "samarbeidsavtale_kommune.docx": agreement(KOMMUNE),
        "samarbeidsavtale_avtalespesialist.docx": agreement(SPESIALIST),
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
