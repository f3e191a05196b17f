"""Rendering Word templates to DOCX, and DOCX to PDF through LibreOffice.

docxtpl compiles the template's Jinja on every render; here each template's patched XML is
compiled once per process (`_CachingEnvironment`) and reused, which more than halves the cost.
Rendering is strict: autoescape (an `&` in a name cannot break the XML) and StrictUndefined,
and the context is checked first so a missing value names its field before anything is stored.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined, Template, TemplateError

from agreements.errors import InvalidInput

PDF_TIMEOUT_SECONDS = 600
PDF_CHUNK = 100


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


def soffice() -> str | None:
    return os.environ.get("AVTALEFLYT_SOFFICE") or shutil.which("soffice")


def to_pdf(docx_files: Sequence[bytes]) -> list[bytes] | None:
    """Convert DOCX files to PDF, many per LibreOffice process; None when it is not installed.

    One soffice run per chunk: a single run given a few hundred files was seen to stop after
    about 246 of them and still exit 0, so chunks stay well below that, and a file missing
    after its run gets one more try in a new run before it counts as failed.
    """
    binary = soffice()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="avtaleflyt-pdf-") as tmp:
        work = Path(tmp)
        names = []
        for i, data in enumerate(docx_files):
            (work / f"d{i:05d}.docx").write_bytes(data)
            names.append(f"d{i:05d}.docx")
        for chunk in (names[i:i + PDF_CHUNK] for i in range(0, len(names), PDF_CHUNK)):
            _convert(binary, work, chunk)
            missing = [n for n in chunk if not _pdf(work, n).is_file()]
            if missing:
                error = _convert(binary, work, missing)
                still = [n for n in missing if not _pdf(work, n).is_file()]
                if still:
                    raise InvalidInput(f"LibreOffice could not convert {len(still)} "
                                       f"document(s) to PDF: {error or 'no error output'}")
        return [_pdf(work, n).read_bytes() for n in names]


def _pdf(work: Path, name: str) -> Path:
    return work / "pdf" / (Path(name).stem + ".pdf")


def _convert(binary: str, work: Path, names: Sequence[str]) -> str:
    # A private profile per run: two conversions at once must not share LibreOffice's lock.
    profile = (work / f"profile-{uuid.uuid4().hex}").as_uri()
    result = subprocess.run(
        [binary, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(work / "pdf"), *names],
        cwd=work, capture_output=True, text=True, timeout=PDF_TIMEOUT_SECONDS,
    )
    lines = [x for x in result.stderr.splitlines() if x.strip() and "javaldx" not in x]
    return lines[-1] if lines else ""
