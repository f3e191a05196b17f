"""Signing in to the portal: links, their lifetime and the rate limits."""

from __future__ import annotations

from agreements.errorcodes.base import code


class AccessCodes:
    TOO_MANY_SIGNIN_REQUESTS = code(
        "signin.rate_limited", "counted", "window_minutes",
        says="too many sign-in requests ({counted}); try again later")
    NO_CONTACT_WITH_ADDRESS = code(
        "signin.no_contact", "email",
        says="no contact has the e-mail address {email}")
    LINK_INVALID = code("signin.link_invalid", says="the sign-in link is not valid")
    LINK_USED = code("signin.link_used", says="the sign-in link has been used already")
    LINK_EXPIRED = code("signin.link_expired", "minutes", says="the sign-in link has expired")
    LINK_CONTACT_GONE = code(
        "signin.contact_gone",
        says="the address is no longer registered as a contact")
    NOT_ALLOWED = code(
        "access.not_allowed", "actor", "action",
        says="a {actor} may not run {action}")
    OUT_OF_REACH = code(
        "access.out_of_reach", "action",
        says="{action} concerns an organisation or agreement you do not reach")
    ROLE_NOT_YOURS = code(
        "access.role_not_yours", "role",
        says="at an organiser only one of its coordinators gives or takes the {role} role")
    PAPER_SIGNATURE_BY_COORDINATOR = code(
        "access.paper_signature_by_coordinator",
        says="only the organiser's coordinator records a signature on paper")
    ACCEPT_SIGNER_BY_COORDINATOR = code(
        "access.accept_signer_by_coordinator",
        says="only the organiser's coordinator accepts a certificate that names someone other "
             "than the signatory")
