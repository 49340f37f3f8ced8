"""Writing the download fast: a file whose bytes are those of a member of the previous build's ZIP is copied
into the new ZIP compressed as it is; only changed files are compressed again.

The bytes are those `zipfile` writes (the same deflate level and headers), so a ZIP made this way from an old one
holds the same members as one made from scratch. Sites too big for a plain ZIP (65,535 members) are left to
`zipfile` and its ZIP64.
"""
from __future__ import annotations

import contextlib
import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

LOCAL = struct.Struct("<4s5H3L2H")
CENTRAL = struct.Struct("<4s6H3L5H2L")
END = struct.Struct("<4s4H2LH")
VERSION = 20
MADE_BY = (3 << 8) | VERSION  # on Unix, as zipfile writes it
UTF8 = 0x800
MAX_MEMBERS = 0xFFFF
DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1  # 2020-01-01 00:00, the fixed time of every member
LEVEL = 6


def write(target: Path, members: Iterable[tuple[str, bytes]], previous: Path | None) -> None:
    """Write `members` (name, bytes) to `target`, reusing what `previous` holds of the same bytes."""
    members = list(members)
    if len(members) >= MAX_MEMBERS:
        _write_with_zipfile(target, members)
        return
    old = _index(previous)
    reading = previous.open("rb") if old and previous else contextlib.nullcontext(None)
    with target.open("wb") as out, reading as source:
        central = []
        for name, data in members:
            crc = zlib.crc32(data)
            known = old.get(name)
            packed = _raw(source, known[2], known[3]) if known and known[:2] == (crc, len(data)) else _deflate(data)
            encoded = name.encode("utf-8")
            flags = 0 if encoded.isascii() else UTF8
            central.append(CENTRAL.pack(b"PK\x01\x02", MADE_BY, VERSION, flags, zipfile.ZIP_DEFLATED, 0, DOS_DATE,
                                        crc, len(packed), len(data), len(encoded), 0, 0, 0, 0, 0o644 << 16,
                                        out.tell()) + encoded)
            out.write(LOCAL.pack(b"PK\x03\x04", VERSION, flags, zipfile.ZIP_DEFLATED, 0, DOS_DATE, crc, len(packed),
                                 len(data), len(encoded), 0) + encoded)
            out.write(packed)
        start = out.tell()
        directory = b"".join(central)
        out.write(directory)
        out.write(END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), start, 0))


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _index(previous: Path | None) -> dict[str, tuple[int, int, int, int]]:
    """name: (crc, size, header offset, compressed size) of each deflated member of the previous ZIP."""
    if previous is None:
        return {}
    try:
        with zipfile.ZipFile(previous) as archive:
            return {i.filename: (i.CRC, i.file_size, i.header_offset, i.compress_size) for i in archive.infolist()
                    if i.compress_type == zipfile.ZIP_DEFLATED}
    except (OSError, zipfile.BadZipFile):
        return {}  # gone or damaged: compress everything


def _raw(source: BinaryIO | None, offset: int, size: int) -> bytes:
    assert source is not None
    source.seek(offset)
    header = LOCAL.unpack(source.read(LOCAL.size))
    source.seek(offset + LOCAL.size + header[9] + header[10])
    return source.read(size)


def _write_with_zipfile(target: Path, members: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
