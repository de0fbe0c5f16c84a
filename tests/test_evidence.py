"""Evidence packages: contents, manifest, verification, secrets and the CLI (synthetic runs)."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, PngImagePlugin

from leganto_qa.cli.main import main
from leganto_qa.evidence.package import build_package, known_secrets, verify
from leganto_qa.model.errors import HarnessError
from leganto_qa.reports.deviations import run_documents
from tests.a11y_records import two_releases
from tests.conftest import write_config

PASSWORD = "planted-Password-4711"
APIKEY = "l7xxPLANTEDapikey0000000001"
COOKIE = "PLANTEDjsessionCOOKIE0002"
XSRF = "PLANTEDxsrfTOKEN0003"
SAML = "PHNhbWxwOlJlc3BvbnNlIFBMQU5URUQ"
JWT = "eyJhbGciOiJSUzI1NiJ9.eyJwbGFudGVkIjoiand0In0.UExBTlRFRHNpZ25hdHVyZQ"
SECRETS = (PASSWORD, APIKEY, COOKIE, XSRF, SAML, JWT)
ENVIRON = {"LEGANTO_QA_DEMO_PASSWORD": PASSWORD, "HOME": "/root"}


def _members(data: bytes, prefix: str = "") -> dict[str, bytes]:
    """Every member of a zip, and of the zips inside it, decompressed."""
    found: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            found[prefix + name] = content
            if name.endswith(".zip"):
                found.update(_members(content, f"{prefix}{name}!"))
    return found


def _png_with_text(text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    out = io.BytesIO()
    Image.new("RGB", (1280, 800), "white").save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def plant_secrets(run_dir: Path, password: str = PASSWORD) -> None:
    """Put secrets where a careless harness or a browser might leave them."""
    for png in run_dir.rglob("*.png"):
        png.write_bytes(_png_with_text(f"password={password} apikey {APIKEY}"))
    for axe in run_dir.rglob("axe.json"):
        data = json.loads(axe.read_text())
        data["url"] = f"http://leganto.localhost/nui/lists/1?apikey={APIKEY}&auth=SAML"
        data["testEnvironment"] = {"note": f"typed {password}"}
        axe.write_text(json.dumps(data))
    record = json.loads((run_dir / "record.json").read_text())
    record["command"] += [f"--password={password}", f"Authorization: apikey {APIKEY}"]
    (run_dir / "record.json").write_text(json.dumps(record))
    network = [
        {
            "type": "resource-snapshot",
            "snapshot": {
                "request": {
                    "url": f"http://leganto.localhost/lti/launch?id_token={JWT}",
                    "headers": [
                        {"name": "Authorization", "value": f"apikey {APIKEY}"},
                        {"name": "Cookie", "value": f"JSESSIONID={COOKIE}; XSRF-TOKEN={XSRF}"},
                    ],
                    "cookies": [{"name": "JSESSIONID", "value": COOKIE}],
                    "postData": {"text": f"SAMLResponse={SAML}&RelayState=x"},
                },
                "response": {
                    "headers": [{"name": "Set-Cookie", "value": f"XSRF-TOKEN={XSRF}; Path=/"}],
                    "cookies": [{"name": "XSRF-TOKEN", "value": XSRF}],
                },
            },
        }
    ]
    for trace in run_dir.rglob("trace.zip"):
        with zipfile.ZipFile(trace) as source:
            members = {name: source.read(name) for name in source.namelist()}
        members["trace.network"] = (
            members.get("trace.network", b"")
            + "\n".join(json.dumps(n) for n in network).encode()
            + b"\n"
        )
        members["trace.trace"] = (
            members.get("trace.trace", b"")
            + (
                json.dumps({"type": "input", "method": "fill", "params": {"value": password}})
                + "\n"
                + json.dumps({"type": "log", "message": f"Bearer {JWT}"})
                + "\n"
            ).encode()
        )
        members["resources/page.html"] = f'<input type="password" value="{password}">'.encode()
        members["resources/shot.jpeg"] = _jpeg_with_comment(password)
        with zipfile.ZipFile(trace, "w", compression=zipfile.ZIP_DEFLATED) as target:
            for name, content in members.items():
                target.writestr(name, content)
    regression = run_dir / "regression.json"
    regression.write_text(json.dumps({"log": f"Cookie: JSESSIONID={COOKIE}"}))
    shot = base64.b64encode(_png_with_text(f"password {password}")).decode()
    page = f'<p>JSESSIONID={COOKIE}</p><img src="data:image/png;base64,{shot}">'
    (run_dir / "regression.html").write_text(f"<html><body>{page}</body></html>")


def _jpeg_with_comment(text: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(out, format="JPEG", comment=text.encode())
    return out.getvalue()


def assert_no_secret_anywhere(package: Path, secrets=SECRETS) -> None:
    raw = package.read_bytes()
    for secret in secrets:
        assert secret.encode() not in raw, f"{secret} in the zip's bytes"
    for name, content in _members(raw).items():
        embedded = [  # images inside HTML reports, decoded
            base64.b64decode(uri)
            for uri in re.findall(rb"data:image/\w+;base64,([A-Za-z0-9+/=]+)", content)
        ]
        for secret in secrets:
            assert secret.encode() not in content, f"{secret} in {name}"
            assert not any(secret.encode() in image for image in embedded), f"{secret} in {name}"


def test_package_has_manifest_reports_raw_results_screenshots_crops_trace_and_cases(tmp_path):
    docs = two_releases(tmp_path)
    package = build_package(docs, tmp_path / "out", known_secrets(ENVIRON))
    assert verify(package.path) == []
    with zipfile.ZipFile(package.path) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert {
        "manifest.json",
        "record.json",
        "reports/deviations.html",
        "reports/conformance.html",
        "reports/conformance.csv",
        "reports/conformance.json",
        "cases/wcag-link-name.md",
        "cases/regression-test_student_prints_list.md",
        "axe/student/en/list.student.json",
        "screenshots/student/nb/list.student.png",
        "crops/student/en/list.student/color-contrast-1.png",
        "crops/student/en/list.student/focus-visible-1.png",
        "traces/suites.workflows.test_student.py--test_student_prints_list/trace.zip",
        "traces/suites.workflows.test_student.py--test_student_prints_list/failure.png",
    } <= names
    assert manifest["sandbox"] == {
        "id": "demo",
        "institution": "47BIBSYS_DEMO",
        "release": "2024-06",
        "locales": ["en", "nb"],
    }
    assert manifest["baseline_release"] == "2024-05"
    assert manifest["versions"]["axe_core"] == "4.12.1"
    assert manifest["versions"]["browser"] == "Chromium 120.0"
    assert manifest["started_at"].endswith("Z") and manifest["created_at"].endswith("Z")
    assert manifest["reproduce"] == (
        "leganto-qa run --sandbox demo --release 2024-06 --locale en --locale nb"
    )
    assert {f["path"] for f in manifest["files"]} == names - {"manifest.json"}
    assert all(len(f["sha256"]) == 64 and f["size"] > 0 for f in manifest["files"])
    with zipfile.ZipFile(package.path) as archive:
        case = archive.read("cases/wcag-link-name.md").decode()
    for attachment in [line[2:] for line in case.splitlines() if line.startswith("- ")]:
        if "/" in attachment and " " not in attachment:
            assert attachment in names, attachment


def test_package_of_one_case_holds_only_its_evidence(tmp_path):
    docs = two_releases(tmp_path)
    package = build_package(docs, tmp_path / "out", Redactor_none(), "wcag-link-name")
    with zipfile.ZipFile(package.path) as archive:
        names = set(archive.namelist())
    assert package.path.name.endswith("-wcag-link-name.zip")
    assert "cases/wcag-link-name.md" in names
    assert "cases/regression-test_student_prints_list.md" not in names
    assert "axe/anonymous/en/public-list.anonymous.json" in names
    assert "axe/student/en/list.student.json" not in names
    assert not any(n.startswith("traces/") for n in names)


def Redactor_none():
    from leganto_qa.model.redaction import Redactor

    return Redactor()


def _rewrite(package: Path, target: Path, change) -> None:
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = change(info.filename, source.read(info))
            if data is not None:
                out.writestr(info.filename, data)


def test_verify_names_a_file_whose_one_byte_changed_and_files_missing_or_added(tmp_path):
    docs = two_releases(tmp_path)
    package = build_package(docs, tmp_path / "out").path
    assert verify(package) == []

    def flip(name, data):
        if name == "reports/conformance.csv":
            return data[:10] + bytes([data[10] ^ 1]) + data[11:]
        return data

    tampered = tmp_path / "tampered.zip"
    _rewrite(package, tampered, flip)
    assert verify(tampered) == ["reports/conformance.csv: sha256 differs from the manifest"]

    def drop_and_add(name, data):
        return None if name == "record.json" else data

    changed = tmp_path / "changed.zip"
    _rewrite(package, changed, drop_and_add)
    with zipfile.ZipFile(changed, "a") as archive:
        archive.writestr("extra.txt", b"not listed")
    with pytest.raises(HarnessError, match=re.escape("the manifest does not list 'extra.txt'")):
        verify(changed)
    dropped = tmp_path / "dropped.zip"
    _rewrite(package, dropped, drop_and_add)
    with pytest.raises(
        HarnessError,
        match=re.escape("the manifest lists 'record.json' but the zip does not hold it"),
    ):
        verify(dropped)
    raw = bytearray(package.read_bytes())  # one byte changed in the stored bytes of the zip
    offset = raw.index(b"reports/deviations.html") + 200
    raw[offset] ^= 0xFF
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(raw))
    assert verify(damaged)


def test_secrets_planted_in_a_run_reach_no_byte_of_the_package(tmp_path):
    docs = two_releases(tmp_path)
    plant_secrets(docs.layout.root)
    docs = run_documents(docs.layout.root, tmp_path / "reports", tmp_path / "known-issues.toml")
    package = build_package(docs, tmp_path / "out", known_secrets(ENVIRON))
    assert verify(package.path) == []
    assert_no_secret_anywhere(package.path)
    with zipfile.ZipFile(package.path) as archive:
        inner = next(n for n in archive.namelist() if n.endswith("trace.zip"))
        trace = zipfile.ZipFile(io.BytesIO(archive.read(inner)))
        network = [json.loads(line) for line in trace.read("trace.network").splitlines() if line]
        Image.open(io.BytesIO(archive.read("screenshots/student/en/list.student.png"))).verify()
    request = network[-1]["snapshot"]["request"]
    assert request["headers"][0] == {"name": "Authorization", "value": "[REDACTED]"}
    assert request["url"].endswith("id_token=[REDACTED]")


def test_cli_writes_each_document_and_builds_and_verifies_a_package(tmp_path):
    docs = two_releases(tmp_path)
    config = write_config(tmp_path)
    runner = CliRunner()
    run = str(docs.layout.root)
    for kind, expected in (
        ("deviations", "deviations.html"),
        ("conformance", "conformance.html"),
        ("cases", "wcag-link-name"),
    ):
        result = runner.invoke(main, ["report", run, "--kind", kind, "--config", str(config)])
        assert result.exit_code == 0, result.output
        assert expected in result.output
    assert (docs.layout.root / "cases" / "wcag-link-name.md").exists()
    result = runner.invoke(
        main, ["evidence", run, "--out", str(tmp_path / "ev"), "--config", str(config)]
    )
    assert result.exit_code == 0, result.output
    zips = list((tmp_path / "ev").glob("*.zip"))
    assert len(zips) == 1 and "Evidence package:" in result.output
    ok = runner.invoke(main, ["evidence", "verify", str(zips[0])])
    assert ok.exit_code == 0 and "OK" in ok.output
    broken = tmp_path / "broken.zip"
    _rewrite(zips[0], broken, lambda n, d: d + b"x" if n == "record.json" else d)
    bad = runner.invoke(main, ["evidence", "verify", str(broken)])
    assert bad.exit_code == 1
    assert "record.json" in bad.output
    missing = runner.invoke(main, ["evidence", run, "--case", "nope", "--config", str(config)])
    assert missing.exit_code != 0 and "wcag-link-name" in missing.output
    shutil.rmtree(tmp_path / "ev")


def test_scrubber_masks_secrets_by_shape_but_keeps_ordinary_parameters():
    from leganto_qa.evidence.scrubber import Scrubber

    scrub = Scrubber().text
    log = (
        "GET /leganto/public/47BIBSYS_UBO/lists/1?auth=SAML&section=2\n"
        f"Authorization: apikey {APIKEY}\n"
        f"Set-Cookie: JSESSIONID={COOKIE}; Path=/\n"
        f"POST /saml SAMLResponse={SAML}&RelayState=list\n"
        f"launch id_token={JWT} and bare {JWT}\n"
    )
    cleaned = scrub(log)
    assert "auth=SAML&section=2" in cleaned and "RelayState=list" in cleaned
    for secret in (APIKEY, COOKIE, SAML, JWT):
        assert secret not in cleaned
    assert cleaned.count("[REDACTED]") == 5
