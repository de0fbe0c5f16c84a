"""Secrets a careless Leganto shows reach no byte of a run's artifacts nor its evidence package.

The stand-in's leak mode (fixtures/sandbox/leaks.py, ``LEGANTO_STANDIN_LEAK_TOKEN``) echoes the
password (with ``&"<'``), the API key, the session cookie, a token only the environment knows, a
SAML assertion and a bearer token in visible text, attribute values, an input's value, a query
string, the title and a response header. One run (a failing workflow with its trace, an axe
page state, a text inventory), then ``leganto-qa evidence``; every byte of every file, nested
zips included, is searched for every encoding of every value: none may be found.
"""

from __future__ import annotations

import base64
import html
import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

from tests.conftest import REPO, run_suites, write_config

pytestmark = pytest.mark.browser

PASSWORD = "pl&nted\"<pass'word-4711"
APIKEY = "l7xxPLANTEDapikey0000000042"
ENV_TOKEN = "PLANTEDenvTOKEN-5521-sso"
RUN_ID = "leaky"
SELECTION = "prints_list or list/student-en or (en-list/student and not en-list/student/)"
"""A failing workflow (2024-06 renamed its print action: a trace), one axe and one i18n state."""


def _base64_forms(data: bytes) -> dict[str, bytes]:
    """``data`` base64-encoded alone and at the three alignments inside a longer blob."""
    forms: dict[str, bytes] = {}
    for name, encode in (("b64", base64.b64encode), ("b64url", base64.urlsafe_b64encode)):
        alone = encode(data)
        forms[name] = alone
        forms[f"{name}-nopad"] = alone.rstrip(b"=")
        for offset in range(3):
            blob = encode(b"\x01" * offset + data + b"\xfe\xfd\xfc").rstrip(b"=")
            lead = (0, 2, 3)[offset]
            end = len(encode(b"\x01" * offset + data).rstrip(b"=")) - (
                1 if (offset + len(data)) % 3 else 0
            )
            forms[f"{name}-in-blob-{offset}"] = blob[lead:end]
    return forms


def forms_of(secret: str) -> dict[str, bytes]:
    """Every encoding the search looks for (independent of leganto_qa.model.secret_forms)."""
    text_forms = {
        "raw": secret,
        "html": html.escape(secret),
        "html-noquote": html.escape(secret, quote=False),
        "html-&#34;": html.escape(secret).replace("&quot;", "&#34;").replace("&#x27;", "&#39;"),
        "html-attr": secret.replace("&", "&amp;").replace('"', "&quot;"),
        "html-double": html.escape(html.escape(secret)),
        "url-quote": quote(secret, safe=""),
        "url-quote-plus": quote_plus(secret),
        "json": json.dumps(secret, ensure_ascii=False)[1:-1],
        "json-ascii": json.dumps(secret)[1:-1],
        "json-of-html": json.dumps(html.escape(secret))[1:-1],
    }
    forms = {name: value.encode("utf-8") for name, value in text_forms.items()}
    forms.update(_base64_forms(secret.encode("utf-8")))
    return {name: value for name, value in forms.items() if len(value) >= 6}


def _expand(name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    """The file itself and, for a zip, every member (nested zips too), decompressed."""
    yield name, data
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from _expand(f"{name}!{member}", archive.read(member))


def every_byte(*roots: Path) -> Iterator[tuple[str, bytes]]:
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            yield from _expand(str(path.relative_to(root.parent)), path.read_bytes())


def hits(files: list[tuple[str, bytes]], secrets: dict[str, str]) -> list[str]:
    """``file: secret/form xn`` for every encoded form found."""
    found = []
    for secret_name, secret in secrets.items():
        for form_name, form in forms_of(secret).items():
            for file_name, data in files:
                count = data.count(form)
                if count:
                    found.append(f"{file_name}: {secret_name}/{form_name} x{count}")
    return found


@pytest.fixture(scope="module")
def leaky(tmp_path_factory) -> tuple[Path, Path, dict[str, str], str]:
    root = tmp_path_factory.mktemp("leaky")
    config = write_config(root)
    log = root / "leaks.jsonl"
    env = {
        "LEGANTO_QA_DEMO_PASSWORD": PASSWORD,
        "LEGANTO_QA_DEMO_APIKEY": APIKEY,
        "LEGANTO_STANDIN_LEAK_TOKEN": ENV_TOKEN,
        "LEGANTO_STANDIN_LEAK_LOG": str(log),
    }
    run = run_suites(
        config,
        RUN_ID,
        *("--release", "2024-06", "--locale", "en", "-k", SELECTION, "--tb=long"),
        suites=("workflows", "a11y", "i18n"),
        env=env,
    )
    run_dir = root / "reports" / "runs" / "demo" / RUN_ID
    assert (run_dir / "record.json").exists(), run.stdout[-3000:] + run.stderr[-3000:]
    evidence = subprocess.run(
        [
            sys.executable,
            "-m",
            "leganto_qa.cli",
            "evidence",
            str(run_dir),
            "--out",
            str(root / "evidence"),
            "--config",
            str(config),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **env},
    )
    assert evidence.returncode == 0, evidence.stdout + evidence.stderr
    return run_dir, root / "evidence", planted_secrets(log), run.stdout


def planted_secrets(log: Path) -> dict[str, str]:
    """The configured secrets and every value the stand-in echoed (its log), by name."""
    planted = {"password": PASSWORD, "apikey": APIKEY, "env_token": ENV_TOKEN}
    for number, line in enumerate(log.read_text().splitlines()):
        echo = json.loads(line)
        if echo["kind"] not in planted and echo["value"] not in planted.values():
            planted[f"{echo['kind']}-{number}"] = echo["value"]
            if echo["kind"] == "saml_xml":  # the assertion's ID: any piece of it left over
                marker = echo["value"].split('ID="_', 1)[1].split('"', 1)[0]
                planted[f"saml_id-{number}"] = marker
    return planted


def test_the_leaky_stand_in_planted_every_kind_of_secret(leaky):
    run_dir, _, planted, stdout = leaky
    kinds = {name.split("-")[0] for name in planted}
    assert {"password", "apikey", "env_token", "cookie", "saml_xml", "bearer"} <= kinds
    record = json.loads((run_dir / "record.json").read_text())
    outcomes = {o["test"].rsplit("::", 1)[-1]: o for o in record["outcomes"]}
    assert outcomes["test_student_prints_list"]["outcome"] == "failed", stdout[-2000:]
    printing = outcomes["test_student_prints_list"]
    assert any(a.endswith("trace.zip") for a in printing["artifacts"])
    # the failure quotes the menu's items, one of which names the password
    assert "'Sign in again with [REDACTED]'" in printing["message"]
    assert "Sign in again with [REDACTED]" in (run_dir / "report.html").read_text()
    assert record["page_states"] and record["text_inventory"] and record["findings"]
    assert any("[REDACTED]" in f["url"] for f in record["findings"])  # the URL was masked


def test_no_encoded_form_of_any_planted_secret_in_the_run_or_its_evidence(leaky):
    run_dir, evidence, planted, _ = leaky
    files = list(every_byte(run_dir, evidence))
    assert any(name.endswith("trace.zip!trace.trace") for name, _ in files)
    assert any(".zip!" in name and "trace.zip!" in name for name, _ in files if "evidence" in name)
    found = hits(files, planted)
    assert not found, f"{len(found)} leak(s):\n" + "\n".join(found[:60])


def _mask_pixels(png: bytes, box: tuple[float, float, float, float] | None = None) -> float:
    """Share of the pixels (in ``box``, or all) painted in the mask colour."""
    from PIL import Image

    from leganto_qa.scanning.secret_masks import MASK_COLOR

    colour = tuple(int(MASK_COLOR[i : i + 2], 16) for i in (1, 3, 5))
    with Image.open(io.BytesIO(png)) as image:
        rgb = image.convert("RGB")
        if box is not None:
            x, y, w, h = (round(v) for v in box)
            rgb = rgb.crop((x + 1, y + 1, x + w - 1, y + h - 1))
        counts = dict((c, n) for n, c in rgb.getcolors(maxcolors=rgb.width * rgb.height))
    return counts.get(colour, 0) / (rgb.width * rgb.height)


def test_screenshots_paint_over_what_shows_a_secret():
    from playwright.sync_api import sync_playwright

    from leganto_qa.browser.browser_discovery import ensure_browser, launch_args
    from leganto_qa.model.redaction import Redactor
    from leganto_qa.scanning.secret_masks import MARK, screenshot

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args(ensure_browser()))
        page = browser.new_page()
        page.set_content(
            "<h1 id='plain'>Reading list</h1><p id='echo'>Signed in with "
            f"{html.escape(PASSWORD)}</p><input id='typed' value='x'>"
            "<p id='bearer'>Authorization: Bearer tok_9f8e7d6c5b4a3210</p>"
        )
        page.fill("#typed", PASSWORD)
        png = screenshot(page, Redactor([PASSWORD]))
        for element, expected in (("#echo", 1), ("#typed", 1), ("#bearer", 1), ("#plain", 0)):
            box = page.locator(element).bounding_box()
            assert box is not None
            share = _mask_pixels(png, (box["x"], box["y"], box["width"], box["height"]))
            assert abs(share - expected) < 0.02, element  # text may be antialiased alike
        assert page.locator(f"[{MARK}]").count() == 0  # the page is left as it was
        browser.close()


def test_the_leaky_runs_screenshots_are_painted_over(leaky):
    run_dir = leaky[0]
    for name in ("screenshot.png", "failure-0.png"):
        shots = list(run_dir.rglob(name))
        assert shots and all(_mask_pixels(s.read_bytes()) > 0.001 for s in shots), name
