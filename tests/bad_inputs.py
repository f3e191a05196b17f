"""The bad-input table: what an adversarial user or an operator with bad luck types, and the
one line avtaleflyt must answer with. `{name}` in an argument is a file the test prepares
(see test_bad_input.FILES); ORGNR-like constants come from tests/world.py."""

from __future__ import annotations

from dataclasses import dataclass, field

OSLO, KS, FAKE = "958935420", "971032146", "910000071"  # FAKE: valid, never registered


@dataclass(frozen=True)
class Bad:
    argv: tuple[str, ...]
    said: str  # what the one line must say (case-insensitive)
    code: int = 1
    env: dict[str, str] = field(default_factory=dict)


def bad(*argv: str, said: str, code: int = 1, **env: str) -> Bad:
    return Bad(argv, said, code, {f"AVTALEFLYT_{k}": v for k, v in env.items()})


LONG = "x" * 301
ADD = ("org", "add")
CONTACT = ("org", "contact", "add", KS, "--role", "it")
MAN = ("--kind", "privat", "--name", "Klinikk", "--kommunenummer")
SIGN = ("agreement", "sign", "1", "--signer", "ola@oslo.kommune.no", "--file")
DONE = ("checklist", "done", OSLO)
ONBOARD = ("onboard", "--offline", "--csv")

CASES: dict[str, Bad] = {
    # organisasjonsnummer
    "orgnr check digit": bad(*ADD, "958935421", "--role", "kilde", said="check digit"),
    "orgnr 8 digits": bad(*ADD, "12345678", "--role", "kilde", said="9 digits"),
    "orgnr full-width digits": bad(*ADD, "９５８９３５４２０", "--role", "kilde", said="0-9"),
    "orgnr Arabic-Indic digits": bad(*ADD, "٩٥٨٩٣٥٤٢٠", "--role", "kilde", said="0-9"),
    "orgnr with dashes": bad(*ADD, "958-935-420", "--role", "kilde", said="0-9"),
    "orgnr with a letter": bad(*ADD, "95893542O", "--role", "kilde", said="0-9"),
    "orgnr empty": bad(*ADD, "", "--role", "kilde", said="9 digits"),
    "orgnr 30 digits": bad("status", "9" * 30, said="9 digits"),
    "status of an unregistered org": bad("status", FAKE, said="not registered"),
    "status of a bad orgnr": bad("status", "958935421", said="check digit"),
    "role unknown": bad(*ADD, OSLO, "--role", "tilskuer", said="--role", code=2),
    "role missing": bad(*ADD, OSLO, said="--role", code=2),
    "kind unknown": bad(*ADD, FAKE, "--role", "kilde", "--kind", "apotek", said="--kind", code=2),
    "non-kommune offline without name": bad(*ADD, FAKE, "--role", "konsument", "--kind",
                                            "privat", said="--name and --kommunenummer"),
    "kommune kind for a non-kommune": bad(*ADD, FAKE, "--role", "kilde", "--kind", "kommune",
                                          said="not one of the 357 kommuner"),
    "kommunenummer Arabic-Indic": bad(*ADD, FAKE, "--role", "konsument", *MAN, "٠٣٠١",
                                      said="kommunenummer"),
    "kommunenummer full-width": bad(*ADD, FAKE, "--role", "konsument", *MAN, "０３０１",
                                    said="kommunenummer"),
    "kommunenummer 5 digits": bad(*ADD, FAKE, "--role", "konsument", *MAN, "03011",
                                  said="kommunenummer"),
    "kommunenummer letters": bad(*ADD, FAKE, "--role", "konsument", *MAN, "Oslo",
                                 said="kommunenummer"),
    "name with a line break": bad(*ADD, FAKE, "--role", "konsument", "--kind", "privat",
                                  "--name", "Klinikk\nBcc: x", "--kommunenummer", "0301",
                                  said="control character"),
    "name too long": bad(*ADD, FAKE, "--role", "konsument", "--kind", "privat", "--name",
                         LONG, "--kommunenummer", "0301", said="300"),
    "name of spaces": bad(*ADD, FAKE, "--role", "konsument", "--kind", "privat", "--name",
                          "   ", "--kommunenummer", "0301", said="empty"),
    "region unknown": bad(*ADD, FAKE, "--role", "kilde", "--kind", "avtalespesialist",
                          "--region", "helse-øst", said="unknown region"),
    "signatory without address": bad(*ADD, OSLO, "--role", "kilde", "--signatory", "Ola",
                                     said="Name <email>"),
    "signatory without name": bad(*ADD, OSLO, "--role", "kilde", "--signatory",
                                  "<ola@oslo.kommune.no>", said="Name <email>"),
    "signatory address without domain": bad(*ADD, OSLO, "--role", "kilde", "--signatory",
                                            "Ola <ola>", said="e-mail"),
    "signatory two people": bad(*ADD, OSLO, "--role", "kilde", "--signatory",
                                "Ola <ola@o.no>, Kari <kari@o.no>", said="one person"),
    "signatory address in the name": bad(*ADD, OSLO, "--role", "kilde", "--signatory",
                                         '"evil@x.example, Ola" <ola@o.no>', said="@, < or >"),
    "signatory with CR/LF": bad(*ADD, OSLO, "--role", "kilde", "--signatory",
                                "Ola\r\nBcc: x@y.no <ola@o.no>", said="control character"),
    "signatory name too long": bad(*ADD, OSLO, "--role", "kilde", "--signatory",
                                   f"{'O' * 201} <ola@o.no>", said="200"),
    "signatory text too long": bad(*ADD, OSLO, "--role", "kilde", "--signatory",
                                   f"Ola <{'o' * 600}@o.no>", said="500"),
    "coordinator without address": bad(*ADD, OSLO, "--role", "kilde", "--coordinator", "Siri",
                                       said="Name <email>"),
    # contacts
    "contact e-mail without @": bad(*CONTACT, "--name", "Per", "--email", "per.ks.no",
                                    said="e-mail"),
    "contact e-mail without domain": bad(*CONTACT, "--name", "Per", "--email", "per@ks",
                                         said="e-mail"),
    "contact two e-mails": bad(*CONTACT, "--name", "Per", "--email", "a@ks.no,b@ks.no",
                               said="e-mail"),
    "contact e-mail with a space": bad(*CONTACT, "--name", "Per", "--email", "p er@ks.no",
                                       said="e-mail"),
    "contact e-mail with CR/LF": bad(*CONTACT, "--name", "Per", "--email",
                                     "per@ks.no\r\nBcc: x@y.no", said="control character"),
    "contact e-mail too long": bad(*CONTACT, "--name", "Per", "--email",
                                   f"{'p' * 250}@ks.no", said="254"),
    "contact e-mail with a NUL": bad(*CONTACT, "--name", "Per", "--email", "per\x00@ks.no",
                                     said="control character"),
    "contact name empty": bad(*CONTACT, "--name", "", "--email", "per@ks.no", said="name"),
    "contact name of spaces": bad(*CONTACT, "--name", "   ", "--email", "per@ks.no",
                                  said="name"),
    "contact name with CR/LF": bad(*CONTACT, "--name", "Kari\r\nBcc: x@y.no", "--email",
                                   "per@ks.no", said="control character"),
    "contact name with a tab": bad(*CONTACT, "--name", "Kari\tN", "--email", "per@ks.no",
                                   said="control character"),
    "contact name with a bidi override": bad(*CONTACT, "--name", "Kari\u202eN", "--email",
                                             "per@ks.no", said="control character"),
    "contact name with a zero-width space": bad(*CONTACT, "--name", "Ka\u200bri", "--email",
                                                "per@ks.no", said="control character"),
    "contact name with <>": bad(*CONTACT, "--name", "Kari <boss>", "--email", "per@ks.no",
                                said="@, < or >"),
    "contact name too long": bad(*CONTACT, "--name", "K" * 201, "--email", "per@ks.no",
                                 said="200"),
    "contact title with CR": bad(*CONTACT, "--name", "Per", "--email", "per@ks.no", "--title",
                                 "Sjef\rX", said="control character"),
    "contact title too long": bad(*CONTACT, "--name", "Per", "--email", "per@ks.no",
                                  "--title", "T" * 201, said="200"),
    "contact role unknown": bad("org", "contact", "add", KS, "--role", "boss", "--name", "P",
                                "--email", "p@ks.no", said="--role", code=2),
    "contact of a bad orgnr": bad("org", "contact", "add", "958935421", "--role", "it",
                                  "--name", "P", "--email", "p@ks.no", said="check digit"),
    "contact of an unregistered org": bad("org", "contact", "add", FAKE, "--role", "it",
                                          "--name", "P", "--email", "p@ks.no",
                                          said="not registered"),
    # organisation details
    "HER-id too long": bad("org", "update", OSLO, "--her-id", "1" * 11, said="10"),
    "HER-id with a line break": bad("org", "update", OSLO, "--her-id", "12\n34",
                                    said="digits 0-9"),
    "HER-id with letters": bad("org", "update", OSLO, "--her-id", "8123a", said="digits 0-9"),
    "EPJ system too long": bad("org", "update", OSLO, "--epj-system", "E" * 201, said="200"),
    "EPJ vendor with a NUL": bad("org", "update", OSLO, "--epj-vendor", "Ti\x00eto",
                                 said="control character"),
    "update of an unregistered org": bad("org", "update", FAKE, "--her-id", "1",
                                         said="not registered"),
    "org list of an unknown area": bad("org", "list", "--area", "mars", said="unknown area",
                                       code=2),
}
