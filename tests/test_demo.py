"""The whole demo, end to end, exactly as README's first command runs it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import REPO, write_config

pytestmark = pytest.mark.browser


def test_demo_shows_the_documented_release_differences_and_exits_0(tmp_path):
    config = write_config(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "leganto_qa.cli", "demo", "--config", str(config)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    out = result.stdout
    assert result.returncode == 0, out[-4000:] + result.stderr[-2000:]
    assert "The demo ran as intended." in out
    assert "NOT SEEN" not in out
    # 3 unnamed sidebar buttons, and the untranslated Share strings as language of parts (nn, se)
    assert "NOT-OK: 2024-06 vs baseline 2024-05: 1 regression(s), 13 new WCAG problem(s)" in out
    assert "3 integration break(s), 0 fixed" in out
    breaks = re.findall(r"^  INTEGRATION BROKE (.*)$", out, re.M)
    assert len(breaks) == 3, breaks
    assert any(
        b.startswith("BOLK field 'pages' (page range) missing since 2024-05") for b in breaks
    )
    assert "RIS export lost all 17 citations since 2024-05 (en, nb)" in breaks
    assert any(b.startswith("Citation link to Oria broke since 2024-05") for b in breaks)
    assert "new untranslated string(s): nb 0, nn 4, se 4" in out
    assert "UI New button 'Share list' in the header" in out
    # the state explorer opened it on the student's list page; no page object was needed
    assert "UI New dialog 'Share list' opened from the header" in out
    assert (tmp_path / "reports" / "baselines" / "demo.json").exists()
    reports = list((tmp_path / "reports" / "runs" / "demo").glob("*/regression.html"))
    assert len(reports) == 1
    run = reports[0].parent
    for name in ("deviations.html", "deviations.nb.html", "conformance.csv", "conformance.json"):
        assert (run / name).exists(), name
    assert (run / "cases" / "wcag-button-name.md").exists()
    assert re.search(r"Conformance summary \(\d+ of 48 criteria violated\)", out)
    assert "verify: OK" in out
    # the second institution: its banner without alt text is local, the release's faults are not
    assert "Seen in every sandbox (vendor):" in out
    assert re.search(r"^  image-alt .* \(1 of 2: demo-hvl\)$", out, re.M)
    assert len(list((tmp_path / "reports" / "consortium").glob("*/overview.nb.html"))) == 1
    assert len(list((tmp_path / "reports" / "evidence").glob("evidence-demo-*.zip"))) == 1
