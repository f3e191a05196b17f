"""The command line's English for the documents codes, with its hints (flags)."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.TEMPLATE_NOT_FOUND: "template {name} not found in {folder}",
    Code.TEMPLATE_ERROR: "template {template}: {problem}",
    Code.TEMPLATE_FAULT: "template {template}: {where}: {problem}",
    Code.TEMPLATE_FAULT_AT: "template {template}: {where}: {problem} in «{excerpt}»",
    Code.TEMPLATE_FIELD_FAULT: "template {template}: {where}: {problem} (field {field})",
    Code.TEMPLATE_FIELD_FAULT_AT:
        "template {template}: {where}: {problem} (field {field}) in «{excerpt}»",
    Code.VALUE_MISSING: "missing value for {field!r}: nothing was stored or sent",
    Code.VALUE_MISSING_ITEM: "missing value for {field}[{index}]",
    Code.PDF_NOT_CONVERTED:
        "LibreOffice could not convert {count} document(s) to PDF ({names}): {detail}",
    Code.PDF_CANCELLED: "PDF conversion cancelled: another run of the batch failed",
    Code.PDF_TIMED_OUT: "PDF conversion timed out ({files} files left)",
    Code.PDF_RUN_TIMED_OUT: "PDF conversion timed out ({files} files in this run)",
    Code.UPLOAD_EMPTY: "{what} {name} is empty",
    Code.UPLOAD_TOO_LARGE: "{what} {name} is {size} bytes; the limit is {limit}",
    Code.UPLOAD_NOT_STAGED: "{name} ({sha}…) is not staged here: upload it again",
    Code.UPLOAD_DAMAGED: "the staged copy of {name} is damaged: upload it again",
    Code.DOCUMENT_MISSING:
        "{path} ({sha}…) is recorded but not in the document store "
        "(AVTALEFLYT_DOCUMENT_STORE): is this machine set up like the others?",
    Code.DOCUMENT_DAMAGED:
        "{path} in the document store is not the document recorded ({sha}…): it was damaged or "
        "changed; restore it from a backup",
    Code.EXPORT_NOT_A_FOLDER: "{path} is not a folder: give a folder (made if missing) to "
                              "write the documents into",
}
