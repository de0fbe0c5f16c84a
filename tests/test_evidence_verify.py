"""`leganto-qa evidence verify` on hostile zips: each is refused with one line and exit 1.

The zips are built by hand from a real package (zipfile module; header bytes patched where
zipfile will not write what an attacker would) and checked by running the CLI as a tester does.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import struct
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from leganto_qa.evidence.package import build_package
from leganto_qa.evidence.verification import Limits, unsafe_name, verify
from leganto_qa.model.errors import HarnessError
from tests.a11y_records import two_releases

REPO = Path(__file__).resolve().parents[1]
Members = list[tuple[str, bytes]]
CENTRAL = b"PK\x01\x02"
LOCAL = b"PK\x03\x04"
# Offsets of fields from the start of a local / central header (APPNOTE 4.3.7 and 4.3.12).
FLAGS = (6, 8)
METHOD = (8, 10)
UNPACKED_SIZE = (22, 24)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("package")
    return build_package(two_releases(root), root / "out").path


def _read(package: Path) -> tuple[dict, Members]:
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        members = [(n, archive.read(n)) for n in archive.namelist() if n != "manifest.json"]
    return manifest, members


def _entry(name: str, data: bytes) -> dict:
    return {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _write(target: Path, manifest: object, members: Members, **kinds: int) -> Path:
    """A zip with ``manifest.json`` first, then ``members`` in order (duplicates allowed).

    ``kinds`` maps a member name to its compression method.
    """
    text = manifest if isinstance(manifest, bytes) else json.dumps(manifest).encode()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": wanted here
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", text)
            for name, data in members:
                archive.writestr(name, data, compress_type=kinds.get(name, zipfile.ZIP_DEFLATED))
    return target


def _with_extra(package: Path, target: Path, name: str, data: bytes) -> Path:
    """The package plus one member ``name`` the manifest lists with its true sha256."""
    manifest, members = _read(package)
    manifest["files"].append(_entry(name, data))
    return _write(target, manifest, [*members, (name, data)])


def _patch(zip_path: Path, name: str, field: tuple[int, int], fmt: str, value: int) -> Path:
    """Set one field of ``name``'s local AND central header (what zipfile will not write)."""
    raw = bytearray(zip_path.read_bytes())
    encoded = name.encode()
    for signature, offset, name_at in ((LOCAL, field[0], 30), (CENTRAL, field[1], 46)):
        start = 0
        while (start := raw.find(signature, start)) >= 0:
            if raw[start + name_at : start + name_at + len(encoded)] == encoded:
                struct.pack_into(fmt, raw, start + offset, value)
            start += 4
    zip_path.write_bytes(bytes(raw))
    return zip_path


def _verify_cli(zip_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "leganto_qa.cli", "evidence", "verify", str(zip_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _traversal(package: Path, tmp: Path) -> Path:
    return _with_extra(package, tmp / "z.zip", "../../x", b"* * * * * root sh /tmp/x\n")


def _absolute(package: Path, tmp: Path) -> Path:
    return _with_extra(package, tmp / "z.zip", "/etc/cron.d/evil", b"* * * * * root sh\n")


def _backslash(package: Path, tmp: Path) -> Path:
    return _with_extra(package, tmp / "z.zip", "..\\..\\evil.bat", b"echo owned\r\n")


def _drive(package: Path, tmp: Path) -> Path:
    return _with_extra(package, tmp / "z.zip", "C:/Windows/evil.dll", b"MZ")


def _nul(package: Path, tmp: Path) -> Path:
    """zipfile cuts names at NUL when reading and will not write one: patch the name bytes."""
    target = _with_extra(package, tmp / "z.zip", "evil#.txt", b"x")
    raw = target.read_bytes().replace(b"evil#.txt", b"evil\x00.txt")
    target.write_bytes(raw)
    return target


def _manifest_traversal(package: Path, tmp: Path) -> Path:
    manifest, members = _read(package)
    manifest["files"].append(_entry("../../x", b"x"))
    return _write(tmp / "z.zip", manifest, members)


def _duplicate(package: Path, tmp: Path) -> Path:
    """Two record.json members; the manifest matches the last, which zipfile reads."""
    manifest, members = _read(package)
    return _write(tmp / "z.zip", manifest, [("record.json", b'{"forged": true}'), *members])


def _unlisted(package: Path, tmp: Path) -> Path:
    manifest, members = _read(package)
    return _write(tmp / "z.zip", manifest, [*members, ("extra.txt", b"not listed")])


def _missing(package: Path, tmp: Path) -> Path:
    manifest, members = _read(package)
    return _write(tmp / "z.zip", manifest, [m for m in members if m[0] != "record.json"])


def _bzip2(package: Path, tmp: Path) -> Path:
    manifest, members = _read(package)
    return _write(tmp / "z.zip", manifest, members, **{"record.json": zipfile.ZIP_BZIP2})


def _method_99(package: Path, tmp: Path) -> Path:
    """Method 99 (AES) is one zipfile cannot read at all: it used to raise a traceback."""
    return _patch(_write_package(package, tmp), "record.json", METHOD, "<H", 99)


def _encrypted(package: Path, tmp: Path) -> Path:
    return _patch(_write_package(package, tmp), "record.json", FLAGS, "<H", 0x1)


def _bomb(package: Path, tmp: Path) -> Path:
    """A member that declares ~4 GiB unpacked; nothing is read before it is refused."""
    return _patch(_write_package(package, tmp), "record.json", UNPACKED_SIZE, "<L", 0xFFFFFFF0)


def _local_header_differs(package: Path, tmp: Path) -> Path:
    """Only the local header says "stored": unzip tools that trust it would show other bytes."""
    target = _write_package(package, tmp)
    raw = bytearray(target.read_bytes())
    with zipfile.ZipFile(target) as archive:
        at = archive.getinfo("record.json").header_offset
    struct.pack_into("<H", raw, at + METHOD[0], zipfile.ZIP_STORED)
    target.write_bytes(bytes(raw))
    return target


def _symlink(package: Path, tmp: Path) -> Path:
    manifest, members = _read(package)
    manifest["files"].append(_entry("link", b"/etc"))
    target = _write(tmp / "z.zip", manifest, members)
    info = zipfile.ZipInfo("link")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(target, "a") as archive:
        archive.writestr(info, b"/etc")
    return target


def _not_json(package: Path, tmp: Path) -> Path:
    return _write(tmp / "z.zip", b'{"schema": "leganto-qa/evidence", files: [', _read(package)[1])


def _wrong_shape(package: Path, tmp: Path) -> Path:
    manifest, members = _read(package)
    manifest["files"][0]["size"] = str(manifest["files"][0]["size"])
    return _write(tmp / "z.zip", manifest, members)


def _files_not_a_list(package: Path, tmp: Path) -> Path:
    manifest, members = _read(package)
    manifest["files"] = {e["path"]: e["sha256"] for e in manifest["files"]}
    return _write(tmp / "z.zip", manifest, members)


def _no_manifest(package: Path, tmp: Path) -> Path:
    target = tmp / "z.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in _read(package)[1]:
            archive.writestr(name, data)
    return target


def _not_a_zip(package: Path, tmp: Path) -> Path:
    target = tmp / "z.zip"
    target.write_text("PK? no, a text file\n")
    return target


def _truncated(package: Path, tmp: Path) -> Path:
    target = tmp / "z.zip"
    target.write_bytes(package.read_bytes()[: package.stat().st_size // 2])
    return target


def _prepended(package: Path, tmp: Path) -> Path:
    """A zip behind other bytes (a polyglot): zipfile reads it, the recipient may see the rest."""
    target = tmp / "z.zip"
    target.write_bytes(b"<html>not what was verified</html>\n" + package.read_bytes())
    return target


def _folder_entry(package: Path, tmp: Path) -> Path:
    """A folder entry with content: unzip makes a folder, the verifier would hash the bytes."""
    return _with_extra(package, tmp / "z.zip", "reports/", b"hidden")


def _write_package(package: Path, tmp: Path) -> Path:
    """An unchanged copy of the package, written by zipfile, ready to be patched."""
    manifest, members = _read(package)
    return _write(tmp / "z.zip", manifest, members)


HOSTILE: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "traversal": (_traversal, "member '../../x' climbs out with '..'"),
    "absolute": (_absolute, "member '/etc/cron.d/evil' is an absolute path"),
    "backslash": (_backslash, "member '..\\\\..\\\\evil.bat' holds a backslash"),
    "drive letter": (_drive, "member 'C:/Windows/evil.dll' starts with a drive letter"),
    "NUL": (_nul, "member 'evil\\x00.txt' holds a NUL byte"),
    "manifest traversal": (_manifest_traversal, "lists '../../x', which climbs out with '..'"),
    "duplicate": (_duplicate, "two members are named 'record.json'"),
    "unlisted": (_unlisted, "the manifest does not list 'extra.txt'"),
    "missing": (_missing, "the manifest lists 'record.json' but the zip does not hold it"),
    "bzip2": (_bzip2, "member 'record.json' uses compression method 12"),
    "method 99": (_method_99, "member 'record.json' uses compression method 99"),
    "encrypted": (_encrypted, "member 'record.json' is encrypted"),
    "bomb": (_bomb, "member 'record.json' declares 4294967280 bytes unpacked"),
    "local header": (_local_header_differs, "its local header differs from the central"),
    "symlink": (_symlink, "member 'link' is a link or special file"),
    "prepended": (_prepended, "it has 35 bytes of something else before its first member"),
    "folder entry": (_folder_entry, "member 'reports/' is a folder entry"),
    "not JSON": (_not_json, "manifest.json is not valid JSON"),
    "wrong shape": (_wrong_shape, "manifest.json files[0] gives"),
    "files not a list": (_files_not_a_list, 'manifest.json has no list of "files"'),
    "no manifest": (_no_manifest, "there is no manifest.json"),
    "not a zip": (_not_a_zip, "not a zip file"),
    "truncated": (_truncated, "not a zip file"),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_zip_is_refused_with_one_line_and_exit_1(package, tmp_path, kind):
    build, reason = HOSTILE[kind]
    result = _verify_cli(build(package, tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "OK" not in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("leganto-qa: ") and reason in lines[0], lines[0]


def test_the_duplicate_and_traversal_zips_open_without_complaint_in_zipfile(package, tmp_path):
    """What the old verifier relied on: zipfile reads the last copy and any name happily."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        with zipfile.ZipFile(_duplicate(package, tmp_path)) as archive:
            assert archive.read("record.json") != b'{"forged": true}'
            assert archive.namelist().count("record.json") == 2


def test_a_good_package_still_verifies_ok(package):
    result = _verify_cli(package)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK") and result.stderr == ""


def test_a_real_zip_bomb_is_refused_by_its_declared_size_before_anything_is_unpacked(
    package, tmp_path
):
    manifest, members = _read(package)
    zeros = bytes(3 << 20)  # 3 MiB of zeros deflate to a few KiB
    manifest["files"].append(_entry("bomb.txt", zeros))
    bomb = _write(tmp_path / "bomb.zip", manifest, [*members, ("bomb.txt", zeros)])
    assert bomb.stat().st_size < package.stat().st_size + (64 << 10)
    limits = Limits(member_bytes=1 << 20)
    with pytest.raises(HarnessError, match=re.escape("member 'bomb.txt' declares 3145728 bytes")):
        verify(bomb, limits)
    with pytest.raises(
        HarnessError, match=r"declare [0-9]+ bytes unpacked in all, over the limit of 3145728"
    ):
        verify(bomb, Limits(total_bytes=3 << 20))
    assert verify(bomb) == []  # within the default limits it is just a big file


def test_a_changed_byte_is_still_named_as_a_mismatch_not_refused(package, tmp_path):
    manifest, members = _read(package)
    changed = [(n, d + b" " if n == "record.json" else d) for n, d in members]
    result = _verify_cli(_write(tmp_path / "z.zip", manifest, changed))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "MISMATCH record.json: size" in result.stderr
    assert "MISMATCH record.json: sha256 differs from the manifest" in result.stderr


@pytest.mark.parametrize(
    "name",
    ["", "../x", "a/../../x", "/abs", "\\\\server\\share", "a\\b", "C:x", "c:/x", "a\x00b",
     "a//b", "./a", "a/", "a\nOK: forged line"],
)  # fmt: skip
def test_unsafe_names(name):
    assert unsafe_name(name) is not None


@pytest.mark.parametrize("name", ["record.json", "axe/student/en/list.student.json", "x..y/z"])
def test_safe_names(name):
    assert unsafe_name(name) is None
