"""The joining agreement: drafts, sending, signatures and signed copies, ending it."""

from __future__ import annotations

from agreements.errorcodes.base import code


class ContractCodes:
    AGREEMENT_NOT_FOUND = code(
        "agreement.not_found", "agreement",
        says="agreement #{agreement} does not exist")
    ONLY_KILDE_SIGNS = code(
        "agreement.only_kilde", "organisation", "role",
        says="{organisation} takes part as {role}: only a kilde signs an agreement with an "
             "organiser; a konsument orders from NHN directly")
    NO_AREA = code(
        "participation.no_area", "participation",
        says="participation {participation} has no collaboration area")
    NO_SIGNATORY = code(
        "agreement.no_signatory", "agreement", "sides",
        says="agreement #{agreement} cannot be sent: no signatory registered for {sides}")
    OPEN_PASSAGES = code(
        "agreement.open_passages", "agreement", "sections",
        says="agreement #{agreement} is a draft, not for signing: its template leaves passages "
             "to be settled under {sections}; the organiser's lawyers settle them in its own "
             "template, and the agreement is then generated again")
    SENT_BY_ANOTHER_RUN = code(
        "agreement.sent_by_another_run", "agreement",
        says="agreement #{agreement} is being sent by another run")
    NOT_SENT_AGAIN = code(
        "agreement.not_sent_again", "agreement", "status",
        says="agreement #{agreement} is {status}; it cannot be sent again")
    NO_PDF_FOR_ESIGNING = code(
        "agreement.no_pdf", "agreement",
        says="agreement #{agreement} has no PDF: e-signing through Posten signering needs "
             "one, and LibreOffice (soffice) was missing when it was created; withdraw it and "
             "create it again where LibreOffice is installed")
    JOB_MAY_EXIST = code(
        "agreement.job_may_exist", "agreement",
        says="the signing job of agreement #{agreement} may already exist in Posten "
             "signering (an earlier request was interrupted); it is recorded when Posten reports "
             "it. Not willing to wait: withdraw the agreement and send a new one")
    REASON_NEEDED = code("agreement.reason_needed", "action", says="{action} needs a reason")
    TERMINATION_NOT_YET = code(
        "agreement.termination_not_yet", "agreement", "day",
        says="agreement #{agreement} cannot be terminated from {day}, a day still to come: "
             "record the termination on that day")
    TERMINATION_BEFORE_START = code(
        "agreement.termination_before_start", "agreement", "day", "start",
        says="agreement #{agreement} took effect on {start}; it cannot be terminated from "
             "{day}, before that")
    NOTHING_TO_RENEW = code(
        "agreement.nothing_to_renew", "organisation",
        says="{organisation} has no agreement in force to renew")
    NOT_ASKED_TO_SIGN = code(
        "signature.not_asked", "name", "agreement",
        says="{name} has no pending request to sign agreement #{agreement}")
    NOT_A_SIGNER = code(
        "signature.not_a_signer", "email", "agreement", "signers",
        says="{email} is not a signer of agreement #{agreement}; signers: {signers}")
    NOT_A_SIGNER_UNSENT = code(
        "signature.not_a_signer_unsent", "email", "agreement",
        says="{email} is not a signer of agreement #{agreement}; signers: none (the "
             "agreement is not sent)")
    NOT_SIGNABLE = code(
        "signature.not_signable", "agreement", "status",
        says="agreement #{agreement} is {status}; it cannot be signed")
    ALREADY_SIGNED = code(
        "signature.already_signed", "name", "agreement",
        says="{name} has already signed agreement #{agreement}")
    SIGNS_AFTER = code(
        "signature.out_of_order", "party", "first", "agreement",
        says="{party} signs after {first}, who has not signed agreement #{agreement} yet")
    SIGNED_BEFORE_ASKED = code(
        "signature.before_asked", "name", "asked",
        says="the signing time is before {name} was asked to sign ({asked})")
    SIGNED_IN_FUTURE = code("signature.in_future", says="the signing time lies in the future")
    SIGNED_IN_SERVICE = code(
        "signature.in_service", "agreement", "what",
        says="agreement #{agreement} is signed in Posten signering: its {what} are recorded "
             "from the signing service, not by hand (withdraw it to stop the signing)")
    CHANGED_WHILE_SIGNING = code(
        "signature.changed_meanwhile", "agreement",
        says="agreement #{agreement} changed while it was being signed; try again")
    TRUST_ROOTS_MISSING = code(
        "signed_copy.no_trust_roots",
        says="a signed PDF cannot be verified: AVTALEFLYT_SIGNING_TRUST_ROOTS is not set (a "
             "PEM bundle of the CAs whose signatures are accepted); a paper signature is "
             "recorded as unverified with a reason")
    COPY_NOT_PDF = code(
        "signed_copy.not_pdf", "kind",
        says="signed copy is not a PDF (it looks like a {kind} file)")
    COPY_NOT_WHOLE = code(
        "signed_copy.not_whole",
        says="signed copy is not a whole PDF (no version after %PDF-, or no %%EOF at its "
             "end): was it cut short?")
    COPY_NOT_PDF_UNKNOWN = code(
        "signed_copy.not_pdf_unknown_kind",
        says="signed copy is not a PDF (nor a kind of file recognised)")
    COPY_UNREADABLE = code(
        "signed_copy.unreadable", says="signed copy refused: the PDF cannot be read")
    COPY_UNSIGNED = code(
        "signed_copy.unsigned", says="signed copy refused: the PDF carries no signature")
    UNVERIFIED_NEEDS_REASON = code(
        "signed_copy.unverified_needs_reason",
        says="a copy accepted unverified needs a reason")
