"""The command line's words for the domain's errors: English, with the hints (flags) that
only make sense at a terminal. Looked up by the error's code, never by its message."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from agreements.errorcodes import Code, ErrorCode
from agreements.errors import AvtaleflytError

TEXTS: Mapping[ErrorCode, str] = {
    Code.LEGACY: "{text}",
    Code.NOT_ALLOWED: "a {actor} may not run {action} (see README: Who acts)",
    Code.OUT_OF_REACH: "{action} concerns an organisation or agreement you do not reach",
    Code.ROLE_NOT_YOURS: "at an organiser only one of its coordinators gives or takes the "
                         "{role} role",
    Code.PAPER_SIGNATURE_BY_COORDINATOR: "only the organiser's coordinator records a signature "
                                         "on paper",
    Code.MARKUP_IN_NAME: "the name '{name}' contains < or >: an organisation's name is plain "
                         "text",
    Code.ONE_CSV_SOURCE: "give the CSV as a file or as text, one of the two",
    Code.ONBOARDING_INCOMPLETE: "{orgnr} is registered, but not all went through: {outcome}",
    Code.FILE_MISSING: "{path!r} does not exist",
    Code.FILE_IS_FOLDER: "{path!r} is a folder, not a file",
    Code.FILE_IS_LINK: "{path!r} is a symbolic link: give the file it points to itself",
    Code.FILE_IS_PIPE: "{path!r} is a named pipe (FIFO), not a file: save what it carries to "
                       "a file and give that",
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
    Code.ZIP_RATIO: "{name} unpacks to {ratio} times its size; the limit is {limit} (a ZIP "
                    "bomb?)",
    Code.EVIDENCE_TYPE: "evidence {name} is not a PDF, DOCX, XLSX, PNG or JPEG file (judged "
                        "by its content, not its name)",
    Code.EVIDENCE_URL_CREDENTIALS: "the evidence link for {item} holds a user name or "
                                   "password: give the link without them",
    Code.SETTING_URL_CREDENTIALS: "setting {variable} holds a user name or password in its "
                                  "URL: credentials are never kept in a URL",
    Code.SETTING_NOT_A_HOST: "setting {variable}={value!r} is not a host name or address",
    Code.DATA_DIR_NOT_A_FOLDER: "setting AVTALEFLYT_DATA_DIR names {path!r}, which is not a "
                                "folder",
    Code.DAY_EMPTY: "{option} is empty: give a date like 2026-11-25, or leave the option out",
    Code.DAY_OUTSIDE_CALENDAR: "{option} {day} is outside the calendar avtaleflyt keeps "
                               "({first} to {last}), even with --force",
    Code.DAY_ENDS_AGREEMENTS: "--today {day} would lapse {lapse} and expire {expire} "
                              "agreement(s): give --force to run as that day (or --dry-run "
                              "to see them)",
}


def show(value: Any) -> str:
    """A parameter as the CLI writes it: ISO dates, lists joined by semicolons."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(show(v) for v in value)
    return str(value)


def english(error: AvtaleflytError) -> str:
    return error.words(TEXTS, show)
