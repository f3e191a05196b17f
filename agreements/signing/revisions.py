"""What an incremental update of a signed PDF changed, judged by pyHanko's difference analysis.

`POLICY` is pyHanko's standard policy made strict where a contract needs it:
- the document information (/Info) and the XMP metadata may change only in what a signing
  tool updates on its own (the modification date, the producer): a changed title, author,
  subject or keywords is a change to the document (pyHanko allows any /Info update);
- the revision that adds a document's *first* form (the first signature of a PDF without one)
  is judged too: pyHanko's form rule assumes the older revision already has a form.

`judge(reader, old, new)` names what a revision changed beyond adding signatures (form fields,
their values and appearances, DSS and document timestamps), or None. The kinds are checked
first by what they are (pages, annotations, scripts, attached files, metadata), so a refusal
says what was changed; pyHanko decides everything else (and anything it does not whitelist is
a change to the content).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import HistoricalResolver, PdfFileReader, RawPdfPath
from pyhanko.sign.diff_analysis import (
    DiffResult,
    FieldComparisonContext,
    FormUpdate,
    FormUpdatingRule,
    ModificationLevel,
    SuspiciousModification,
    WhitelistRule,
)
from pyhanko.sign.diff_analysis.commons import compare_key_refs, qualify_transforming
from pyhanko.sign.diff_analysis.form_rules_api import _list_fields
from pyhanko.sign.diff_analysis.policies import StandardDiffPolicy
from pyhanko.sign.diff_analysis.rules.file_structure_rules import (
    CatalogModificationRule,
    ObjectStreamRule,
    XrefStreamRule,
)
from pyhanko.sign.diff_analysis.rules.form_field_rules import (
    DSSCompareRule,
    GenericFieldModificationRule,
    SigFieldCreationRule,
    SigFieldModificationRule,
)
from pyhanko.sign.diff_analysis.rules.metadata_rules import DocInfoRule, MetadataUpdateRule
from pyhanko.sign.diff_analysis.rules_api import Context, ReferenceUpdate

LTA = ModificationLevel.LTA_UPDATES
FORM_KEYS = frozenset({"/Fields", "/SigFlags", "/DR", "/DA"})  # a new form may hold only these
# What a signing tool sets itself; every other entry of /Info (or XMP) is the document's.
# (The creating program and date are left out: XMP and /Info write them differently.)
_XMP = {"title": "title", "creator": "author", "description": "subject", "Keywords": "keywords"}
_INFO = {"/Title": "title", "/Author": "author", "/Subject": "subject", "/Keywords": "keywords"}
_TOOL = frozenset({"/ModDate", "/Producer", "/Creator", "/CreationDate", "/Trapped"})


class Change(StrEnum):
    """What a revision changed besides signatures."""

    CONTENT = "content"
    PAGES = "pages"
    ANNOTATIONS = "annotations"
    SCRIPT = "script"
    ATTACHMENTS = "attachments"
    METADATA = "metadata"
    FORM = "form"  # a form field other than the signature's own was filled in or changed


class _MetadataChanged(SuspiciousModification):
    pass


def _get(obj: Any, *keys: str) -> Any:
    """obj[k1][k2]…, None where a key is missing (indirect values resolved one by one)."""
    for key in keys:
        if not isinstance(obj, generic.DictionaryObject) or key not in obj:
            return None
        obj = obj.raw_get(key)
        if isinstance(obj, generic.IndirectObject):
            obj = obj.get_object()
    return obj


def _info(resolver: HistoricalResolver) -> dict[str, str]:
    info = _get(resolver.trailer_view, "/Info")
    if not isinstance(info, generic.DictionaryObject):
        return {}
    found = {k: str(_get(info, k)) for k in info if k not in _TOOL}
    return {_INFO.get(k, k): v for k, v in found.items() if v}


def _xmp(resolver: HistoricalResolver) -> dict[str, str]:
    stream = _get(resolver.root, "/Metadata")
    if not isinstance(stream, generic.StreamObject):
        return {}
    data = stream.data
    from lxml import etree

    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise _MetadataChanged("the XMP metadata is not XML") from exc
    found: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in _XMP:
            text = " ".join(t.strip() for t in element.itertext() if t.strip())
            if text:
                found[_XMP[name]] = text
    return found


def described(resolver: HistoricalResolver) -> dict[str, str]:
    """What the document says about itself (title, author, …), from /Info and XMP together."""
    return {**_info(resolver), **_xmp(resolver)}


class _MetadataRule(WhitelistRule):
    """/Info and XMP may be updated only where a signing tool updates them (dates, producer)."""

    def apply(self, old: HistoricalResolver, new: HistoricalResolver
              ) -> Iterable[ReferenceUpdate]:
        if described(old) != described(new):
            raise _MetadataChanged("the document's description (title, author …) changed")
        yield from DocInfoRule().apply(old, new)
        yield from MetadataUpdateRule().apply(old, new)


class _FormRule(FormUpdatingRule):
    """pyHanko's form rule, also for the revision that adds the document's first form."""

    def apply(self, old: HistoricalResolver, new: HistoricalResolver
              ) -> Iterator[tuple[ModificationLevel, FormUpdate]]:
        if "/AcroForm" in old.root:
            yield from super().apply(old, new)
            return
        where = Context.from_absolute(old, RawPdfPath("/Root", "/AcroForm"))
        _, form = yield from qualify_transforming(
            LTA, compare_key_refs("/AcroForm", old, old.root, new.root),
            transform=FormUpdate.curry_ref(field_name=None, context_checked=where))
        if form is None:
            return
        if not isinstance(form, generic.DictionaryObject) or set(form) - FORM_KEYS:
            raise SuspiciousModification("the new form holds more than signature fields")
        path = RawPdfPath("/Root", "/AcroForm", "/Fields")
        _, fields = yield from qualify_transforming(
            LTA, compare_key_refs("/Fields", old, generic.DictionaryObject(), form),
            transform=FormUpdate.curry_ref(field_name=None,
                                           context_checked=Context.from_absolute(old, path)))
        _, resources = yield from qualify_transforming(
            ModificationLevel.FORM_FILLING,
            compare_key_refs("/DR", old, generic.DictionaryObject(), form),
            transform=FormUpdate.curry_ref(field_name=None))
        if resources is not None:
            for ref in new.collect_dependencies(resources, since_revision=old.revision + 1):
                yield ModificationLevel.FORM_FILLING, FormUpdate(updated_ref=ref, field_name=None)
        context = FieldComparisonContext(
            field_specs=dict(_list_fields(generic.ArrayObject(), fields, old_path=path)),
            old=old, new=new)
        for rule in self.field_rules:
            yield from rule.apply(context)


POLICY = StandardDiffPolicy(
    global_rules=[
        CatalogModificationRule(),
        _MetadataRule().as_qualified(LTA),
        XrefStreamRule().as_qualified(LTA),
        ObjectStreamRule().as_qualified(LTA),
        DSSCompareRule().as_qualified(LTA),
    ],
    form_rule=_FormRule(field_rules=[SigFieldCreationRule(), SigFieldModificationRule(),
                                     GenericFieldModificationRule()]),
)


def _pages(resolver: HistoricalResolver) -> list[generic.DictionaryObject]:
    found: list[generic.DictionaryObject] = []
    todo = [_get(resolver.root, "/Pages")]
    while todo and len(found) < 10_000:
        node = todo.pop(0)
        kids = _get(node, "/Kids")
        if kids is None:
            found.append(node)
        else:
            todo[:0] = [k.get_object() for k in kids]
    return found


def _annotations(page: generic.DictionaryObject) -> list[Any]:
    """The page's annotations other than form widgets (a signature's appearance is one)."""
    annots = _get(page, "/Annots") or []
    return [a.get_object() for a in annots
            if _get(a.get_object(), "/Subtype") != "/Widget"]


def _kind(old: HistoricalResolver, new: HistoricalResolver) -> Change | None:
    """The kind of change that is plain to see, checked before pyHanko's whole analysis."""
    if described(old) != described(new):
        return Change.METADATA
    for key, kind in (("/EmbeddedFiles", Change.ATTACHMENTS), ("/JavaScript", Change.SCRIPT)):
        if _get(old.root, "/Names", key) != _get(new.root, "/Names", key):
            return kind
    if any(_get(old.root, k) != _get(new.root, k) for k in ("/OpenAction", "/AA")):
        return Change.SCRIPT
    old_pages, new_pages = _pages(old), _pages(new)
    if len(old_pages) != len(new_pages):
        return Change.PAGES
    for before, after in zip(old_pages, new_pages, strict=True):
        if [repr(a) for a in _annotations(before)] != [repr(a) for a in _annotations(after)]:
            return Change.ANNOTATIONS
    return None


def judge(reader: PdfFileReader, old: int, new: int, own_fields: set[str], *,
          at_most: ModificationLevel = ModificationLevel.FORM_FILLING) -> Change | None:
    """What revision `new` changed against revision `old` beyond filling in the signature
    fields `own_fields` (their values and appearances), DSS and document timestamps; at most
    `at_most` (LTA_UPDATES: DSS and document timestamps only)."""
    before, after = reader.get_historical_resolver(old), reader.get_historical_resolver(new)
    try:
        kind = _kind(before, after)
        if kind is not None:
            return kind
        result: DiffResult = POLICY.apply(before, after)
    except _MetadataChanged:
        return Change.METADATA
    except Exception:
        return Change.CONTENT
    level = result.modification_level
    if result.changed_form_fields - own_fields or level == ModificationLevel.FORM_FILLING > at_most:
        return Change.FORM
    return None if level <= at_most else Change.ANNOTATIONS
