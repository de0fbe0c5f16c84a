"""Secrets never survive into artifacts, including Playwright trace zips."""

from __future__ import annotations

import zipfile

from leganto_qa.model.redaction import MASK, Redactor


def test_text_and_files_are_scrubbed(tmp_path):
    redactor = Redactor(["s3cret-pass", "ab"])  # too short values are not treated as secrets
    assert redactor.text("user=ola pw=s3cret-pass ab") == f"user=ola pw={MASK} ab"
    path = tmp_path / "log.txt"
    path.write_text("token s3cret-pass")
    redactor.file(path)
    assert path.read_text() == f"token {MASK}"


def test_trace_zip_entries_are_scrubbed(tmp_path):
    trace = tmp_path / "trace.zip"
    with zipfile.ZipFile(trace, "w") as archive:
        archive.writestr(
            "trace.network", '{"headers":[{"name":"Cookie","value":"JSESSIONID=abc123def"}]}'
        )
        archive.writestr("resources/page.html", "<p>nothing secret</p>")
    redactor = Redactor()
    redactor.add_cookies({"cookies": [{"name": "JSESSIONID", "value": "abc123def"}]})
    redactor.file(trace)
    with zipfile.ZipFile(trace) as archive:
        assert "abc123def" not in archive.read("trace.network").decode()
        assert archive.read("resources/page.html").decode() == "<p>nothing secret</p>"
