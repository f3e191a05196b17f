"""The command line's English for the access codes, with its hints (flags)."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.TOO_MANY_SIGNIN_REQUESTS: "too many sign-in requests ({counted}); try again later",
    Code.NO_CONTACT_WITH_ADDRESS:
        "no contact has the e-mail address {email}: add one with `avtaleflyt org contact add`",
    Code.LINK_INVALID: "the sign-in link is not valid",
    Code.LINK_USED: "the sign-in link has been used already",
    Code.LINK_EXPIRED: "the sign-in link has expired",
    Code.LINK_CONTACT_GONE: "the address is no longer registered as a contact",
    Code.NOT_ALLOWED: "a {actor} may not run {action} (see README: Who acts)",
    Code.OUT_OF_REACH: "{action} concerns an organisation or agreement you do not reach",
    Code.ROLE_NOT_YOURS:
        "at an organiser only one of its coordinators gives or takes the {role} role",
    Code.PAPER_SIGNATURE_BY_COORDINATOR:
        "only the organiser's coordinator records a signature on paper",
    Code.ACCEPT_SIGNER_BY_COORDINATOR:
        "only the organiser's coordinator accepts a certificate that names someone other than "
        "the signatory",
}
