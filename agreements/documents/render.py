"""Rendering Word templates to DOCX.

Each template file is read once per process and kept resident, parsed, patched and compiled
(`resident.ResidentTemplate`, keyed by the file's SHA-256): a contract is then its body
rendered into a new ZIP that copies the template's other members' bytes, about 30 times
faster than a fresh docxtpl. Rendering is strict: autoescape (an `&` in a name cannot break
the XML) and StrictUndefined, and the context is checked first, so a missing value names its
field before anything is stored. Nothing here imports docxtpl or Jinja until a template is
rendered, so the read-only commands never load them.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agreements.core import bounded
from agreements.errorcodes import Code
from agreements.errors import AvtaleflytError, InvalidInput

if TYPE_CHECKING:
    from agreements.documents.passages import OpenPassage
    from agreements.documents.resident import ResidentTemplate

#: The docxtpl release whose rendering `ResidentTemplate` reproduces byte for byte; with any
#: other, every render goes through docxtpl itself (slower, same documents).
DOCXTPL_SERIES = "0.20."


@dataclass(frozen=True)
class LoadedTemplate:
    name: str
    data: bytes
    sha256: str


class Renderer:
    """Renders the templates of one folder; keep one per process (see `renderer()`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._loaded: dict[str, LoadedTemplate] = {}
        self.compiled: dict[str, ResidentTemplate] = {}  # by the template's SHA-256
        self._markers: dict[str, tuple[str, ...]] = {}  # by the template's SHA-256
        self._lock = threading.Lock()

    def template(self, name: str) -> LoadedTemplate:
        """The template's bytes and SHA-256, read once per process: a regular file within
        the limits, its ZIP checked before anything unpacks it (`core.bounded`)."""
        if name not in self._loaded:
            path = self.folder / name
            if not os.path.lexists(path):
                raise InvalidInput(Code.TEMPLATE_NOT_FOUND, name=name, folder=str(self.folder))
            data = bounded.read_bytes(path, bounded.TEMPLATE_MAX_BYTES)
            bounded.check_zip(data, name, bounded.TEMPLATE_MAX_UNPACKED)
            self._loaded[name] = LoadedTemplate(name, data, hashlib.sha256(data).hexdigest())
        return self._loaded[name]

    def resident(self, name: str) -> ResidentTemplate:
        """The template parsed and compiled, built on first use (a syntax error names it)."""
        loaded = self.template(name)
        found = self.compiled.get(loaded.sha256)
        if found is None:
            from agreements.documents.resident import ResidentTemplate

            with self._lock:  # two threads asking at once build it once
                found = self.compiled.get(loaded.sha256)
                if found is None:
                    found = ResidentTemplate(loaded.data, name)
                    self.compiled[loaded.sha256] = found
        return found

    def render(self, name: str, context: Mapping[str, Any]) -> bytes:
        check_complete(context)
        if not _resident_supported():
            return render_with_docxtpl(self.template(name), context)
        return self.resident(name).render(context)

    def render_marked(self, name: str, context: Mapping[str, Any]
                      ) -> tuple[bytes, list[OpenPassage]]:
        """The rendered .docx and its open passages (`documents.passages`); marked as a
        draft when it has any. The same bytes as `render`, `open_passages` and `mark_docx`,
        found in the body as it is rendered, before it is compressed."""
        from agreements.documents import passages

        if not _resident_supported():
            data = self.render(name, context)
            found = passages.open_passages(data)
            return (passages.mark_docx(data) if found else data), found
        check_complete(context)
        loaded = self.template(name)
        if loaded.sha256 not in self._markers:  # the Keywords, never rendered
            self._markers[loaded.sha256] = passages.markers(loaded.data)
        wanted, found = self._markers[loaded.sha256], []

        def edit(body: Any, xml: str) -> str:
            found.extend(passages.open_in(body, wanted))
            return passages.mark_xml(xml) if found else xml
        return self.resident(name).render(context, edit), found

    def variables(self, name: str) -> set[str]:
        if not _resident_supported():
            from docxtpl import DocxTemplate
            from jinja2 import Environment

            doc = DocxTemplate(io.BytesIO(self.template(name).data))
            return set(doc.get_undeclared_template_variables(jinja_env=Environment()))
        return self.resident(name).variables()


@lru_cache(maxsize=4)
def renderer(folder: Path) -> Renderer:
    return Renderer(folder)


@lru_cache(maxsize=1)
def _resident_supported() -> bool:
    import docxtpl

    return str(docxtpl.__version__).startswith(DOCXTPL_SERIES)


def render_with_docxtpl(template: LoadedTemplate, context: Mapping[str, Any]) -> bytes:
    """docxtpl's own path (a fresh DocxTemplate), for docxtpl releases not reproduced."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment, StrictUndefined, TemplateError

    doc = DocxTemplate(io.BytesIO(template.data))
    try:
        doc.render(dict(context), jinja_env=Environment(undefined=StrictUndefined),
                   autoescape=True)
    except TemplateError as exc:
        message = " ".join(str(exc).split())
        raise InvalidInput(Code.TEMPLATE_ERROR, template=template.name, problem=message) from None
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def check_complete(context: Mapping[str, Any], path: str = "") -> None:
    """Raise InvalidInput naming the first field whose value is missing (None)."""
    for key, value in context.items():
        here = f"{path}.{key}" if path else key
        if value is None:
            raise InvalidInput(Code.VALUE_MISSING, field=here)
        if isinstance(value, Mapping):
            check_complete(value, here)
        elif isinstance(value, list | tuple):
            for i, item in enumerate(value):
                if item is None:
                    raise InvalidInput(Code.VALUE_MISSING_ITEM, field=here, index=i)
                if isinstance(item, Mapping):
                    check_complete(item, f"{here}[{i}]")


def template_for(folder: Path, organiser: str | None, name: str) -> str:
    """The template to render: the organiser's own (`<folder>/<organiser>/<name>`, settled
    by its lawyers) when it has one, else the shipped one; `organiser` is its key in the
    reference data (`ks`, `helse-nord` …)."""
    if organiser and os.path.lexists(folder / organiser / name):
        return f"{organiser}/{name}"
    return name


def check_templates(folder: Path, word: Callable[[AvtaleflytError], str] = str
                    ) -> dict[str, list[str]]:
    """Per template (the shipped ones and each organiser's own), what is wrong: a syntax
    error, variables the code does not supply, a failed render (in the front door's words:
    `word`), or a passage still to be settled (named by its section)."""
    from agreements import reference
    from agreements.documents import contexts, passages

    renderer = Renderer(folder)
    problems: dict[str, list[str]] = {}
    for name, ctx in contexts.sample_contexts().items():
        for key in ("", *reference.organisers()):
            if key and not os.path.lexists(folder / key / name):
                continue
            path = template_for(folder, key or None, name)
            try:
                missing = sorted(renderer.variables(path) - set(ctx))
                found = [f"variable {v!r} is not supplied by the code" for v in missing]
                if not found:
                    found = [f"open passage under «{s}»: to be settled before it is sent"
                             for s in passages.sections(passages.open_passages(
                                 renderer.render(path, ctx)))]
            except InvalidInput as exc:
                found = [word(exc)]
            if found:
                problems[path] = found
    return problems
