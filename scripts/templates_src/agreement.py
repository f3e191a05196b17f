"""The joining agreement (samarbeidsavtale) of a kilde, for kommuner and for
avtalespesialister: one function per section, in the order of the agreement. Every statement is
sourced in templates/README.md; what the sources leave open is a bracket for the lawyers."""

from __future__ import annotations

from docx import Document

from scripts.templates_src.kit import (
    SPESIALIST,
    Words,
    bracket,
    cell,
    loop_table,
    new_document,
    para,
    signature_blocks,
)


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
    for section in SECTIONS:
        section(doc, w)
    return doc


def _parties(doc: Document, w: Words) -> None:
    doc.add_heading("1 Parter", level=1)
    para(doc, "{{ virksomhet.navn }}, organisasjonsnummer {{ virksomhet.orgnr }} "
              f"(heretter «{w.part}»), og", "List Bullet")
    para(doc, "{{ organisator.navn }}, organisasjonsnummer {{ organisator.orgnr }} "
              f"(heretter «{w.org}»), som organisator for samarbeidsområdet "
              "{{ omraade.navn }}.", "List Bullet")
    if w is SPESIALIST:
        para(doc, "Organisator for en avtalespesialist er det regionale helseforetaket som har "
                  "inngått rammeavtalen med Den norske legeforening som gjelder "
                  "avtalespesialistens praksis.")
        para(doc, "{%p if organisator.bekreftet %}")
        para(doc, "{{ organisator.navn }} bekreftet {{ organisator.bekreftet }} at det er dette "
                  "regionale helseforetaket for avtalespesialistens praksis.")
        para(doc, "{%p else %}")
        para(doc, "{{ organisator.navn }} er foreslått som organisator ut fra "
                  "avtalespesialistens adresse og har ennå ikke bekreftet at det har "
                  "rammeavtalen for avtalespesialistens praksis. Avtalen sendes ikke til "
                  "signering før det er bekreftet.")
        para(doc, "{%p endif %}")


def _purpose(doc: Document, w: Words) -> None:
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


def _legal_basis(doc: Document, w: Words) -> None:
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


def _scope(doc: Document, w: Words) -> None:
    doc.add_heading("4 Omfang og forutsetninger", level=1)
    para(doc, f"{w.part} deltar som kilde: dokumenter av de typene som er fastsatt etter "
              "punkt 5, gjøres tilgjengelige for oppslag gjennom Pasientens "
              "journaldokumenter.")
    para(doc, "Alle virksomheter som deltar i Pasientens journaldokumenter, som kilde eller "
              "konsument, må bestille tjenesten fra NHN og signere NHNs bruksvilkår. "
              f"Bestillingen og bruksvilkårene inngås direkte mellom {w.part_def} og NHN og er "
              "ikke en del av denne avtalen. Denne avtalen endrer ikke NHNs vilkår.")
    para(doc, "Medlemskap i Helsenettet er en forutsetning for å delta. "
              f"{w.part} skal være medlem av Helsenettet før oppstart og etterleve Norm for "
              "informasjonssikkerhet og personvern i helse- og omsorgstjenesten (Normen).")
    para(doc, f"{w.part} sørger for at journalsystemet er integrert med NHNs løsning for "
              "dokumentdeling, og at integrasjonen er testet i NHNs testmiljø før oppstart.")
    para(doc, "Som alle som deltar i Pasientens journaldokumenter, kilder og konsumenter, "
              f"sørger {w.part_def} for at helsepersonellet som skal bruke løsningen, har fått "
              "opplæring før oppstart.")
    bracket(doc, "ansvar for og kostnader ved integrasjonen mellom journalsystemet og NHNs "
                 f"løsning, i forholdet mellom {w.part_def}, EPJ-leverandøren og {w.org}.")
    bracket(doc, f"om {w.part_def} skal ha databehandleravtale med EPJ-leverandøren for "
                 "integrasjonen og driften av den, og hva den i så fall skal regulere.")


def _document_types(doc: Document, w: Words) -> None:
    doc.add_heading("5 Dokumenttyper som gjøres tilgjengelige", level=1)
    para(doc, f"Dokumenttypene som gjøres tilgjengelige, fastsettes av {w.part_def} etter en "
              "forhåndsvurdering av hvilke kategorier av journaldokumenter som egner seg for "
              "tilgjengeliggjøring for en større gruppe helsepersonell med tjenstlig behov.")
    para(doc, "Dokumenttypene står i Vedlegg 1 «Dokumenttyper som gjøres tilgjengelige», som "
              "utarbeides når forhåndsvurderingen er avsluttet, og som signeres av de samme "
              "partene i samme rekkefølge som avtalen. Ingen dokumenter gjøres tilgjengelige "
              "før vedlegget er signert av begge parter. Endres dokumenttypene etter en ny "
              "forhåndsvurdering, signeres et nytt vedlegg, som erstatter det forrige.")
    bracket(doc, "fra når en ny versjon av vedlegget gjelder, og om en endring av dokumenttypene "
                 "krever mer enn et nytt vedlegg signert av begge parter.")


def _roles(doc: Document, w: Words) -> None:
    doc.add_heading("6 Roller og ansvar", level=1)
    doc.add_heading(f"6.1 {w.part_gen.capitalize()} ansvar", level=2)
    para(doc, f"{w.part} er dataansvarlig for journaldokumentene som gjøres tilgjengelige fra "
              f"{w.part_gen} journalsystem, også når de vises for helsepersonell i andre "
              "virksomheter eller for innbyggeren på helsenorge.no. Deltakelsen i "
              "samarbeidsområdet endrer ikke dette.")
    para(doc, f"{w.part} har ansvaret for å påse at hensynene som prosessene for kilder skal "
              "ivareta, er ivaretatt, også når oppgaver løses i fellesskap i "
              "samarbeidsområdet. Prosessene er blant annet:")
    para(doc, "{%p for p in prosesser %}")
    para(doc, "{{ p.tittel }}: {{ p.beskrivelse }}", "List Bullet")
    para(doc, "{%p endfor %}")
    para(doc, "Listen bygger på prosessene Helsedirektoratet nevner i «Bli klar for pasientens "
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


def _citizens(doc: Document, w: Words) -> None:
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


def _security(doc: Document, w: Words) -> None:
    doc.add_heading("8 Informasjonssikkerhet og logging", level=1)
    para(doc, f"Partene etterlever Normen. All tilgang til {w.part_gen} tilgjengeliggjorte "
              f"journaldokumenter logges. {w.part} gjennomfører jevnlig loggkontroll og følger "
              "opp mistenkelige oppslag. Helsepersonellets grunnlag for tilgang, slik det "
              "overføres fra den konsumerende virksomheten, brukes i kontrollen.")
    bracket(doc, "om og innen hvilken frist en part skal varsle den andre parten og NHN om "
                 "sikkerhetshendelser som kan berøre dem. Varsling til Datatilsynet og den "
                 "registrerte følger av personvernforordningen og reguleres ikke her.")


def _term(doc: Document, w: Words) -> None:
    doc.add_heading("9 Varighet og opphør", level=1)
    para(doc, "Avtalen trer i kraft når begge parter har signert.")
    bracket(doc, "avtalens varighet, fornyelse, oppsigelsesfrist, heving ved vesentlig "
                 f"mislighold, og hva som skal skje med tilgjengeliggjøringen av {w.part_gen} "
                 "dokumenter og med bestillingen og bruksvilkårene hos NHN når avtalen opphører.")


def _liability(doc: Document, w: Words) -> None:
    doc.add_heading("10 Ansvar og kostnader", level=1)
    bracket(doc, "ansvar mellom partene for tap som følge av feil i tilgjengeliggjorte "
                 "dokumenter, brudd på informasjonssikkerheten eller brudd på avtalen, "
                 "herunder eventuell ansvarsbegrensning.")
    bracket(doc, "hvordan kostnader til integrasjon, drift og eventuelle vederlag til NHN "
                 f"eller {w.org} fordeles. Malen forutsetter at hver part bærer egne "
                 "kostnader.")


def _changes(doc: Document, w: Words) -> None:
    doc.add_heading("11 Endringer", level=1)
    bracket(doc, "hvordan endringer i avtalen avtales og dokumenteres, og om endringer i NHNs "
                 "vilkår eller i regelverket gir en part rett til å kreve avtalen endret.")


def _law(doc: Document, w: Words) -> None:
    doc.add_heading("12 Lovvalg og tvisteløsning", level=1)
    bracket(doc, "lovvalg, hvordan uenighet mellom partene skal løses (forhandlinger, "
                 "mekling, domstol), og verneting.")


def _signing(doc: Document, w: Words) -> None:
    doc.add_heading("13 Signering", level=1)
    para(doc, f"Avtalen signeres først av {w.part_def} og deretter av {w.org}. Når begge "
              "parter har signert, får begge en signeringsbekreftelse med tidspunktet for hver "
              "signatur og kontrollsummen (SHA-256) for hvert signerte dokument.")
    bracket(doc, "hvem som har myndighet til å signere avtalen for hver part, og "
                 "hvordan en fullmakt dokumenteres.")
    signature_blocks(doc)

    doc.add_page_break()


def _contacts(doc: Document, w: Words) -> None:
    doc.add_heading("Vedlegg 2 Kontaktpersoner", level=1)
    para(doc, "Kontaktpersonene hos partene da avtalen ble utarbeidet {{ avtale.dato }}.")
    loop_table(doc, ["Navn, tittel og rolle", "E-post"], "k in kontakter", [[
        cell("{{ k.navn }}",
             "{{ k.rolle }}{% if k.tittel %} ({{ k.tittel }}){% endif %}, {{ k.part }}"),
        cell("{{ k.epost }}", small=True)]], [6.5, 9.5])


SECTIONS = [_parties, _purpose, _legal_basis, _scope, _document_types, _roles, _citizens,
            _security, _term, _liability, _changes, _law, _signing, _contacts]
