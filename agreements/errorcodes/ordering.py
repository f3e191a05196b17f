"""Who acts for whom: the NHN order placed by the organisation's own contact (or recorded as
placed outside avtaleflyt), and an avtalespesialist's organiser confirmed by its RHF."""

from __future__ import annotations

from agreements.errorcodes.base import code


class OrderingCodes:
    ORDERER_REQUIRED = code(
        "nhn.orderer_required", "organisation",
        says="name who at {organisation} places the NHN order: it goes out in the name of one "
             "of its contacts (its signatory or PJD lead)")
    ORDERER_NOT_AUTHORISED = code(
        "nhn.orderer_not_authorised", "person", "organisation",
        says="{person} cannot place {organisation}'s NHN order: only a contact registered as "
             "its signatory or PJD lead can")
    ORDERER_NOT_SELF = code(
        "nhn.orderer_not_self", "person",
        says="a person signed in places an order in their own name, not in {person}'s")
    ORDER_IN_PLAY = code(
        "nhn.order_in_play", "organisation", "status",
        says="{organisation} already has an NHN order ({status}); record NHN's answer to it "
             "instead")
    HER_ID_NOT_DIGITS = code(
        "nhn.her_id_not_digits", "organisation", "orgnr",
        says="the HER-id recorded for {organisation} ({orgnr}) is not a number as NHN's "
             "address register has it: correct it before ordering")
    ORGANISER_NOT_CONFIRMED = code(
        "organiser.not_confirmed", "organisation", "organiser",
        says="the agreement with {organisation} is not sent before {organiser} has confirmed "
             "that it is the organiser (proposed from the address)")
    ORGANISER_FIXED = code(
        "organiser.fixed", "organisation", "orgnr", "kind",
        says="{organisation} ({orgnr}) is a {kind}: its organiser is fixed, only an "
             "avtalespesialist's is confirmed")
