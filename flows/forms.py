"""The run forms' own fields, as a coordinator reads them in the Prefect UI: a title and a
description in bokmål, a date picker for a day (a date that is no date is refused before the
run starts), and an optional field simply optional (no «null» to choose).

Prefect titles a flow's parameter by its Python name and writes `anyOf … null` for an
optional one; a field's `json_schema_extra` is applied last, so the title and the
description given here are the ones the form shows, and `WithJsonSchema` gives an optional
day the plain schema of a date.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from agreements.documents import runfiles
from agreements.documents.runfiles import Purpose
from agreements.documents.uploads import Upload


def shown(title: str, description: str) -> object:
    """A field's title and description as the run form shows them."""
    return Field(json_schema_extra={"title": title, "description": description})


Day = Annotated[date | None, WithJsonSchema({"type": "string", "format": "date"}), shown(
    "Dag", "Kjør som om det var denne dagen; tomt betyr i dag. Mer enn ett år fra dagens dato "
    "krever «Tillat dag langt unna».")]
ReportDay = Annotated[date | None, WithJsonSchema({"type": "string", "format": "date"}), shown(
    "Rapportdag", "Rapporten slik den står denne dagen; tomt betyr i dag.")]
Force = Annotated[bool, shown(
    "Tillat dag langt unna", "Tillat en «Dag» mer enn ett år fra dagens dato (for "
    "oppfølgingen også en dag da avtaler ville falle bort eller utløpe).")]
MailOrganisers = Annotated[bool, shown(
    "E-post til organisatorenes koordinatorer", "Send hver organisators koordinatorer deres "
    "tall og lenken til rapporten i portalen; én gang per uke (den ukentlige kjøringen gjør "
    "det).")]
DryRun = Annotated[bool, shown(
    "Prøvekjøring", "Vis bare hva som ville skjedd; ingenting endres eller sendes.")]
Offline = Annotated[bool, shown(
    "Uten Enhetsregisteret", "Slå ikke opp i Enhetsregisteret; kommunene hentes fra "
    "referansedataene.")]
CsvText = Annotated[str | None, WithJsonSchema({"type": "string"}), shown(
    "Virksomheter (CSV)", "Lim inn CSV-en: første linje er kolonnenavnene (orgnr, role, "
    "signatory_name, signatory_email …), deretter én virksomhet per linje.")]


def _run_file(title: str, purpose: Purpose) -> tuple[object, ...]:
    """A file uploaded in the portal for runs, as the run form takes it: a drop-down of the
    last day's files of `purpose` (`flows.runfiles` fills it in when `serve` starts and after
    each upload), or the file's code typed in. A staged `Upload` is taken as it is (an
    operator calling the flow from Python)."""
    return (WithJsonSchema({"type": "string", "pattern": runfiles.GIVEN, "maxLength": 400}),
            Field(json_schema_extra={
                "title": title, "x-run-file": purpose.value,
                "description": "Velg en fil som er lastet opp i portalen under «Filer til "
                               "kjøringer» det siste døgnet, eller skriv koden på seks tegn "
                               "som portalen viste."}))


RunFile = Annotated[str | Upload, *_run_file("Signert kopi (PDF)", Purpose.SIGNED_COPY)]
EvidenceFile = Annotated[str | Upload | None,
                         *_run_file("Dokumentasjon (fil)", Purpose.EVIDENCE)]
CsvFile = Annotated[str | None, *_run_file("Virksomheter (CSV-fil)", Purpose.ORGANISATIONS)]
# a form's file fields, each with what it is for (the flow resolves it: `flows.runfiles`)
FILE_FIELDS = {"signed_copy": (RunFile, Purpose.SIGNED_COPY),
               "evidence_file": (EvidenceFile, Purpose.EVIDENCE)}


# Every field of the actions' input models (`agreements.commands`) as the run form shows it:
# `Model.field` for a field whose meaning depends on the model, else the field's name.
FIELDS: dict[str, tuple[str, str]] = {
    "orgnr": ("Organisasjonsnummer", "9 siffer; mellomrom er lov."),
    "role": ("Deltakelse", "Kilde eller konsument, når virksomheten er begge."),
    "Registration.role": ("Rolle", "Kilde (gjør dokumenter søkbare), konsument (slår opp) eller "
                                   "begge."),
    "RegisterOrganisation.role": ("Rolle", "Kilde (gjør dokumenter søkbare), konsument (slår "
                                           "opp) eller begge."),
    "SaveContact.role": ("Kontaktens rolle", "signatory: signatar; coordinator: PJD-ansvarlig; "
                                             "privacy: personvernombud; it: IT-kontakt."),
    "RemoveContact.role": ("Rollen som fjernes", "Rollen personen ikke lenger skal ha."),
    "kind": ("Type virksomhet", "Avtalespesialist, helseforetak eller privat virksomhet; "
                                "kommuner kjennes igjen på organisasjonsnummeret."),
    "region": ("RHF-område", "For en avtalespesialist: RHF-et den har driftsavtale med; tomt "
                             "betyr forslaget ut fra fylket i adressen."),
    "RouteOrganisation.region": ("RHF-område", "RHF-et som har driftsavtalen med virksomheten."),
    "name": ("Navn", "Virksomhetens navn; bare når den registreres for hånd, uten "
                     "Enhetsregisteret."),
    "SaveContact.name": ("Navn", "Kontaktens fulle navn."),
    "kommunenummer": ("Kommunenummer", "4 siffer; bare når virksomheten registreres for hånd."),
    "signatory": ("Signatar", "Den som signerer for virksomheten, skrevet som "
                              "Kari Nordmann <kari@kommune.no>."),
    "coordinator": ("PJD-ansvarlig", "Virksomhetens PJD-ansvarlige, skrevet som "
                                     "Kari Nordmann <kari@kommune.no>."),
    "offline": ("Uten Enhetsregisteret", "Slå ikke opp i Enhetsregisteret."),
    "email": ("E-postadresse", "Kontaktens e-postadresse."),
    "title": ("Stillingstittel", "For eksempel kommunedirektør; står i avtalen."),
    "her_id": ("HER-id", "Virksomhetens id i Adresseregisteret hos Norsk helsenett (bare "
                         "siffer)."),
    "epj_system": ("EPJ-system", "Journalsystemet virksomheten bruker."),
    "epj_vendor": ("EPJ-leverandør", "Leverandøren av journalsystemet."),
    "epj_vendor_ready_on": ("EPJ-leverandør klar", "Dagen leverandøren venter at integrasjonen "
                            "er klar til test hos Norsk helsenett; integrasjonspunktet får "
                            "frist noen virkedager etter."),
    "WaiveItem.by": ("Besluttet av", "Et obligatorisk punkt: e-postadressen til "
                                     "organisators koordinator som har besluttet å frafalle "
                                     "det."),
    "same_evidence_reason": ("Samme dokumentasjon som et annet punkt",
                             "Bare organisators koordinator: hvorfor en fil som allerede er "
                             "dokumentasjonen for et annet obligatorisk punkt, godtas for "
                             "dette også."),
    "RouteOrganisation.force": ("Overstyr", "Flytt virksomheten selv om en avtale er sendt "
                                            "eller signert."),
    "reason": ("Begrunnelse", "Skrives i revisjonsloggen."),
    "RouteOrganisation.reason": ("Begrunnelse", "Hvorfor (nødvendig med «Overstyr»); skrives i "
                                                "revisjonsloggen."),
    "WithdrawAgreement.reason": ("Begrunnelse", "Skrives i revisjonsloggen og sendes til de "
                                                "berørte."),
    "TerminateAgreement.reason": ("Begrunnelse", "Hvorfor avtalen sies opp; skrives i "
                                                 "revisjonsloggen og sendes til partene."),
    "TerminateAgreement.on": ("Opphører fra", "Første dag avtalen ikke gjelder; tomt betyr i "
                                              "dag (ikke en dag som ennå ikke er kommet)."),
    "ReviewItem.reason": ("Begrunnelse", "Hvorfor punktet sendes tilbake (sendes til "
                                         "virksomheten)."),
    "agreement_id": ("Avtale", "Avtalens nummer i avtalelisten."),
    "signer_email": ("Signatar", "E-postadressen til signataren."),
    "signed_at": ("Signeringstidspunkt", "Når det ble signert; tomt betyr nå."),
    "unverified_reason": ("Signert på papir: hvorfor den godtas uverifisert",
                          "Bare for en skannet kopi uten digital signatur; skrives i "
                          "revisjonsloggen og på signeringsbekreftelsen som «signert på papir»."),
    "item": ("Sjekklistepunkt", "Punktet i sjekklisten."),
    "evidence_url": ("Lenke til dokumentasjonen", "En https://-lenke."),
    "by": ("Utført av", "Hvem som har gjort det eller bekrefter det."),
    "document_types": ("Dokumenttyper", "Bare for forhåndsvurderingen: hver type som er valgt, "
                                        "som «Navn» eller «Navn: beskrivelse»; de står i "
                                        "avtalens § 5."),
    "decision": ("Avgjørelse", "accept: godkjenn; send_back: send tilbake."),
    "PlaceOrder.by": ("Bestilt av", "E-postadressen til virksomhetens signatar eller "
                                    "PJD-ansvarlige: bestillingen sendes i denne personens "
                                    "navn, og svar fra NHN går til vedkommende."),
    "RecordOutsideOrder.by": ("Bestilt av", "E-postadressen til den i virksomheten som la inn "
                                            "bestillingen utenfor avtaleflyt (kan stå tomt)."),
    "placed_on": ("Bestilt dato", "Dagen bestillingen ble lagt inn hos NHN; tomt betyr i dag."),
    "without_her_id": ("Uten HER-id", "Bestill selv om ingen HER-id er registrert."),
    "reference": ("NHNs referanse", "Referansen Norsk helsenett oppga."),
    "state": ("Bruksvilkår", "link_received: lenken er mottatt; signed: signert."),
    "at": ("Når", "Tidspunktet; tomt betyr nå."),
    "live_on": ("Driftsdato", "Dagen virksomheten settes i drift; tomt betyr i dag."),
    "accept_signer": ("En annen signatar godtatt: hvorfor",
                      "Bare når signaturens sertifikat navngir en annen enn signataren (en "
                      "stedfortreder med fullmakt) eller ikke er sertifikatet signataren brukte "
                      "før; skrives i revisjonsloggen og på signeringsbekreftelsen. Ett sertifikat "
                      "teller aldri for to signatarer."),
    "ids": ("Meldinger", "Meldingenes nummer i utboksen."),
    "all_failed": ("Alle feilede meldinger", "Prøv alle meldinger som har feilet, på nytt."),
}


EMAILS = {"email", "signer_email"}


def _choices(name: str) -> list[str] | None:
    """The fixed choices of a free-text field, as the command line offers them."""
    if name == "kind":
        return ["kommune", "avtalespesialist", "helseforetak", "privat"]
    if name == "region":
        return ["helse-sor-ost", "helse-vest", "helse-midt-norge", "helse-nord"]
    if name == "item":
        from agreements import reference

        return [p.key for p in reference.processes()]
    return None


def _plain(prop: dict[str, Any]) -> None:
    """An optional field as simply optional: no `anyOf … null`, no `null` default."""
    others = [s for s in prop.pop("anyOf", []) if s.get("type") != "null"]
    if len(others) == 1:
        prop.update(others[0])
    elif others:
        prop["anyOf"] = others
    if "default" in prop and prop["default"] is None:
        del prop["default"]


def _bokmal(schema: dict[str, Any], form: type) -> None:
    """The run form's schema of an action's model: every field titled and described in
    bokmål, optional fields plain, free-text choices as drop-downs."""
    model = form.__mro__[1].__name__
    schema["title"] = model
    for name, prop in schema.get("properties", {}).items():
        words = FIELDS.get(f"{model}.{name}") or FIELDS.get(name)
        _plain(prop)
        if "x-run-file" in prop:
            continue  # worded where the field is declared (`_run_file`)
        if words:  # a field not yet in FIELDS keeps the model's words (a test names it)
            prop.update(title=words[0], description=words[1])
        if name in EMAILS:
            prop["format"] = "email"
        choices = _choices(name)
        if choices and prop.get("type") == "string" and "enum" not in prop:
            prop["enum"] = choices


def form_of(model: type[BaseModel]) -> type[BaseModel]:
    """`model` as a flow's parameter: the same fields and rules, its run form in bokmål (it
    also takes an instance of `model` itself)."""
    config = ConfigDict(from_attributes=True, json_schema_extra=_bokmal)
    files = {n: f for n, f in FILE_FIELDS.items() if n in model.model_fields}
    defaults = {n: None for n in files if not model.model_fields[n].is_required()}
    return type(model.__name__, (model,), {
        "model_config": config, "__doc__": model.__doc__, "__module__": __name__,
        "__annotations__": {n: f[0] for n, f in files.items()}, **defaults})
