"""The command line's English for the contracts codes, with its hints (flags)."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.AGREEMENT_NOT_FOUND: "agreement #{agreement} does not exist",
    Code.ONLY_KILDE_SIGNS:
        "{organisation} takes part as {role}: only a kilde signs an agreement with an organiser; "
        "a konsument orders from NHN directly",
    Code.NO_AREA: "participation {participation} has no collaboration area",
    Code.NO_SIGNATORY:
        "agreement #{agreement} cannot be sent: no signatory registered for {sides} (add one with "
        "`avtaleflyt org contact add ORGNR --role signatory …`)",
    Code.OPEN_PASSAGES:
        "agreement #{agreement} is a draft, not for signing: its template leaves passages to be "
        "settled under {sections}. Put the organiser's settled template in its own folder "
        "(AVTALEFLYT_TEMPLATES_DIR/<organiser>/, see `avtaleflyt templates check`) and send "
        "again; for a demo only, AVTALEFLYT_ALLOW_DRAFT_TEMPLATES=1 sends it marked UTKAST",
    Code.SENT_BY_ANOTHER_RUN: "agreement #{agreement} is being sent by another run",
    Code.NOT_SENT_AGAIN: "agreement #{agreement} is {status}; it cannot be sent again",
    Code.NO_PDF_FOR_ESIGNING:
        "agreement #{agreement} has no PDF: e-signing through Posten signering needs one, and "
        "LibreOffice (soffice) was missing when it was created; withdraw it and create it again "
        "where LibreOffice is installed",
    Code.JOB_MAY_EXIST:
        "the signing job of agreement #{agreement} may already exist in Posten signering (an "
        "earlier request was interrupted); it is recorded when Posten reports it. Not willing to "
        "wait: withdraw the agreement and send a new one",
    Code.REASON_NEEDED: "{action} needs a reason: give --reason",
    Code.TERMINATION_NOT_YET:
        "agreement #{agreement} cannot be terminated from {day}, a day still to come: run "
        "`agreement terminate` on that day (or simulate it with --today)",
    Code.TERMINATION_BEFORE_START:
        "agreement #{agreement} took effect on {start}; --on {day} is before that",
    Code.NOTHING_TO_RENEW: "{organisation} has no agreement in force to renew",
    Code.NOT_ASKED_TO_SIGN: "{name} has no pending request to sign agreement #{agreement}",
    Code.NOT_A_SIGNER: "{email} is not a signer of agreement #{agreement}; signers: {signers}",
    Code.NOT_A_SIGNER_UNSENT:
        "{email} is not a signer of agreement #{agreement}; signers: none (the agreement is not "
        "sent)",
    Code.NOT_SIGNABLE: "agreement #{agreement} is {status}; it cannot be signed",
    Code.ALREADY_SIGNED: "{name} has already signed agreement #{agreement}",
    Code.SIGNS_AFTER: "{party} signs after {first}, who has not signed agreement #{agreement} yet",
    Code.SIGNED_BEFORE_ASKED: "--at is before {name} was asked to sign ({asked})",
    Code.SIGNED_IN_FUTURE: "--at lies in the future",
    Code.SIGNED_IN_SERVICE:
        "agreement #{agreement} is signed in Posten signering: its {what} are recorded by "
        "`avtaleflyt signing poll`, not by hand (withdraw it to stop the signing)",
    Code.CHANGED_WHILE_SIGNING:
        "agreement #{agreement} changed while it was being signed; try again",
    Code.TRUST_ROOTS_MISSING:
        "a signed PDF cannot be verified: AVTALEFLYT_SIGNING_TRUST_ROOTS is not set (a PEM bundle "
        "of the CAs whose signatures are accepted); a paper signature is recorded with "
        "--unverified --reason",
    Code.COPY_NOT_PDF:
        "signed copy is not a PDF (it looks like a {kind} file)",
    Code.COPY_NOT_WHOLE:
        "signed copy is not a whole PDF (no version after %PDF-, or no %%EOF at its end): was it "
        "cut short?",
    Code.COPY_UNREADABLE: "signed copy refused: the PDF cannot be read",
    Code.COPY_UNSIGNED: "signed copy refused: the PDF carries no signature",
    Code.UNVERIFIED_NEEDS_REASON: "--unverified needs a reason: give --reason",
    Code.COPY_NOT_PDF_UNKNOWN: "signed copy is not a PDF",
}
