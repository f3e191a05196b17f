"""Files read from outside (core.bounded): a regular file within its limits; ZIPs; evidence."""

from __future__ import annotations

from agreements.errorcodes.base import code


class FileCodes:
    FILE_MISSING = code("file.missing", "path", says="{path!r} does not exist")
    FILE_IS_FOLDER = code("file.is_folder", "path", says="{path!r} is a folder, not a file")
    FILE_IS_LINK = code(
        "file.is_link", "path",
        says="{path!r} is a symbolic link: give the file it points to itself")
    FILE_IS_PIPE = code(
        "file.is_pipe", "path",
        says="{path!r} is a named pipe (FIFO), not a file: save what it carries to a file "
             "and give that")
    FILE_IS_DEVICE = code("file.is_device", "path", says="{path!r} is a device, not a file")
    FILE_IS_SOCKET = code("file.is_socket", "path", says="{path!r} is a socket, not a file")
    FILE_UNREADABLE = code(
        "file.unreadable", "path", "reason",
        says="{path!r} cannot be read: {reason}")
    FILE_EMPTY = code("file.empty", "name", says="{name} is empty")
    FILE_TOO_LARGE = code(
        "file.too_large", "name", "size", "limit",
        says="{name} is {size} bytes; the limit is {limit}")
    LINE_TOO_LONG = code(
        "file.line_too_long", "name", "line", "limit",
        says="{name} line {line} is longer than {limit} characters: is it a CSV?")
    TOO_MANY_ROWS = code(
        "file.too_many_rows", "name", "limit",
        says="{name} has more than {limit} rows: split it into several files")
    ZIP_BROKEN = code("zip.broken", "name", says="{name} is not a readable ZIP (DOCX/XLSX) file")
    ZIP_TOO_MANY_MEMBERS = code(
        "zip.too_many_members", "name", "members", "limit",
        says="{name} holds {members} files; a DOCX/XLSX may hold {limit}")
    ZIP_TOO_LARGE_UNPACKED = code(
        "zip.too_large_unpacked", "name", "size", "limit",
        says="{name} unpacks to {size} bytes; the limit is {limit}")
    ZIP_RATIO = code(
        "zip.ratio", "name", "ratio", "limit",
        says="{name} unpacks to {ratio} times its size; the limit is {limit} (a ZIP bomb?)")
    EVIDENCE_TYPE = code(
        "evidence.type_not_accepted", "name",
        says="evidence {name} is not a PDF, DOCX, XLSX, PNG or JPEG file (judged by its "
             "content, not its name)")
    EVIDENCE_URL_CREDENTIALS = code(
        "evidence.credentials_in_url", "item",
        says="the evidence link for {item} holds a user name or password: give the link "
             "without them")
    RUN_FILE_UNKNOWN = code(
        "run_file.unknown", "code",
        says="no file uploaded for a run has the code {code} (or it is more than a day old and "
             "was removed): upload it again")
    RUN_FILE_PURPOSE = code(
        "run_file.wrong_purpose", "code", "name", "purpose", "wanted",
        says="{code} ({name}) was uploaded as {purpose}; this needs {wanted}")
    RUN_FILE_KIND = code(
        "run_file.wrong_kind", "name", "purpose",
        says="{name} is not a file for {purpose} (judged by its content, not its name)")
