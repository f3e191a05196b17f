"""Why a signed document from the signing service was refused, and why a signing job needs the
organiser's coordinator, in bokmål: for the e-mail to the coordinator and the reports (the
front doors word the same codes from their own catalogues)."""

from __future__ import annotations

from agreements.errorcodes import Code

REFUSED = {
    Code.SIGNED_COPY_NOT_SENT.name: "dokumentet er ikke avtalen som ble sendt",
    Code.SIGNED_COPY_WITHOUT_NUMBER.name: "avtalenummeret står ikke i dokumentet",
    Code.SIGNED_COPY_CHANGED_AFTER.name: "dokumentet er endret etter at det ble signert",
    Code.SIGNED_COPY_NOT_WHOLE_FILE.name: "signaturen dekker ikke hele filen",
    Code.SIGNATURE_BROKEN.name: "signaturen er brutt eller ugyldig",
    Code.SIGNATURE_UNTRUSTED.name: "sertifikatet er ikke utstedt av en godkjent utsteder",
    Code.SIGNATURE_EXPIRED.name: "sertifikatet er utløpt",
    Code.SIGNATURE_NOT_YET_VALID.name: "sertifikatet gjelder ikke ennå",
    Code.SIGNATURE_KEY_USAGE.name: "sertifikatet kan ikke brukes til å signere",
    Code.SIGNATURE_WEAK_DIGEST.name: "signaturen bruker en svak algoritme",
    Code.SIGNATURE_REVOKED.name: "sertifikatet er trukket tilbake",
    Code.SIGNATURE_WRONG_SIGNER.name: "sertifikatet lyder på en annen enn signataren",
    Code.SIGNATURE_OTHER_CERTIFICATE.name: "signataren har tidligere signert med et annet "
                                           "sertifikat",
    Code.SIGNATURE_CERTIFICATE_REUSED.name: "samme sertifikat er brukt for to signatarer",
}

ATTENTION = {
    "BLOCKED": "signataren er sperret i Posten signering (feil sikkerhetskode for mange ganger)",
    "CONTACT_INFORMATION_MISSING": "kontaktinformasjonen til signataren mangler i Posten "
                                   "signering",
    "NOT_UNDERSTOOD": "Posten signering meldte en status avtaleflyt ikke kjenner",
    "REFUSED": "det signerte dokumentet fra Posten signering besto ikke kontrollen",
}


def refused(codes: list[str]) -> str:
    """The refused document's problems, one per line."""
    return "\n".join(f"- {REFUSED.get(code, code)}" for code in codes)


def attention(text: str | None) -> str:
    """A signing job's `attention` ("KIND: detail") in bokmål, the detail kept as Posten or
    the check gave it."""
    kind, _, detail = (text or "").partition(":")
    said = ATTENTION.get(kind.strip(), kind.strip())
    return f"{said} ({detail.strip()})" if detail.strip() else said
