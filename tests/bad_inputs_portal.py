"""The bad-input table, last part: signed copies that cannot be verified and paper
signatures, e-signing settings, routing corrections, reviews, document types and the portal."""

from __future__ import annotations

from tests.bad_inputs import DONE, OSLO, SIGN, Bad, bad
from tests.world import SPESIALIST

CASES: dict[str, Bad] = {
    # signatures that cannot be verified, paper signatures, e-signing settings
    "sign with a PDF nobody signed": bad(*SIGN, "{scan}", said="signed copy refused"),
    "sign without trust roots": bad(*SIGN, "{pdf}", said="SIGNING_TRUST_ROOTS",
                                    SIGNING_TRUST_ROOTS=""),
    "sign on paper without a reason": bad(*SIGN, "{scan}", "--unverified", said="--reason",
                                          code=2),
    "sign on paper with a NUL in the reason": bad(*SIGN, "{scan}", "--unverified", "--reason",
                                                  "Skannet\x00", said="control character"),
    "trust roots that are no file": bad("status", OSLO, said="SIGNING_TRUST_ROOTS",
                                        SIGNING_TRUST_ROOTS="{missing}"),
    "trust roots that are no PEM": bad("status", OSLO, said="PEM bundle",
                                       SIGNING_TRUST_ROOTS="{text}"),
    "poll Posten without its settings": bad("signing", "poll", said="SIGNING=posten",
                                            SIGNING="posten"),
    # routing corrections and reviews
    "route a kommune": bad("org", "route", OSLO, "--region", "helse-vest",
                           said="only an avtalespesialist"),
    "route to a region that is none": bad("org", "route", SPESIALIST, "--region", "helse-øst",
                                          said="--region", code=2),
    "route by force without a reason": bad("org", "route", SPESIALIST, "--region", "helse-vest",
                                           "--force", said="--reason"),
    "route with a NUL in the reason": bad("org", "route", SPESIALIST, "--region", "helse-vest",
                                          "--force", "--reason", "Feil\x00",
                                          said="control character"),
    "review an open item": bad("checklist", "review", OSLO, "risikovurdering", "--accept",
                               said="nothing to review"),
    "send back without a reason": bad("checklist", "review", OSLO, "helsenett_medlemskap",
                                      "--send-back", said="needs a reason"),
    "send back with a NUL in the reason": bad("checklist", "review", OSLO,
                                              "helsenett_medlemskap", "--send-back", "--reason",
                                              "Mangler\x00", said="control character"),
    "document type with a line break": bad(*DONE, "forhandsvurdering_dokumenttyper",
                                           "--evidence", "{pdf}", "--document-type",
                                           "Epikriser\nBcc: x", said="control character"),
    "document types for another item": bad(*DONE, "risikovurdering", "--evidence", "{pdf}",
                                           "--document-type", "Epikriser",
                                           said="records no document types"),
    # the portal
    "sign-in link for a stranger": bad("portal", "link", "ukjent@example.no",
                                       said="no contact has"),
    "portal address that is no URL": bad("status", OSLO, said="PORTAL_URL",
                                         PORTAL_URL="portal.example.no"),
    "portal secret key too short": bad("status", OSLO, said="SECRET_KEY", SECRET_KEY="kort"),
}
