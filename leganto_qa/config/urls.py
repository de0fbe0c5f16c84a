"""What makes a URL in a config file acceptable: http(s), a host, a real port, no hidden text.

``urllib`` quietly drops tabs and line breaks and accepts port 99999; these checks do not.
Each problem is a cause for a message that never repeats the URL (it may carry a secret).
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import SplitResult, urlsplit

from leganto_qa.config.limits import unsafe_char

UrlForm = Literal["server", "base", "page"]
"""server: scheme and host only; base: no query or fragment; page: any http(s) URL."""

_HOST_RE = re.compile(r"[\w.-]+|[0-9a-f:.]+", re.UNICODE)


def url_problem(url: str, form: UrlForm = "page") -> str | None:
    """Why ``url`` is not acceptable (a phrase after the key's name), or None."""
    if unsafe_char(url, allow_layout=False) is not None or any(c.isspace() for c in url):
        return "holds a space, line break or control character"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "is not a valid URL (check the host's brackets and characters)"
    if parts.scheme not in ("http", "https"):
        return "is not an http(s) URL"
    if parts.username is not None or parts.password is not None:
        return "must not carry a user name or password (secrets go in *_env variables)"
    if not parts.hostname or not _HOST_RE.fullmatch(parts.hostname):
        return "has no valid host name"
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 or parts.netloc.endswith(":"):
        return "has a port outside 1-65535"
    return _form_problem(parts, form)


def _form_problem(parts: SplitResult, form: UrlForm) -> str | None:
    if form == "server" and (parts.path not in ("", "/") or parts.query or parts.fragment):
        return "must be the server only, without a path or query; keep scheme://host[:port]"
    if form == "base" and (parts.query or parts.fragment):
        # A query may hold an apikey=...: never echo it.
        return "must not carry a query or fragment (an API key goes in apikey_env)"
    return None


def normalised(url: str, form: UrlForm) -> str:
    """``url`` (already checked) in the form the harness uses."""
    parts = urlsplit(url)
    if form == "server":
        return f"{parts.scheme}://{parts.netloc}"
    if form == "base":
        return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
    return url
