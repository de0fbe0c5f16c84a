"""Secrets never survive into artifacts, including Playwright trace zips."""

from __future__ import annotations

import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st

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


PASSWORD = "pl&nted\"<pass'word Ø-4711"


def test_every_encoding_of_a_secret_is_masked():
    from leganto_qa.model.secret_forms import encoded_forms

    redactor = Redactor([PASSWORD])
    forms = encoded_forms(PASSWORD)
    assert {"html", "html-&#34;", "url-quote_plus", "json-ascii", "b64url-in-blob-2"} <= set(forms)
    for name, form in forms.items():
        assert redactor.text(f"<p>seen: {form}.</p>") == f"<p>seen: {MASK}.</p>", name
        assert form.encode() not in redactor.data(b"\x89PNG\x00" + form.encode()), name


def test_base64_of_a_secret_inside_a_longer_blob_is_masked_at_every_alignment():
    import base64
    import os

    redactor = Redactor(["s3cret-pass-word"])
    for offset in range(3):
        blob = base64.b64encode(os.urandom(30 + offset) + b"s3cret-pass-word" + os.urandom(30))
        cleaned = redactor.text(blob.decode())
        assert MASK in cleaned, offset
        for shift in range(3):  # no piece of the secret decodes back out of what is left
            piece = cleaned.replace(MASK, "").encode()[shift:]
            assert b"s3cret" not in base64.b64decode(piece[: len(piece) // 4 * 4]), offset


def test_secrets_by_shape_but_ordinary_words_stay():
    import base64

    saml = '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_x1">'
    saml += "<saml:NameID>ola@uio.no</saml:NameID></saml:Assertion>"
    blob = base64.b64encode(saml.encode()).decode()
    basic = base64.b64encode(b"ola:secret").decode()
    text = (
        f"<pre>{saml}</pre> <pre>{saml.replace('<', '&lt;').replace('>', '&gt;')}</pre>"
        f'<input type="hidden" name="SAMLResponse" value="{blob}"> <span data-x="{blob}">'
        f"Authorization: Bearer tok_9f8e7d6c5b4a3210 Basic {basic}"
    )
    cleaned = Redactor().text(text)
    for secret in ("ola@uio.no", blob, "tok_9f8e7d6c5b4a3210", basic):
        assert secret not in cleaned
    ordinary = "Basic reading list; the bearer of the diploma; token economy; Response times"
    assert Redactor().text(ordinary) == ordinary


def test_environment_secrets_are_known_from_the_start():
    redactor = Redactor()
    redactor.add_environment(
        ["LQ_ROLE_PW"], {"LQ_ROLE_PW": "role-pass-1", "CI_TOKEN": "ci-token-22", "HOME": "/root"}
    )
    assert redactor.secrets == {"role-pass-1", "ci-token-22"}


def test_a_trace_is_stored_redacted_nested_zips_included(tmp_path):
    import io

    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("page.html", f"<input value='{PASSWORD.replace('&', '&amp;')}'>")
    raw = tmp_path / "scratch" / "trace.zip"
    raw.parent.mkdir()
    with zipfile.ZipFile(raw, "w") as archive:
        archive.writestr("trace.trace", '{"params":{"value":"pl&nted\\"<pass\'word \\u00d8-4711"}}')
        archive.writestr("nested.zip", inner.getvalue())
    target = tmp_path / "reports" / "trace.zip"
    Redactor([PASSWORD]).store(raw, target)
    with zipfile.ZipFile(target) as archive:
        assert MASK in archive.read("trace.trace").decode()
        nested = zipfile.ZipFile(io.BytesIO(archive.read("nested.zip")))
        assert nested.read("page.html").decode() == f"<input value='{MASK}'>"


def test_a_failing_tests_report_is_redacted_but_keeps_its_crash_message():
    import pytest
    from _pytest._code import ExceptionInfo

    from leganto_qa.pytest_plugin.report_redaction import redact_report

    try:
        raise AssertionError(f"Locator expected to have text 'x'\nActual value: {PASSWORD}")
    except AssertionError:
        longrepr = ExceptionInfo.from_current().getrepr(style="long", showlocals=True)
    report = pytest.TestReport(
        "t.py::test_x",
        ("t.py", 1, "test_x"),
        {},
        "failed",
        longrepr,
        "call",
        sections=[("Captured stdout call", f"typed {PASSWORD}\n")],
    )
    redact_report(report, Redactor([PASSWORD]))
    assert PASSWORD not in report.longreprtext and MASK in report.longreprtext
    assert report.longrepr.reprcrash.message.startswith("AssertionError: Locator expected")
    assert report.sections == [("Captured stdout call", f"typed {MASK}\n")]


_PIECES = st.sampled_from(
    [
        "color-contrast",
        "Authorization: Bearer abc.def",
        "api_key=s3cr3t",
        "eyJhbGciOi.eyJzdWIiOi.sig",
        "Basic dXNlcjpwYXNz",
        "PD94bWwgdmVyc2lvbj0iMS4wIj8+PHNhbWxwOlJlc3BvbnNlIElEPSJ4Ij48L3NhbWxwOlJlc3BvbnNlPg==",
        "<saml:Assertion>x</saml:Assertion>",
        "password",
        "PASSWORD: hunter2",
        "\n",
        " ",
        "İ",
        "K",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=8).map("".join))
def test_a_text_without_any_shapes_needle_is_passed_over_and_nothing_else_changes(text):
    # mask_shapes looks for every shape's needles in one search before trying the shapes one
    # by one: it must mask exactly what trying every shape masks.
    from leganto_qa.model import secret_shapes

    expected = text
    lowered = expected.lower()
    for shape in secret_shapes._ALL_SHAPES:
        if any(n in (lowered if n.islower() else expected) for n in shape.needles):
            expected = shape.pattern.sub(shape.replacement, expected)
    assert secret_shapes.mask_shapes(text) == expected
