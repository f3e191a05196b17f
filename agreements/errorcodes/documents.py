"""Documents: templates, rendering, PDF conversion, uploads."""

from __future__ import annotations

from agreements.errorcodes.base import code


class DocumentCodes:
    TEMPLATE_NOT_FOUND = code(
        "template.not_found", "name", "folder",
        says="template {name} not found in {folder}")
    TEMPLATE_ERROR = code(
        "template.error", "template", "problem",
        says="template {template}: {problem}")
    TEMPLATE_FAULT = code(
        "template.fault", "template", "where", "problem",
        says="template {template}: {where}: {problem}")
    TEMPLATE_FAULT_AT = code(
        "template.fault_at", "template", "where", "problem", "excerpt",
        says="template {template}: {where}: {problem} in «{excerpt}»")
    TEMPLATE_FIELD_FAULT = code(
        "template.field_fault", "template", "where", "problem", "field",
        says="template {template}: {where}: {problem} (field {field})")
    TEMPLATE_FIELD_FAULT_AT = code(
        "template.field_fault_at", "template", "where", "problem", "field", "excerpt",
        says="template {template}: {where}: {problem} (field {field}) in «{excerpt}»")
    VALUE_MISSING = code(
        "document.value_missing", "field",
        says="missing value for {field!r}: nothing was stored or sent")
    VALUE_MISSING_ITEM = code(
        "document.value_missing_item", "field", "index",
        says="missing value for {field}[{index}]")
    PDF_NOT_CONVERTED = code(
        "pdf.not_converted", "count", "names", "detail",
        says="LibreOffice could not convert {count} document(s) to PDF ({names}): {detail}")
    PDF_CANCELLED = code(
        "pdf.cancelled",
        says="PDF conversion cancelled: another run of the batch failed")
    PDF_TIMED_OUT = code(
        "pdf.timed_out", "files",
        says="PDF conversion timed out ({files} files left)")
    PDF_RUN_TIMED_OUT = code(
        "pdf.run_timed_out", "files",
        says="PDF conversion timed out ({files} files in this run)")
    UPLOAD_EMPTY = code("upload.empty", "what", "name", says="{what} {name} is empty")
    UPLOAD_TOO_LARGE = code(
        "upload.too_large", "what", "name", "size", "limit", "limit_mb",
        says="{what} {name} is {size} bytes; the limit is {limit}")
    UPLOAD_NOT_STAGED = code(
        "upload.not_staged", "name", "sha",
        says="{name} ({sha}…) is not staged here: upload it again")
    UPLOAD_DAMAGED = code(
        "upload.damaged", "name",
        says="the staged copy of {name} is damaged: upload it again")
    DOCUMENT_MISSING = code(
        "document.missing", "path", "sha",
        says="{path} ({sha}…) is recorded but its bytes are not in the document store")
    DOCUMENT_DAMAGED = code(
        "document.damaged", "path", "sha",
        says="{path} in the document store is not the document recorded ({sha}…): it was "
             "damaged or changed")
    EXPORT_NOT_A_FOLDER = code(
        "document.export_not_a_folder", "path",
        says="{path} is not a folder: the documents are written into a folder")
