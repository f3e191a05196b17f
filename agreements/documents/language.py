"""Documents in bokmål are proofread as bokmål: every `w:lang` of a template (its styles'
defaults, its settings, runs typed with another keyboard language) is set to nb-NO when the
template is loaded, so an organiser's own template saved by an English Word gives documents
that Word checks as Norwegian. The shipped templates are nb-NO already and pass unchanged."""

from __future__ import annotations

import io
import re
import zipfile

NB = b"nb-NO"
# w:val of <w:lang …> and <w:themeFontLang …> (East Asian and bidi languages are left alone)
_LANG = re.compile(rb'(<w:(?:lang|themeFontLang)\b[^>]*?\bw:val=")([^"]*)(")')


def _parts(name: str) -> bool:
    return name.startswith("word/") and name.endswith(".xml")


def bokmal(data: bytes) -> bytes:
    """The .docx `data` with every proofing language nb-NO (the same bytes when it is)."""
    with zipfile.ZipFile(io.BytesIO(data)) as old:
        changed = {}
        for info in old.infolist():
            if not _parts(info.filename):
                continue
            xml = old.read(info)
            fixed = _LANG.sub(lambda m: m[1] + NB + m[3], xml)
            if fixed != xml:
                changed[info.filename] = fixed
        if not changed:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                new.writestr(info, changed.get(info.filename) or old.read(info))
    return out.getvalue()
