"""A template error as one line that names the template, the part, the line and the field.

Jinja's messages say `'navn' is undefined`; the user needs to know which of the template's
fields that is (`virksomhet.navn`) and where in Word it is written, on one line.
"""

from __future__ import annotations

import re
import traceback

from jinja2 import TemplateError

from agreements.errorcodes import Code
from agreements.errors import InvalidInput


class TemplateFault(InvalidInput):
    """A template that cannot be compiled or rendered: names template, part, line and field."""

    def __init__(self, template: str, part: str, lineno: int | None, excerpt: str,
                 original: TemplateError) -> None:
        self.template, self.part, self.lineno = template, part, lineno
        self.excerpt, self.original = excerpt, original
        message = " ".join(str(original.message or original).split())
        self.field = field_of(message, excerpt)
        where = f"{part} line {lineno}" if lineno else part
        about: dict[str, str] = {"template": template, "where": where, "problem": message}
        if self.field:
            about["field"] = self.field
        if excerpt:
            about["excerpt"] = excerpt
        code = ((Code.TEMPLATE_FIELD_FAULT_AT if excerpt else Code.TEMPLATE_FIELD_FAULT)
                if self.field else Code.TEMPLATE_FAULT_AT if excerpt else Code.TEMPLATE_FAULT)
        super().__init__(code, **about)


def field_of(message: str, excerpt: str) -> str | None:
    """The dotted name an UndefinedError is about, as written in the excerpt's Jinja tags."""
    m = re.search(r"^'(\w+)' is undefined|has no attribute '(\w+)'", message)
    if not m:
        return None
    name = m.group(1) or m.group(2)
    pattern = rf"(?<![\w.])\w+(?:\.\w+)*\.{name}\b" if m.group(2) else rf"(?<![\w.]){name}\b"
    for tag in re.findall(r"\{\{.*?\}\}|\{%.*?%\}", excerpt):
        found = re.search(pattern, tag)
        if found:
            return found.group(0)
    return name


def excerpt_of(lines: list[str], lineno: int | None) -> str:
    """The text (tags stripped) of the compiled source's line `lineno`, at most 300 chars."""
    if lineno and 0 < lineno <= len(lines):
        return " ".join(re.sub(r"<[^>]+>", "", lines[lineno - 1]).split())[:300]
    return ""


def template_line(exc: BaseException) -> int | None:
    """The template line Jinja's rewritten traceback points at (render-time errors)."""
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return int(lineno)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else None
