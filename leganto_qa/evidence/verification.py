"""Verifying an evidence package before it is sent: the zip is safe to open and every file
matches the sha256 and size its manifest lists.

A zip that could mislead a reader or an unzip tool is refused as a whole, with one line saying
why (:class:`HarnessError`): a member name that is absolute or climbs out with ``..`` (in the
zip or in the manifest), two members of one name, a member the manifest does not list or an
entry with no member, compression other than stored/deflated, encryption, links, local headers
that disagree with the central directory, overlapping members, sizes beyond the limits, and a
manifest that is not the JSON leganto-qa writes. A package that passes those checks is hashed
file by file in chunks (never a whole member in memory); each mismatch is reported.

The manifest proves integrity (nothing changed since it was written), not authorship: anyone
can write a zip with a matching manifest.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from leganto_qa.model import artifact_paths
from leganto_qa.model.errors import HarnessError

SCHEMA = "leganto-qa/evidence"
SCHEMA_VERSION = 1
CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """How much work verifying one package may take (declared sizes, before anything is read)."""

    member_bytes: int = 2 << 30
    """Unpacked bytes of one member (traces and screenshots stay far below)."""
    total_bytes: int = 8 << 30
    members: int = 100_000
    manifest_bytes: int = 64 << 20


ALLOWED_COMPRESSION = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_ENCRYPTED = 0x1
_UTF8_NAME = 0x800
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _refused(path: Path, reason: str) -> HarnessError:
    return HarnessError(
        f"{path}: refused, {reason}; do not send it — build the package again with "
        "'leganto-qa evidence RUN'"
    )


def unsafe_name(name: str) -> str | None:
    """Why ``name`` is not a plain relative file path (it could write outside the folder the
    zip is unpacked into, or be a folder entry); None when it is one."""
    if not name:
        return "is empty"
    if "\x00" in name:
        return "holds a NUL byte"
    if _CONTROL.search(name):
        return "holds a control character"
    if "\\" in name:
        return "holds a backslash"
    if name.startswith("/"):
        return "is an absolute path"
    if _DRIVE.match(name):
        return "starts with a drive letter"
    if name.endswith("/"):
        return "is a folder entry (packages hold files only)"
    parts = name.split("/")
    if ".." in parts:
        return "climbs out with '..'"
    if "" in parts or "." in parts:
        return "has an empty or '.' path component"
    return None


def verify(path: Path, limits: Limits = Limits()) -> list[str]:
    """Problems with the package at ``path``: each hash or size mismatch, missing or extra file.

    Raises HarnessError (one line) for a file that is not a zip or a zip that is not safe to
    trust at all.
    """
    archive = _open(path)
    with archive:
        infos = archive.infolist()
        _check_members(path, infos, limits)
        _check_local_headers(path, infos, archive.start_dir)
        entries = _read_manifest(path, archive, limits)
        return _compare(path, archive, infos, entries)


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise HarnessError(f"{path}: no such file; pass the evidence zip to verify") from None
    except IsADirectoryError:
        raise HarnessError(
            f"{path}: a folder, not a zip; pass the evidence zip to verify"
        ) from None
    except (zipfile.BadZipFile, EOFError, ValueError, struct.error, OSError):
        raise HarnessError(f"{path}: not a zip file; pass an evidence package") from None
    except NotImplementedError as exc:  # e.g. a zip version this Python cannot read
        raise _refused(path, f"it needs a zip feature that is not allowed ({exc})") from None


def _check_members(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Names, duplicates, compression, encryption, file types and declared sizes."""
    if len(infos) > limits.members:
        raise _refused(path, f"it has {len(infos)} members, over the limit of {limits.members}")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.orig_filename  # before zipfile cuts the name at a NUL byte
        why = unsafe_name(name)
        if why is not None:
            raise _refused(path, f"member {name!r} {why}")
        if name in seen:
            raise _refused(path, f"two members are named {name!r} (a reader may see either copy)")
        seen.add(name)
        if info.compress_type not in ALLOWED_COMPRESSION:
            raise _refused(
                path,
                f"member {name!r} uses compression method {info.compress_type} "
                "(only stored and deflated are allowed)",
            )
        if info.flag_bits & _ENCRYPTED:
            raise _refused(path, f"member {name!r} is encrypted")
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind not in (0, stat.S_IFREG):
            raise _refused(path, f"member {name!r} is a link or special file, not a file")
        if info.file_size > limits.member_bytes:
            raise _refused(
                path,
                f"member {name!r} declares {info.file_size} bytes unpacked, over the limit of "
                f"{limits.member_bytes} (a zip bomb?)",
            )
        total += info.file_size
    if total > limits.total_bytes:
        raise _refused(
            path,
            f"its members declare {total} bytes unpacked in all, over the limit of "
            f"{limits.total_bytes}",
        )


def _check_local_headers(path: Path, infos: list[zipfile.ZipInfo], directory_start: int) -> None:
    """Each local header agrees with the central directory; no member's data overlaps another.

    Unzip tools differ in which of the two they believe, so a disagreement could show the
    recipient something else than what was verified.
    """
    spans = []
    with path.open("rb") as raw:
        for info in sorted(infos, key=lambda i: i.header_offset):
            raw.seek(info.header_offset)
            header = raw.read(_LOCAL_HEADER.size)
            if len(header) != _LOCAL_HEADER.size:
                raise _refused(path, f"member {info.orig_filename!r} has no local header")
            fields = _LOCAL_HEADER.unpack(header)
            name_bytes = raw.read(fields[10])
            encoding = "utf-8" if fields[3] & _UTF8_NAME else "cp437"
            local_name = name_bytes.decode(encoding, errors="replace")
            if (
                fields[0] != _LOCAL_SIGNATURE
                or local_name != info.orig_filename
                or fields[4] != info.compress_type
                or (fields[3] & _ENCRYPTED) != (info.flag_bits & _ENCRYPTED)
            ):
                raise _refused(
                    path,
                    f"member {info.orig_filename!r}: its local header differs from the "
                    "central directory (name, compression or encryption)",
                )
            data_start = info.header_offset + _LOCAL_HEADER.size + fields[10] + fields[11]
            spans.append((info.header_offset, data_start + info.compress_size, info))
    for (_, end, info), (start, _, following) in itertools.pairwise(spans):
        if end > start:
            raise _refused(
                path, f"member {info.orig_filename!r} overlaps {following.orig_filename!r}"
            )
    if spans and spans[0][0] != 0:
        raise _refused(
            path, f"it has {spans[0][0]} bytes of something else before its first member"
        )
    if spans and spans[-1][1] > directory_start:
        raise _refused(path, f"member {spans[-1][2].orig_filename!r} overlaps the directory")


def _read_manifest(path: Path, archive: zipfile.ZipFile, limits: Limits) -> dict[str, Any]:
    """The manifest's entries by path, after checking it is the JSON leganto-qa writes."""
    name = artifact_paths.MANIFEST
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise _refused(path, f"there is no {name}") from None
    if info.file_size > limits.manifest_bytes:
        raise _refused(path, f"{name} declares {info.file_size} bytes, over the manifest limit")
    try:
        data = archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise _refused(path, f"{name} is damaged (its zip checksum does not match)") from None
    try:
        listing = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise _refused(path, f"{name} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _refused(path, f"{name} is not valid JSON ({exc.msg}, line {exc.lineno})") from None
    problem = _manifest_shape(listing)
    if problem is not None:
        raise _refused(path, f"{name} {problem}")
    return {str(entry["path"]): entry for entry in listing["files"]}


def _manifest_shape(listing: object) -> str | None:
    """Why ``listing`` is not an evidence manifest leganto-qa writes; None when it is."""
    if not isinstance(listing, dict) or listing.get("schema") != SCHEMA:
        return f'is not a leganto-qa evidence manifest (no "schema": {SCHEMA!r})'
    if listing.get("schema_version") != SCHEMA_VERSION:
        return (
            f"has schema version {listing.get('schema_version')!r}, not {SCHEMA_VERSION}; "
            "use the leganto-qa version that built it"
        )
    files = listing.get("files")
    if not isinstance(files, list):
        return 'has no list of "files"'
    seen: set[str] = set()
    for index, entry in enumerate(files):
        problem = _entry_shape(entry, seen)
        if problem is not None:
            return f"files[{index}] {problem}"
    return None


def _entry_shape(entry: object, seen: set[str]) -> str | None:
    if not isinstance(entry, dict):
        return "is not an object with path, size and sha256"
    name, size, digest = entry.get("path"), entry.get("size"), entry.get("sha256")
    if not isinstance(name, str):
        return "has no path"
    why = unsafe_name(name)
    if why is not None:
        return f"lists {name!r}, which {why}"
    if name == artifact_paths.MANIFEST or name in seen:
        return f"lists {name!r} twice or lists the manifest itself"
    seen.add(name)
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        return f"gives {name!r} no size in bytes"
    if not isinstance(digest, str) or not _SHA256.match(digest):
        return f"gives {name!r} no sha256 (64 lowercase hex digits)"
    return None


def _compare(
    path: Path,
    archive: zipfile.ZipFile,
    infos: Iterable[zipfile.ZipInfo],
    entries: Mapping[str, Any],
) -> list[str]:
    """Each listed file against its member; members and entries must match one to one."""
    members = {info.orig_filename: info for info in infos}
    unlisted = sorted(set(members) - set(entries) - {artifact_paths.MANIFEST})
    if unlisted:
        raise _refused(path, f"the manifest does not list {_names(unlisted)}")
    missing = sorted(set(entries) - set(members))
    if missing:
        raise _refused(path, f"the manifest lists {_names(missing)} but the zip does not hold it")
    problems = []
    for name, entry in sorted(entries.items()):
        try:
            size, digest = _hash(archive, members[name])
        except (zipfile.BadZipFile, zlib.error, EOFError):  # a changed byte in the zip
            problems.append(f"{name}: damaged (its zip checksum does not match)")
            continue
        if size != entry["size"]:
            problems.append(f"{name}: size {size} differs from the manifest's {entry['size']}")
        if digest != entry["sha256"]:
            problems.append(f"{name}: sha256 differs from the manifest")
    return problems


def _names(names: list[str], shown: int = 3) -> str:
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(repr(n) for n in names[:shown]) + more


def _hash(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, str]:
    """Unpacked size and sha256 of one member, read in chunks (zipfile stops at its declared
    size and checks its CRC at the end)."""
    digest = hashlib.sha256()
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            digest.update(chunk)
    return size, digest.hexdigest()
