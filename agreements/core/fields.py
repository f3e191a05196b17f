"""A typed input's refusals by code: the first problem pydantic found in a model (a command's
input, a row of the onboarding CSV), as one `InvalidInput` naming the field and its title.

A validator refuses with `FieldProblem(Code.X)` (a ValueError, so pydantic collects it), and
`invalid` turns it back into that code; pydantic's own checks get the `field.*` codes;
`setting_refusal` does the same for a setting, naming its variable."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from agreements.errorcodes import Code, ErrorCode
from agreements.errors import InvalidInput


class FieldProblem(ValueError):
    """A validator's refusal: its code and parameters (the field and its title are added)."""

    def __init__(self, code: ErrorCode, **params: Any) -> None:
        super().__init__(code.name)  # worded once the field is known (`invalid`)
        self.code, self.params = code, params


def invalid(exc: ValidationError, model: type[BaseModel] | None = None) -> InvalidInput:
    """The first problem in `exc` as an InvalidInput naming the field (`document_types.2`)
    and its title in the model (`Document types`)."""
    error = exc.errors()[0]
    loc = [str(p) for p in error["loc"]]
    field = ".".join(loc) or "input"
    found = model.model_fields.get(loc[0]) if model and loc else None
    named = {"field": field, "title": (found.title if found and found.title else field)}
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    cause = ctx.get("error")
    if isinstance(cause, FieldProblem):
        return InvalidInput(cause.code, **cause.params,
                            **{k: v for k, v in named.items() if k in cause.code.params})
    kind = error["type"]
    if kind == "missing":
        return InvalidInput(Code.FIELD_MISSING, **named)
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return InvalidInput(Code.FIELD_EMPTY, **named)
    if kind == "string_too_long" or (kind == "too_long" and isinstance(error.get("input"), str)):
        return InvalidInput(Code.FIELD_TOO_LONG, limit=ctx["max_length"], **named)
    if kind == "too_long":
        return InvalidInput(Code.FIELD_TOO_MANY, limit=ctx["max_length"],
                            count=ctx["actual_length"], **named)
    if kind in ("literal_error", "enum"):
        return InvalidInput(Code.FIELD_CHOICE, expected=ctx["expected"], **named)
    if kind == "extra_forbidden":
        return InvalidInput(Code.FIELD_UNKNOWN, field=field)
    problem = str(cause) if isinstance(cause, Exception) else error["msg"]
    return InvalidInput(Code.FIELD_INVALID, problem=problem, **named)


def setting_refusal(exc: ValidationError, values: Mapping[str, object],
                    overrides: Mapping[str, object], *, secrets: Collection[str],
                    prefix: str) -> InvalidInput:
    """One refusal naming the variable that is wrong (and what was given), and why."""
    error = exc.errors()[0]
    cause = error.get("ctx", {}).get("error")
    if not error["loc"] and isinstance(cause, FieldProblem):  # a rule across settings
        return InvalidInput(cause.code, **cause.params)
    name = str(error["loc"][0]) if error["loc"] else "settings"
    given = str(values.get(name, ""))
    shown = "***" if name in secrets else given if len(given) <= 60 else given[:57] + "..."
    where = f"{prefix}{name.upper()}" if name in values and name not in overrides else name
    if isinstance(cause, FieldProblem):
        named = {"variable": where, "value": shown}
        return InvalidInput(cause.code, **cause.params,
                            **{k: v for k, v in named.items() if k in cause.code.params})
    why = str(cause) if isinstance(cause, Exception) else error["msg"]
    return InvalidInput(Code.SETTING_INVALID, variable=where, value=shown, problem=why)
