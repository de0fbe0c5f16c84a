"""The stand-in's link targets (fixtures/sandbox/links.py) over its WSGI client: permalink
forms, Oria-like records, the DOI and link resolvers, and the API fields pointing at them."""

from __future__ import annotations

import html as html_module
import re
from urllib.parse import unquote

import pytest

from fixtures.sandbox.app import create_app

PASSWORD, APIKEY = "pw-links", "key-links"
INST, SOS, BOOK = "47BIBSYS_DEMO", "8812345670004711", "8812345671014711"
CITATIONS = f"/almaws/v1/courses/8812345500004711/reading-lists/{SOS}/citations"


def client(release: str = "2024-06"):
    return create_app(release, PASSWORD, APIKEY).test_client()


def test_the_list_by_course_code_redirects_to_its_permalink_keeping_auth():
    web = client()
    found = web.get(f"/leganto/public/{INST}/lists?courseCode=sos1001&auth=SAML")
    assert (found.status_code, found.location) == (
        302,
        f"/leganto/public/{INST}/lists/{SOS}?auth=SAML",
    )
    by_fs_id = web.get(f"/leganto/public/{INST}/lists?courseCode=UE_194_SOS1001_1_2024_HØST")
    assert by_fs_id.location == f"/leganto/public/{INST}/lists/{SOS}"
    assert web.get(f"/leganto/public/{INST}/lists?courseCode=NOPE1000").status_code == 404
    assert web.get(f"/leganto/public/{INST}/lists?courseCode=INF1010").status_code == 404  # draft


@pytest.mark.parametrize(
    ("auth", "login_path"), [("SAML", "/feide/login"), ("LOCAL", "/leganto/login")]
)
def test_a_permalink_with_auth_logs_in_that_way_and_comes_back(auth, login_path):
    web = client()
    permalink = f"/leganto/public/{INST}/lists/{SOS}?auth={auth}"
    html = web.get(permalink).text
    link = re.search(r'id="public-login-banner"[^>]*><a [^>]*href="([^"]+)"', html).group(1)
    link = html_module.unescape(link)
    assert link.startswith(f"/leganto/login?auth={auth}&redirect=")
    assert unquote(link.split("redirect=", 1)[1]) == permalink
    answer = web.get(link)
    if auth == "SAML":
        assert answer.status_code == 302 and answer.location.startswith(login_path)
        form = answer.location
    else:
        form = link
    done = web.post(form, data={"username": "ola.student", "password": PASSWORD})
    assert (done.status_code, done.location) == (302, permalink)
    assert 'id="public-login-banner"' not in web.get(permalink).text


def test_the_oria_record_of_one_book_is_gone_in_2024_06_only():
    record = f"/discovery/fulldisplay?docid=alma99{BOOK[2:]}&context=L&vid={INST}:{INST}"
    old = client("2024-05").get(record)
    assert old.status_code == 200 and "<title>Sosiologiens grunnlag - Oria</title>" in old.text
    assert client("2024-06").get(record).status_code == 404
    other = f"/discovery/fulldisplay?docid=alma9912345671044711&vid={INST}:X"
    assert client("2024-06").get(other).status_code == 200
    permalink = client().get(f"/permalink/{INST}/abc123/alma9912345671044711")
    assert (
        permalink.status_code == 302 and "/discovery/fulldisplay?docid=alma99" in permalink.location
    )


def test_the_api_links_point_at_the_stand_in_routes():
    web = client()
    body = web.get(CITATIONS, headers={"Authorization": f"apikey {APIKEY}"}).json
    by_id = {c["id"]: c for c in body["citation"]}
    book, article = by_id[BOOK], by_id["8812345671024711"]
    assert (
        book["metadata"]["mms_id"] == "9912345671014711" and article["metadata"]["mms_id"] is None
    )
    assert book["open_url"].startswith(f"http://localhost/openurl/{INST}/{INST}_services_page?")
    assert article["metadata"]["source"] == "http://localhost/leganto/rl/link/8812345671024711"
    assert book["metadata"]["source"] == ""
    doi = web.get("/doi/" + article["metadata"]["doi"])
    assert doi.status_code == 302 and doi.location == "/leganto/rl/resource/8812345671024711"
    assert web.get("/doi/10.9999/none").status_code == 404
    services = web.get(article["open_url"].removeprefix("http://localhost"))
    assert services.status_code == 200 and "View online" in services.text
