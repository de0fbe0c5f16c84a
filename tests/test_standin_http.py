"""HTTP-level tests of the stand-in Leganto sandbox (fixtures/sandbox), Flask test client only."""

from __future__ import annotations

import re

import pytest

from fixtures.sandbox.app import create_app

PASSWORD = "demo-pass"
APIKEY = "demo-key"
SOS = "8812345670004711"
DRAFT = "8812345690004711"
BOOK = "8812345671014711"
PREPARING = "8812345671104711"
COURSE = "8812345500004711"


def make_client(release: str = "2024-06", apikey: str | None = APIKEY):
    return create_app(release, PASSWORD, apikey).test_client()


def login(client, username: str = "ola.student") -> None:
    resp = client.post(
        "/leganto/login?auth=local", data={"username": username, "password": PASSWORD}
    )
    assert resp.status_code == 302, resp.data[:300]


@pytest.fixture
def student():
    client = make_client()
    login(client)
    return client


@pytest.fixture
def instructor():
    client = make_client()
    login(client, "kari.laerer")
    return client


def test_healthz():
    resp = make_client().get("/healthz")
    assert resp.status_code == 200
    assert resp.text == "ok"


def test_login_success_redirects_and_sets_session_cookies():
    client = make_client()
    resp = client.post(
        "/leganto/login?auth=local&redirect=/leganto/nui/lists/" + SOS,
        data={"username": "ola.student", "password": PASSWORD},
    )
    assert resp.status_code == 302
    assert resp.location == "/leganto/nui/lists/" + SOS
    cookies = resp.headers.getlist("Set-Cookie")
    session = next(c for c in cookies if c.startswith("JSESSIONID="))
    assert "HttpOnly" in session and "Secure" in session and "SameSite=None" in session
    assert any(c.startswith("XSRF-TOKEN=") for c in cookies)


def test_login_default_target_and_offsite_redirect_refused():
    client = make_client()
    resp = client.post(
        "/leganto/login?auth=local&redirect=//evil.example/",
        data={"username": "kari.laerer", "password": PASSWORD},
    )
    assert resp.location == "/leganto/nui/lists"


def test_login_failure_shows_alert():
    client = make_client()
    resp = client.post(
        "/leganto/login?auth=local", data={"username": "ola.student", "password": "wrong"}
    )
    assert resp.status_code == 401
    assert re.search(r'<div[^>]* id="login-error" role="alert"', resp.text)
    assert 'id="login-form"' in resp.text
    assert client.get_cookie("JSESSIONID") is None


def test_saml_login_goes_through_feide():
    client = make_client()
    resp = client.get("/leganto/login?auth=SAML&redirect=/leganto/nui/lists/" + SOS)
    assert resp.status_code == 302 and resp.location.startswith("/feide/login?")
    page = client.get(resp.location)
    assert "Feide" in page.text and "Demo University" in page.text
    done = client.post(resp.location, data={"username": "ola.student", "password": PASSWORD})
    assert done.status_code == 302 and done.location == "/leganto/nui/lists/" + SOS


def test_nui_page_without_session_redirects_to_login():
    resp = make_client().get(f"/leganto/nui/lists/{SOS}")
    assert resp.status_code == 302
    assert resp.location == f"/leganto/login?auth=local&redirect=/leganto/nui/lists/{SOS}"


def test_unknown_session_gets_empty_angular_shell():
    client = make_client()
    client.set_cookie("JSESSIONID", "EXPIRED0000", domain="localhost")
    resp = client.get(f"/leganto/nui/lists/{SOS}")
    assert resp.status_code == 200
    assert '<lg-root ng-version="16.2.7"></lg-root>' in resp.text
    body = resp.text.split("<body", 1)[1].split(">", 1)[1]
    assert re.sub(r"<[^>]+>", "", body).strip() == ""


def test_list_page_shell_and_lazy_loading(student):
    html = student.get(f"/leganto/nui/lists/{SOS}").text
    assert '<html dir="ltr" lang="en">' in html
    assert re.search(r"_ngcontent-ng-c\d+", html)
    assert 'id="main-scroll"' in html and 'class="cdk-overlay-container' in html
    # 6 citations render, the rest are skeletons with a template each
    assert html.count("<lg-skeleton") == 17 - 6
    assert html.count('<template id="tpl-citation-') == 17 - 6
    assert 'id="tpl-citation-8812345671184711"' in html


def test_angular_noise_varies_per_start():
    def numbers() -> set[str]:
        client = make_client()
        return set(re.findall(r"_ngcontent-ng-c(\d+)", client.get("/leganto/login").text))

    assert numbers().isdisjoint(numbers())


def test_students_see_only_complete_citations(student, instructor):
    assert f"citation-{PREPARING}" not in student.get(f"/leganto/nui/lists/{SOS}").text
    html = instructor.get(f"/leganto/nui/lists/{SOS}").text
    assert f"citation-{PREPARING}" in html
    assert "citation-being-prepared" in html


def test_mark_as_done_is_per_session():
    one, two = make_client(), make_client()
    login(one)
    login(two)
    resp = one.post(f"/leganto/rl/lists/{SOS}/citations/{BOOK}/done", json={"done": True})
    assert resp.status_code == 200 and resp.json["done"] is True
    pressed = re.compile(rf'id="citation-mark-as-done-{BOOK}"[^>]*aria-pressed="(\w+)"')
    assert pressed.search(one.get(f"/leganto/nui/lists/{SOS}").text).group(1) == "true"
    assert pressed.search(two.get(f"/leganto/nui/lists/{SOS}").text).group(1) == "false"


def test_new_section_visible_only_in_own_session(instructor):
    other = make_client()
    login(other, "kari.laerer")
    resp = instructor.post(f"/leganto/rl/lists/{SOS}/sections", json={"name": "Ekstra seminar"})
    assert resp.status_code == 201
    assert "Ekstra seminar" in instructor.get(f"/leganto/nui/lists/{SOS}").text
    assert "Ekstra seminar" not in other.get(f"/leganto/nui/lists/{SOS}").text


def test_new_item_requires_title(instructor):
    resp = instructor.post(f"/leganto/rl/lists/{SOS}/citations", json={"title": " "})
    assert resp.status_code == 400 and resp.json["field"] == "title"
    html = instructor.get(f"/leganto/nui/lists/{SOS}").text
    assert 'id="item-title-error"' in html and "Title is required" in html


def test_students_cannot_edit(student):
    resp = student.post(f"/leganto/rl/lists/{SOS}/sections", json={"name": "x"})
    assert resp.status_code == 403


def test_publish_draft_list(instructor):
    html = instructor.get(f"/leganto/nui/lists/{DRAFT}").text
    assert 'id="list-ready-button"' in html and "Draft" in html
    resp = instructor.post(f"/leganto/rl/lists/{DRAFT}/publish", json={"publishToStudents": True})
    assert resp.status_code == 200
    html = instructor.get(f"/leganto/nui/lists/{DRAFT}").text
    assert 'id="list-ready-button"' not in html
    assert re.search(r'class="list-status-text">Published<', html)


def test_set_complete_shows_citation_to_student_view(instructor):
    resp = instructor.post(
        f"/leganto/rl/lists/{SOS}/citations/{PREPARING}/status", json={"status": "Complete"}
    )
    assert resp.status_code == 200
    html = instructor.get(f"/leganto/nui/lists/{SOS}?studentView=true").text
    assert 'id="student-view-banner"' in html and f"citation-{PREPARING}" in html


def test_language_is_per_session_and_falls_back_to_english(student):
    resp = student.post("/leganto/rl/user/language", json={"lang": "nn"})
    assert resp.status_code == 204
    html = student.get(f"/leganto/nui/lists/{SOS}").text
    assert '<html dir="ltr" lang="nn">' in html
    assert "Skriv ut lista" in html  # translated
    assert 'aria-label="Share list"' in html  # untranslated in nn (2024-06)
    assert ">Copy link<" in html
    student.post("/leganto/rl/user/language", json={"lang": "nb"})
    html = student.get(f"/leganto/nui/lists/{SOS}").text
    assert 'aria-label="Del listen"' in html and ">Kopier lenke<" in html


def test_guest_language_cookie():
    client = make_client()
    resp = client.post("/leganto/rl/user/language", data={"lang": "se"})
    assert resp.status_code == 204
    assert client.get_cookie("leganto_lang").value == "se"
    assert '<html dir="ltr" lang="se">' in client.get("/leganto/login").text
    assert client.post("/leganto/rl/user/language", json={"lang": "xx"}).status_code == 400


@pytest.mark.parametrize(("release", "partitioned"), [("2024-05", True), ("2024-06", False)])
def test_release_session_cookie_partitioned(release, partitioned):
    client = make_client(release)
    resp = client.post(
        "/leganto/login?auth=local", data={"username": "ola.student", "password": PASSWORD}
    )
    session = next(c for c in resp.headers.getlist("Set-Cookie") if c.startswith("JSESSIONID="))
    assert ("Partitioned" in session) is partitioned


@pytest.mark.parametrize(("release", "action"), [("2024-05", "print"), ("2024-06", "print-list")])
def test_release_print_item_id(release, action):
    client = make_client(release)
    login(client)
    html = client.get(f"/leganto/nui/lists/{SOS}").text
    ids = set(re.findall(r'id="(lg-menu-action-print[\w-]*)"', html))
    assert ids == {f"lg-menu-action-{action}"}


def test_release_differences_in_list_and_full_view():
    old, new = make_client("2024-05"), make_client("2024-06")
    login(old)
    login(new)
    old_list = old.get(f"/leganto/nui/lists/{SOS}").text
    new_list = new.get(f"/leganto/nui/lists/{SOS}").text
    assert "<lg-shareable-links _ngcontent" not in old_list
    assert 'id="share-link-input"' in new_list and "lg-shareable-links" in new_list
    assert re.search(r'id="sidebar-analytics"[^>]*aria-label="Analytics"', old_list)
    assert not re.search(r'id="sidebar-analytics"[^>]*aria-label=', new_list)
    full = f"/leganto/nui/lists/{SOS}/citations/{BOOK}"
    link = re.compile(r'<a [^>]*id="citation-full-open-new-tab"[^>]*>')
    assert "aria-label" not in link.search(old.get(full).text).group(0)
    assert 'aria-label="Open in a new tab"' in link.search(new.get(full).text).group(0)


def test_online_resource_link_redirects(student):
    html = student.get(f"/leganto/nui/lists/{SOS}/citations/8812345671024711").text
    assert 'id="8812345671024711-availability-viewOnline"' in html
    resp = student.get("/leganto/rl/link/8812345671024711")
    assert resp.status_code == 302 and resp.location.startswith("/leganto/rl/resource/")


def test_public_pages_without_login():
    client = make_client()
    html = client.get(f"/leganto/public/47BIBSYS_DEMO/lists/{SOS}?auth=SAML").text
    assert "Obligatorisk" in html and 'id="add-item"' not in html
    assert client.get(f"/leganto/public/47BIBSYS_DEMO/lists/{DRAFT}").status_code == 302
    search = client.get("/leganto/public/47BIBSYS_DEMO/searchlists?q=EXPH").text
    assert "EXPH0300 Examen philosophicum" in search and "SOS1001 Innføring" not in search
    assert client.get(f"/leganto/public/47BIBSYS_DEMO/citation/{BOOK}").status_code == 200


def test_print_returns_pdf():
    resp = make_client().get(f"/leganto/rl/files/en/print/list/{SOS}/studentView")
    assert resp.status_code == 200
    assert resp.mimetype == "application/pdf"
    assert resp.data.startswith(b"%PDF-1.4") and resp.data.rstrip().endswith(b"%%EOF")


def test_api_requires_apikey():
    client = make_client()
    resp = client.get(f"/almaws/v1/courses/{COURSE}")
    assert resp.status_code == 401
    assert resp.json["errorList"]["error"][0]["errorCode"] == "UNAUTHORIZED"
    wrong = client.get(f"/almaws/v1/courses/{COURSE}", headers={"Authorization": "apikey nope"})
    assert wrong.status_code == 401
    no_key = make_client(apikey=None).get(
        f"/almaws/v1/courses/{COURSE}", headers={"Authorization": "apikey "}
    )
    assert no_key.status_code == 401


def test_api_course_and_reading_lists():
    client = make_client()
    auth = {"Authorization": f"apikey {APIKEY}", "Accept": "application/json"}
    course = client.get(f"/almaws/v1/courses/{COURSE}?view=full", headers=auth)
    assert course.status_code == 200
    assert course.headers["X-Exl-Api-Remaining"]
    body = course.json
    assert body["code"] == "SOS1001" and body["name"] == "Innføring i sosiologi"
    assert "UE_194_SOS1001_1_2024_HØST" in body["searchable_ids"]
    assert body["reading_lists"]["reading_list"][0]["id"] == SOS
    found = client.get("/almaws/v1/courses?q=searchable_ids~UE_194_SOS1001", headers=auth).json
    assert found["total_record_count"] == 1
    cits = client.get(
        f"/almaws/v1/courses/{COURSE}/reading-lists/{SOS}/citations", headers=auth
    ).json
    assert cits["total_record_count"] == 18
    book = client.get(
        f"/almaws/v1/courses/{COURSE}/reading-lists/{SOS}/citations/{BOOK}", headers=auth
    ).json
    assert book["metadata"]["isbn"] == "978-82-15-04231-2"
    assert book["status"]["value"] == "Complete"


ONLINE_ARTICLE = "8812345671024711"


@pytest.mark.parametrize(
    ("release", "status_key", "online_type"),
    [("2024-05", "publishingStatus", "CR"), ("2024-06", "publishing_status", "E_CR")],
)
def test_release_api_changes(release, status_key, online_type):
    """RELEASES.md #7 (publishingStatus renamed) and #8 (new secondary_type value E_CR)."""
    client = make_client(release)
    auth = {"Authorization": f"apikey {APIKEY}", "Accept": "application/json"}
    lists = client.get(f"/almaws/v1/courses/{COURSE}/reading-lists", headers=auth).json
    listed = lists["reading_list"][0]
    assert listed["id"] == SOS
    assert listed[status_key] == {"value": "PUBLISHED", "desc": ""}
    other_key = ({"publishingStatus", "publishing_status"} - {status_key}).pop()
    assert other_key not in listed
    full = client.get(f"/almaws/v1/courses/{COURSE}?view=full", headers=auth).json
    assert status_key in full["reading_lists"]["reading_list"][0]
    cits = client.get(
        f"/almaws/v1/courses/{COURSE}/reading-lists/{SOS}/citations", headers=auth
    ).json["citation"]
    secondary = {c["id"]: c["secondary_type"]["value"] for c in cits}
    assert secondary.pop(ONLINE_ARTICLE) == online_type
    assert set(secondary.values()) == {"BK", "CR", "WS"}  # every other citation as before
    assert sum(c["status"]["value"] == "Complete" for c in cits) == 17


OPEN = "/leganto-open-api"


def field_paths(value, prefix: str = "") -> set[str]:
    """Every field path of a JSON value (``a.b``; list elements share their list's path)."""
    if isinstance(value, list):
        return set().union(*(field_paths(item, prefix) for item in value))
    if not isinstance(value, dict):
        return set()
    paths = set()
    for key, sub in value.items():
        path = f"{prefix}.{key}" if prefix else key
        paths |= {path} | field_paths(sub, path)
    return paths


def test_open_proxy_requires_institution_and_no_apikey():
    client = make_client()
    missing = client.get(f"{OPEN}/courses/{COURSE}")
    assert missing.status_code == 400 and missing.is_json
    assert missing.json["errorList"]["error"][0]["errorCode"] == "MISSING_INSTITUTION"
    unknown = client.get(f"{OPEN}/courses/{COURSE}?institution=uio")
    assert unknown.status_code == 404
    assert unknown.json["errorList"]["error"][0]["errorCode"] == "UNKNOWN_INSTITUTION"
    found = client.get(f"{OPEN}/courses/{COURSE}?institution=demo")  # no Authorization header
    assert found.status_code == 200 and found.json["code"] == "SOS1001"
    assert "X-Exl-Api-Remaining" not in found.headers
    assert make_client(apikey=None).get(f"{OPEN}/courses?institution=demo").status_code == 200
    bad = client.get(f"{OPEN}/courses/999?institution=demo")
    assert bad.status_code == 400 and bad.json["errorList"]["error"][0]["errorCode"] == "401890"


SENSITIVE = {
    "open_url",
    "copyrights_status",
    "public_note",
    "file_link",
    "license_type",
    "citation_tags",
    "instructor",
    "participants",
    "searchable_ids",
    "academic_department",
    "processing_department",
    "link",
    "description",
    "publishingStatus",
    "publishing_status",
    "mms_id",
}


@pytest.mark.parametrize(
    "path",
    [
        f"/courses/{COURSE}",
        "/courses?q=code~SOS1001",
        f"/courses/{COURSE}/reading-lists",
        f"/courses/{COURSE}/reading-lists/{SOS}?view=full",
        f"/courses/{COURSE}/reading-lists/{SOS}/citations",
        f"/courses/{COURSE}/reading-lists/{SOS}/citations/{BOOK}",
    ],
)
def test_open_proxy_answers_only_the_whitelist_with_the_same_ids(path):
    client = make_client()
    auth = {"Authorization": f"apikey {APIKEY}", "Accept": "application/json"}
    alma = client.get(f"/almaws/v1{path}", headers=auth)
    sep = "&" if "?" in path else "?"
    proxy = client.get(f"{OPEN}{path}{sep}institution=demo")
    assert alma.status_code == proxy.status_code == 200
    alma_paths, proxy_paths = field_paths(alma.json), field_paths(proxy.json)
    assert proxy_paths < alma_paths  # a strict subset: something was left out
    leaves = {p.rsplit(".", 1)[-1] for p in proxy_paths}
    assert not leaves & SENSITIVE, leaves & SENSITIVE
    ids = {p for p in alma_paths if p == "id" or p.endswith(".id")}
    assert ids <= proxy_paths

    def id_values(value):
        if isinstance(value, list):
            return [i for item in value for i in id_values(item)]
        if not isinstance(value, dict):
            return []
        own = [value["id"]] if "id" in value else []
        return own + [i for sub in value.values() for i in id_values(sub)]

    assert id_values(proxy.json) == id_values(alma.json)


def test_open_proxy_citation_keeps_whitelisted_metadata():
    book = (
        make_client()
        .get(f"{OPEN}/courses/{COURSE}/reading-lists/{SOS}/citations/{BOOK}?institution=demo")
        .json
    )
    assert set(book) == {
        "id", "status", "type", "secondary_type", "leganto_permalink", "metadata"
    }  # fmt: skip
    assert book["metadata"]["isbn"] == "978-82-15-04231-2"
    assert set(book["metadata"]) <= {
        "title", "author", "publisher", "publication_date", "isbn", "issn", "doi",
        "journal_title", "chapter", "pages",
    }  # fmt: skip
    assert "/leganto/public/47BIBSYS_DEMO/citation/" in book["leganto_permalink"]


@pytest.mark.parametrize(("release", "online_type"), [("2024-05", "CR"), ("2024-06", "E_CR")])
def test_open_proxy_follows_the_release_flags(release, online_type):
    """RELEASES.md #8 shows through the proxy; #7's field is not whitelisted."""
    client = make_client(release)
    cits = client.get(
        f"{OPEN}/courses/{COURSE}/reading-lists/{SOS}/citations?institution=demo"
    ).json["citation"]
    secondary = {c["id"]: c["secondary_type"]["value"] for c in cits}
    assert secondary.pop(ONLINE_ARTICLE) == online_type
    assert set(secondary.values()) == {"BK", "CR", "WS"}
    lists = client.get(f"{OPEN}/courses/{COURSE}/reading-lists?institution=demo").json
    assert set(lists["reading_list"][0]) == {"id", "code", "name", "status", "visibility"}
