"""Files read from outside — the onboarding CSV, evidence, signed copies, templates — read
within limits, so no input can exhaust the machine.

A file from outside must be a regular file: a folder, a symbolic link, a named pipe (which
would block for ever), a device (`/dev/zero` never ends) or a socket is refused, each with its
own one line, before anything is read. The check is made on the open descriptor too
(`O_NOFOLLOW`, `O_NONBLOCK`, then `fstat`), so a file swapped for a pipe or a link between the
look and the open is refused the same way. Its size is checked before it is read, and it is
never read past its limit even if it grows meanwhile. Text is read a line at a time, each
line at most `LINE_MAX` characters. A ZIP (a DOCX template, DOCX or XLSX evidence) is checked
from its central directory — member count, total unpacked size, packing ratio — before any
member is unpacked; Python's zipfile then never unpacks a member past its declared size.
The limits are stated in the README ("Input limits").
"""

from __future__ import annotations

import errno
import io
import os
import stat
from pathlib import Path
from typing import IO

from agreements.errorcodes import Code
from agreements.errors import InvalidInput

CSV_MAX_BYTES = 64 * 1024 * 1024  # an onboarding CSV of 100,000 rows is about 15 MB
CSV_MAX_ROWS = 100_000  # organisations in one file (Norway has about 40,000 candidates)
LINE_MAX = 64 * 1024  # characters in one line of a text file
TEMPLATE_MAX_BYTES = 20 * 1024 * 1024
ZIP_MAX_MEMBERS = 1_000
ZIP_MAX_UNPACKED = 256 * 1024 * 1024  # a ZIP handed in (evidence): only its types are read
TEMPLATE_MAX_UNPACKED = 32 * 1024 * 1024  # a template is parsed in memory: tighter
ZIP_MAX_RATIO = 200  # unpacked size over packed size (Word's own files: about 25)
ID_MAX = 2**31 - 1  # a row id from outside: ids are INTEGER columns (32 bits in PostgreSQL)

_KINDS = ((stat.S_ISDIR, Code.FILE_IS_FOLDER), (stat.S_ISLNK, Code.FILE_IS_LINK),
          (stat.S_ISFIFO, Code.FILE_IS_PIPE), (stat.S_ISCHR, Code.FILE_IS_DEVICE),
          (stat.S_ISBLK, Code.FILE_IS_DEVICE), (stat.S_ISSOCK, Code.FILE_IS_SOCKET))


def _refuse_kind(path: Path, mode: int) -> None:
    for test, code in _KINDS:
        if test(mode):
            raise InvalidInput(code, path=str(path))
    if not stat.S_ISREG(mode):
        raise InvalidInput(Code.FILE_IS_DEVICE, path=str(path))


def open_regular(path: Path) -> IO[bytes]:
    """The file opened for reading, refused (one line each) unless it is a regular file."""
    try:
        _refuse_kind(path, os.lstat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InvalidInput(Code.FILE_MISSING, path=str(path)) from None
    except NotADirectoryError:  # a part of the path is a file
        raise InvalidInput(Code.FILE_MISSING, path=str(path)) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # it became a symbolic link after the look
            raise InvalidInput(Code.FILE_IS_LINK, path=str(path)) from None
        raise InvalidInput(Code.FILE_UNREADABLE, path=str(path),
                           reason=exc.strerror or type(exc).__name__) from None
    try:
        _refuse_kind(path, os.fstat(fd).st_mode)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def size_within(handle: IO[bytes], name: str, limit: int) -> int:
    """The open file's size, refused when over `limit`."""
    size = os.fstat(handle.fileno()).st_size
    if size > limit:
        raise InvalidInput(Code.FILE_TOO_LARGE, name=name, size=size, limit=limit)
    return size


def read_bytes(path: Path, limit: int) -> bytes:
    """A whole regular file of at most `limit` bytes (refused when empty or larger)."""
    with open_regular(path) as handle:
        size_within(handle, path.name, limit)
        data = handle.read(limit + 1)
    if not data:
        raise InvalidInput(Code.FILE_EMPTY, name=path.name)
    if len(data) > limit:  # it grew after the size was looked at
        raise InvalidInput(Code.FILE_TOO_LARGE, name=path.name, size=len(data), limit=limit)
    return data


def open_text(path: Path, limit: int = CSV_MAX_BYTES) -> IO[str]:
    """A regular text file of at most `limit` bytes, as UTF-8 (a BOM dropped); read it with
    `line()`, which never holds more than one bounded line."""
    handle = open_regular(path)
    try:
        size_within(handle, path.name, limit)
    except BaseException:
        handle.close()
        raise
    return io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")


def line(source: IO[str], name: str, number: int, limit: int = LINE_MAX) -> str:
    """The next line ('' at the end), refused when longer than `limit` characters."""
    found = source.readline(limit + 1)
    if len(found) > limit and not found.endswith(("\n", "\r")):
        raise InvalidInput(Code.LINE_TOO_LONG, name=name, line=number, limit=limit)
    return found


def check_zip(data: bytes, name: str, max_unpacked: int = ZIP_MAX_UNPACKED) -> None:
    """A ZIP's central directory within the limits, before any member is unpacked."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise InvalidInput(Code.ZIP_BROKEN, name=name) from None
    if len(members) > ZIP_MAX_MEMBERS:
        raise InvalidInput(Code.ZIP_TOO_MANY_MEMBERS, name=name, members=len(members),
                           limit=ZIP_MAX_MEMBERS)
    unpacked = sum(m.file_size for m in members)
    if unpacked > max_unpacked:
        raise InvalidInput(Code.ZIP_TOO_LARGE_UNPACKED, name=name, size=unpacked,
                           limit=max_unpacked)
    packed = max(1, sum(m.compress_size for m in members))
    if unpacked > ZIP_MAX_RATIO * packed:
        raise InvalidInput(Code.ZIP_RATIO, name=name, ratio=unpacked // packed,
                           limit=ZIP_MAX_RATIO)
