"""The command line's English for the files codes, with its hints (flags)."""

from __future__ import annotations

from collections.abc import Mapping

from agreements.errorcodes import Code, ErrorCode

TEXTS: Mapping[ErrorCode, str] = {
    Code.FILE_MISSING: "{path!r} does not exist",
    Code.FILE_IS_FOLDER: "{path!r} is a folder, not a file",
    Code.FILE_IS_LINK: "{path!r} is a symbolic link: give the file it points to itself",
    Code.FILE_IS_PIPE:
        "{path!r} is a named pipe (FIFO), not a file: save what it carries to a file and give that",
    Code.FILE_IS_DEVICE: "{path!r} is a device, not a file",
    Code.FILE_IS_SOCKET: "{path!r} is a socket, not a file",
    Code.FILE_UNREADABLE: "{path!r} cannot be read: {reason}",
    Code.FILE_EMPTY: "{name} is empty",
    Code.FILE_TOO_LARGE: "{name} is {size} bytes; the limit is {limit}",
    Code.LINE_TOO_LONG: "{name} line {line} is longer than {limit} characters: is it a CSV?",
    Code.TOO_MANY_ROWS: "{name} has more than {limit} rows: split it into several files",
    Code.ZIP_BROKEN: "{name} is not a readable ZIP (DOCX/XLSX) file",
    Code.ZIP_TOO_MANY_MEMBERS: "{name} holds {members} files; a DOCX/XLSX may hold {limit}",
    Code.ZIP_TOO_LARGE_UNPACKED: "{name} unpacks to {size} bytes; the limit is {limit}",
    Code.ZIP_RATIO: "{name} unpacks to {ratio} times its size; the limit is {limit} (a ZIP bomb?)",
    Code.EVIDENCE_TYPE:
        "evidence {name} is not a PDF, DOCX, XLSX, PNG or JPEG file (judged by its content, not "
        "its name)",
    Code.EVIDENCE_URL_CREDENTIALS:
        "the evidence link for {item} holds a user name or password: give the link without them",
    Code.RUN_FILE_UNKNOWN:
        "no file uploaded for a run has the code {code} (or it is more than a day old and was "
        "removed): upload it again",
    Code.RUN_FILE_PURPOSE: "{code} ({name}) was uploaded as {purpose}; this needs {wanted}",
    Code.RUN_FILE_KIND:
        "{name} is not a file for {purpose} (judged by its content, not its name)",
}
