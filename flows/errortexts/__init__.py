"""The Prefect UI's words for the domain's errors: bokmål for the coordinators who start runs
there, naming the run form's fields rather than command-line flags. Looked up by the error's
code, never by its message; one module per concern, as the codes are
(`agreements.errorcodes`)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from agreements.core.calendar import norsk_dato
from agreements.documents import runfiles
from agreements.errorcodes import ErrorCode
from agreements.errors import AvtaleflytError
from agreements.readiness.gates import Gate
from agreements.registry.differences import Difference
from agreements.reporting import labels
from flows.errortexts import (
    access,
    contracts,
    core,
    documents,
    files,
    onboarding,
    ordering,
    outbox,
    readiness,
    registry,
    runs,
    settings,
    signedcopies,
    signing,
)

TEXTS: Mapping[ErrorCode, str] = {
    **core.TEXTS,
    **registry.TEXTS,
    **documents.TEXTS,
    **outbox.TEXTS,
    **signing.TEXTS,
    **contracts.TEXTS,
    **signedcopies.TEXTS,
    **readiness.TEXTS,
    **ordering.TEXTS,
    **access.TEXTS,
    **onboarding.TEXTS,
    **settings.TEXTS,
    **runs.TEXTS,
    **files.TEXTS,
}


STATUSES = {**labels.AGREEMENT, **labels.SIGNATURE, **labels.ORDER, **labels.TERMS,
            **labels.ITEM}
# A field as the run form names it (its title), a role or a status by its bokmål name.
FIELDS = {"name": "«Navn»", "title": "«Stillingstittel»", "signatory": "«Signatar»",
          "coordinator": "«PJD-ansvarlig»"}
WORDS: Mapping[str, Mapping[str, str]] = {
    "field": FIELDS,
    "role": {**labels.CONTACT_ROLE, **labels.ROLE},
    "kind": labels.KIND,
    **dict.fromkeys(("current", "target", "status"), STATUSES),
    **dict.fromkeys(("purpose", "wanted"), runfiles.WORDS),
}
DIFFERENCES = {"kind": "«Type virksomhet»", "name": "«Navn»", "kommunenummer": "«Kommunenummer»",
               "region": "«RHF-område»"}


def show(name: str, value: Any) -> str:
    """A parameter as a run's message writes it: Norwegian dates, lists by commas, fields by
    the run form's titles."""
    if isinstance(value, date):
        return norsk_dato(value)
    if isinstance(value, Gate):
        return labels.gate(value)
    if isinstance(value, Difference):
        what = DIFFERENCES.get(value.what, value.what)
        return f"{what} {value.given} (registrert: {value.registered or '–'})"
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(show(name, v) for v in value)
    words = WORDS.get(name)
    return words.get(str(value), str(value)) if words else str(value)


def bokmal(error: AvtaleflytError) -> str:
    said = error.words(TEXTS, show)
    return said[:1].upper() + said[1:]


class Refusal(Exception):
    """A domain error as a run in the Prefect UI shows it: in bokmål, naming the run form's
    fields. `error` is the domain's error itself (its code and parameters)."""

    def __init__(self, text: str, error: AvtaleflytError | None = None) -> None:
        super().__init__(text)
        self.error = error


F = TypeVar("F", bound=Callable[..., Any])


# the titles of a refusal's lists in its artifact
LISTS = {"gates": "Det som står åpent", "failures": "Det som feilet",
         "differences": "Det som avviker"}


def refused(error: AvtaleflytError) -> Any:
    """The run's end for a refusal: a Failed state whose message is the refusal's one line
    in bokmål (the flow called as a function raises it as a `Refusal`), and a markdown
    artifact with that line and each of its lists (the open gates …) item by item. No
    traceback is logged: a refusal is an answer, not a fault."""
    from prefect.artifacts import create_markdown_artifact
    from prefect.states import Failed

    text, markdown = refusal(error)
    create_markdown_artifact(markdown=markdown, key="refusal", description=text[:500])
    return Failed(message=text, data=Refusal(text, error))


def refusal(error: AvtaleflytError) -> tuple[str, str]:
    """A refusal's one line in bokmål, and its artifact's markdown: that line and each of
    its lists item by item."""
    text = " ".join(bokmal(error).split())
    parts = [f"**Avvist:** {text}"]
    for name, value in error.params.items():
        if isinstance(value, list | tuple | set | frozenset) and value:
            items = "\n".join(f"- {show(name, v)}" for v in value)
            parts.append(f"### {LISTS.get(name, name)}\n\n{items}")
    return text, "\n\n".join(parts)


def worded(fn: F) -> F:
    """A flow's function whose domain errors end its run as Failed with the refusal in the
    UI's words (`refused`); put it under `@flow`, which still sees the function's own
    parameters."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except AvtaleflytError as exc:
            return refused(exc)

    # the parameters' types resolved where `fn` is written, for Prefect to validate them
    run.__signature__ = inspect.signature(fn, eval_str=True)  # type: ignore[attr-defined]
    return run  # type: ignore[return-value]
