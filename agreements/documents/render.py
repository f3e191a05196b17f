"""Rendering Word templates to DOCX.

docxtpl compiles the template's Jinja on every render; here each template's patched XML is
compiled once per process (`_CachingEnvironment`) and reused, which more than halves the cost.
Rendering is strict: autoescape (an `&` in a name cannot break the XML) and StrictUndefined,
and the context is checked first so a missing value names its field before anything is stored.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined, Template, TemplateError

from agreements.errors import InvalidInput


class _CachingEnvironment(Environment):
    """An Environment whose from_string() compiles each distinct source once."""

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self._compiled: dict[str, Template] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        key = hashlib.sha256(source.encode("utf-8")).hexdigest()
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = super().from_string(source, globals, template_class)
            self._compiled[key] = compiled
        return compiled


@dataclass(frozen=True)
class LoadedTemplate:
    name: str
    data: bytes
    sha256: str


class Renderer:
    """Renders the templates of one folder; keep one per process (see `renderer()`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = _CachingEnvironment()
        self._loaded: dict[str, LoadedTemplate] = {}

    def template(self, name: str) -> LoadedTemplate:
        path = self.folder / name
        if name not in self._loaded:
            if not path.is_file():
                raise InvalidInput(f"template {name} not found in {self.folder}")
            data = path.read_bytes()
            self._loaded[name] = LoadedTemplate(name, data, hashlib.sha256(data).hexdigest())
        return self._loaded[name]

    def render(self, name: str, context: Mapping[str, Any]) -> bytes:
        from docxtpl import DocxTemplate  # heavy; most commands never render

        check_complete(context)
        loaded = self.template(name)
        doc = DocxTemplate(io.BytesIO(loaded.data))
        try:
            doc.render(dict(context), jinja_env=self.env, autoescape=True)
        except TemplateError as exc:
            raise InvalidInput(f"template {name}: {exc}") from None
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    def variables(self, name: str) -> set[str]:
        from docxtpl import DocxTemplate

        doc = DocxTemplate(io.BytesIO(self.template(name).data))
        return set(doc.get_undeclared_template_variables(jinja_env=Environment()))


@lru_cache(maxsize=4)
def renderer(folder: Path) -> Renderer:
    return Renderer(folder)


def check_complete(context: Mapping[str, Any], path: str = "") -> None:
    """Raise InvalidInput naming the first field whose value is missing (None)."""
    for key, value in context.items():
        here = f"{path}.{key}" if path else key
        if value is None:
            raise InvalidInput(f"missing value for {here!r}: nothing was stored or sent")
        if isinstance(value, Mapping):
            check_complete(value, here)
        elif isinstance(value, list | tuple):
            for i, item in enumerate(value):
                if item is None:
                    raise InvalidInput(f"missing value for {here}[{i}]")
                if isinstance(item, Mapping):
                    check_complete(item, f"{here}[{i}]")


def check_templates(folder: Path) -> dict[str, list[str]]:
    """Per template, what is wrong: variables the code does not supply, or a failed render."""
    from agreements.documents import contexts

    renderer = Renderer(folder)
    problems: dict[str, list[str]] = {}
    for name, ctx in contexts.sample_contexts().items():
        try:
            missing = sorted(renderer.variables(name) - set(ctx))
        except TemplateError as exc:  # a syntax error in the Word file's Jinja
            problems[name] = [f"template syntax error: {exc}"]
            continue
        found = [f"variable {v!r} is not supplied by the code" for v in missing]
        if not found:
            try:
                renderer.render(name, ctx)
            except InvalidInput as exc:
                found.append(str(exc))
        if found:
            problems[name] = found
    return problems
