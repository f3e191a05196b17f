"""Rewrite a ZIP (a .docx) replacing a few members and copying the others' compressed bytes.

`zipfile` can only copy a member by decompressing and recompressing it; a .docx keeps
~800 KB of styles that never change, so here each unchanged member's stored (deflated)
bytes are sliced out of the source once and written back verbatim: same order, same method,
same CRC and timestamps. Only replaced members are compressed (at `level`).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_DATA_DESCRIPTOR = 0x08
_LIMIT = 0xFFFF_FFFF


@dataclass(frozen=True)
class Member:
    """One ZIP entry: its header fields and its bytes as stored (compressed)."""

    name: str
    method: int
    flags: int
    dostime: int
    dosdate: int
    crc: int
    size: int
    stored: bytes
    internal_attr: int
    external_attr: int
    create: int  # version made by (system << 8 | version)

    def replaced(self, data: bytes, level: int) -> Member:
        """This entry with new uncompressed content, compressed with the same method."""
        if self.method == zipfile.ZIP_DEFLATED:
            packer = zlib.compressobj(level, zlib.DEFLATED, -15)
            stored = packer.compress(data) + packer.flush()
        elif self.method == zipfile.ZIP_STORED:
            stored = data
        else:
            raise ValueError(f"{self.name}: unsupported compression method {self.method}")
        return Member(self.name, self.method, self.flags & 0x0800, self.dostime, self.dosdate,
                      zlib.crc32(data), len(data), stored, self.internal_attr,
                      self.external_attr, self.create)


def read_members(data: bytes) -> list[Member]:
    """The entries of ZIP `data` in their stored order, `[Content_Types].xml` moved first."""
    members = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.flag_bits & 0x1:
                raise ValueError(f"{info.filename}: encrypted ZIP members are not supported")
            fields = _LOCAL.unpack_from(data, info.header_offset)
            if fields[0] != b"PK\x03\x04":
                raise ValueError(f"{info.filename}: bad local header")
            start = info.header_offset + _LOCAL.size + fields[9] + fields[10]
            stored = data[start:start + info.compress_size]
            year, month, day, hour, minute, second = info.date_time
            dostime = (hour << 11) | (minute << 5) | (second // 2)
            dosdate = ((year - 1980) << 9) | (month << 5) | day
            members.append(Member(
                info.filename, info.compress_type, info.flag_bits & ~_DATA_DESCRIPTOR & 0xFFFF,
                dostime, dosdate, info.CRC, info.file_size, stored, info.internal_attr,
                info.external_attr, (info.create_system << 8) | min(info.create_version, 63)))
    members.sort(key=lambda m: m.name != "[Content_Types].xml")  # stable: others keep order
    return members


def write(members: list[Member], replace: Mapping[str, Member] | None = None) -> bytes:
    """A ZIP of `members` (in order), each swapped for `replace[name]` where given."""
    replace = replace or {}
    out = bytearray()
    central = bytearray()
    for member in members:
        m = replace.get(member.name, member)
        name = m.name.encode("utf-8")
        offset = len(out)
        if offset > _LIMIT or len(m.stored) > _LIMIT or m.size > _LIMIT:
            raise ValueError("ZIP64 output is not supported")
        needed = 20 if m.method == zipfile.ZIP_DEFLATED else 10
        out += _LOCAL.pack(b"PK\x03\x04", needed, m.flags, m.method, m.dostime, m.dosdate,
                           m.crc, len(m.stored), m.size, len(name), 0)
        out += name
        out += m.stored
        central += _CENTRAL.pack(b"PK\x01\x02", m.create, needed, m.flags, m.method, m.dostime,
                                 m.dosdate, m.crc, len(m.stored), m.size, len(name), 0, 0, 0,
                                 m.internal_attr, m.external_attr, offset)
        central += name
    start = len(out)
    out += central
    out += _END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)
