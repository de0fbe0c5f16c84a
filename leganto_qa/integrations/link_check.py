"""Does a citation link still lead somewhere: status, final URL, redirects, the record's title.

`LinkChecker.check(url)` follows redirects itself (each hop paced per host, at most
``max_redirects``, a loop detected), honours ``Retry-After`` on 429/503 up to
``max_retry_after_s``, and classifies the answer:

* ``ok``: a 2xx at the end of the chain (and, when a title is expected, the page shows it);
* ``redirect-loop``: a Location seen before, or more hops than allowed;
* ``client-error`` (4xx), ``server-error`` (5xx): broken;
* ``title-mismatch``: an Oria record page whose title is not the citation's;
* ``inconclusive``: a timeout, a refused connection, a 429 or a wait longer than allowed.
  Not broken: the link was not judged.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import requests

from leganto_qa.integrations.pacing import HostPacer, retry_after_seconds

__all__ = ["BROKEN", "LinkChecker", "LinkResult", "Verdict", "page_title", "safe_url"]

Verdict = Literal[
    "ok", "redirect-loop", "client-error", "server-error", "title-mismatch", "inconclusive"
]
BROKEN: frozenset[str] = frozenset(
    {"redirect-loop", "client-error", "server-error", "title-mismatch"}
)
"""Verdicts that mean the link does not work (``ok`` and ``inconclusive`` do not)."""
SECRET_PARAMS = re.compile(r"api_?key|token|secret|password|passwd|sig(nature)?|auth_?code", re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_OG_TITLE = re.compile(r"<meta\s+property=[\"']og:title[\"']\s+content=[\"']([^\"']*)", re.I)
USER_AGENT = "leganto-qa link check (+https://github.com/)"


@dataclass(frozen=True)
class LinkResult:
    """What one link did: the answer's status, where it ended, the verdict and why."""

    url: str
    verdict: Verdict
    reason: str
    status: int | None = None
    final_url: str | None = None
    chain: tuple[str, ...] = ()
    """Every URL asked, the first one included (query secrets removed)."""
    requests: int = 0

    @property
    def broken(self) -> bool:
        return self.verdict in BROKEN


def safe_url(url: str) -> str:
    """``url`` fit for a record: query parameters that look like credentials are dropped."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    clean = [(k, v) for k, v in kept if not SECRET_PARAMS.search(k)]
    if len(clean) == len(kept):
        return url
    return urlunsplit(parts._replace(query=urlencode(clean)))


def page_title(body: str) -> str | None:
    """The page's record title: ``og:title``, else ``<title>``; None if it has neither."""
    found = _OG_TITLE.search(body) or _TITLE.search(body)
    if found is None:
        return None
    return html.unescape(" ".join(found.group(1).split())) or None


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def title_matches(expected: str, shown: str) -> bool:
    """The shown title carries the citation's title (a subtitle or site name may follow)."""
    want, got = _norm(expected), _norm(shown)
    return bool(want) and (want in got or (len(got) > 3 and got in want))


@dataclass
class LinkChecker:
    """Checks links over one requests session, paced per host."""

    pacer: HostPacer
    session: requests.Session = field(default_factory=requests.Session)
    timeout_s: float = 10.0
    max_redirects: int = 10
    max_retry_after_s: float = 30.0
    max_retries: int = 2
    """How often one URL is asked again after a ``Retry-After`` it may wait for."""
    generic_titles: set[str] = field(default_factory=set)
    """Page titles that name the site, not a record (a single-page app's shell, e.g. Primo VE
    before its script runs): a page showing one of them is not compared with the citation."""

    def learn_generic_title(self, url: str) -> str | None:
        """Ask ``url`` (a record that does not exist) and remember its title as generic."""
        answer = self._get(url)
        if isinstance(answer, str):
            return None
        shown = page_title(answer.text)
        if shown is not None:
            self.generic_titles.add(shown)
        return shown

    def check(self, url: str, expect_title: str | None = None) -> LinkResult:
        """Follow ``url`` to its end and classify it (see the module docstring)."""
        chain: list[str] = []
        current, asked = url, 0
        retries = 0
        while True:
            if current in chain:
                return self._result(url, "redirect-loop", f"back to {safe_url(current)}", chain)
            if len(chain) > self.max_redirects:
                reason = f"more than {self.max_redirects} redirects"
                return self._result(url, "redirect-loop", reason, chain)
            chain.append(current)
            answer, asked = self._get(current), asked + 1
            if isinstance(answer, str):
                return self._result(url, "inconclusive", answer, chain, requests=asked)
            wait = self._retry_wait(answer)
            if wait is not None:
                if wait > self.max_retry_after_s or retries >= self.max_retries:
                    reason = f"HTTP {answer.status_code}: asked to wait {wait:.0f} s"
                    if wait > self.max_retry_after_s:
                        reason += f", more than max_retry_after_s = {self.max_retry_after_s:g}"
                    return self._result(url, "inconclusive", reason, chain, answer, asked)
                self.pacer.hold(urlsplit(current).netloc, wait)
                chain.pop()
                retries += 1
                continue
            location = answer.headers.get("Location")
            if answer.is_redirect and location:
                current = urljoin(current, location)
                continue
            return self._judge(url, answer, chain, asked, expect_title)

    def _get(self, url: str) -> requests.Response | str:
        self.pacer.wait(urlsplit(url).netloc)
        try:
            return self.session.get(
                url,
                allow_redirects=False,
                timeout=self.timeout_s,
                headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"},
            )
        except requests.Timeout:
            return f"no answer within timeout_s = {self.timeout_s:g} s"
        except requests.RequestException as exc:
            return f"no connection ({type(exc).__name__})"

    def _retry_wait(self, answer: requests.Response) -> float | None:
        """Seconds to wait before asking again, or None when the answer is final.

        429 always means "later" (without Retry-After: wait longer than allowed, inconclusive);
        503 only when it says how long.
        """
        seconds = retry_after_seconds(answer.headers.get("Retry-After"))
        if answer.status_code == 429:
            return seconds if seconds is not None else float("inf")
        if answer.status_code == 503 and seconds is not None:
            return seconds
        return None

    def _judge(
        self,
        url: str,
        answer: requests.Response,
        chain: list[str],
        asked: int,
        expect_title: str | None,
    ) -> LinkResult:
        code = answer.status_code
        if 400 <= code < 500:
            return self._result(url, "client-error", f"HTTP {code}", chain, answer, asked)
        if code >= 500:
            return self._result(url, "server-error", f"HTTP {code}", chain, answer, asked)
        if code >= 300:
            return self._result(
                url, "client-error", f"HTTP {code} without Location", chain, answer, asked
            )
        if expect_title is None:
            return self._result(url, "ok", f"HTTP {code}", chain, answer, asked)
        shown = page_title(answer.text)
        if shown is None or shown in self.generic_titles:
            reason = f"HTTP {code}; the page names no record title (not compared)"
            return self._result(url, "ok", reason, chain, answer, asked)
        if title_matches(expect_title, shown):
            return self._result(url, "ok", f"HTTP {code}, title matches", chain, answer, asked)
        reason = f"the record is titled {shown!r}, the citation {expect_title!r}"
        return self._result(url, "title-mismatch", reason, chain, answer, asked)

    def _result(
        self,
        url: str,
        verdict: Verdict,
        reason: str,
        chain: list[str],
        answer: requests.Response | None = None,
        requests: int = 0,
    ) -> LinkResult:
        return LinkResult(
            url=safe_url(url),
            verdict=verdict,
            reason=reason,
            status=answer.status_code if answer is not None else None,
            final_url=safe_url(chain[-1]) if chain else None,
            chain=tuple(safe_url(u) for u in chain),
            requests=requests or len(chain),
        )
