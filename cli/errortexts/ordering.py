"""The command line's English for who acts for whom: the NHN order placed by the
organisation's contact, and an avtalespesialist's organiser confirmed by its RHF."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.ORDERER_REQUIRED:
        "name who at {organisation} places the NHN order with --by EMAIL: its signatory or PJD "
        "lead (a contact with role signatory or coordinator); the order goes out in their name",
    Code.ORDERER_NOT_AUTHORISED:
        "{person} cannot place {organisation}'s NHN order: only a contact registered as its "
        "signatory or PJD lead can (see `avtaleflyt org contact add … --role coordinator`)",
    Code.ORDERER_NOT_SELF:
        "a person signed in places an order in their own name, not in {person}'s",
    Code.ORDER_IN_PLAY:
        "{organisation} already has an NHN order ({status}): record NHN's answer with "
        "`avtaleflyt nhn confirm` or `nhn reject` instead",
    Code.HER_ID_NOT_DIGITS:
        "the HER-id recorded for {organisation} ({orgnr}) is not digits only, as NHN's address "
        "register has it: correct it with `avtaleflyt org update {orgnr} --her-id …`",
    Code.ORGANISER_NOT_CONFIRMED:
        "the agreement with {organisation} is not sent before {organiser} has confirmed that it "
        "is the organiser (proposed from the address): `avtaleflyt org route ORGNR --confirm`, "
        "or correct it with `org route ORGNR --region …`",
    Code.ORGANISER_FIXED:
        "{organisation} ({orgnr}) is a {kind}: its organiser is fixed; only an avtalespesialist's "
        "organiser is confirmed",
}
