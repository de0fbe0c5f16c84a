"""A remote browser: the WebSocket endpoint of a Playwright browser server.

``[harness] browser_endpoint = "ws://host:port/..."`` in sandboxes.toml, the environment variable
``LEGANTO_QA_BROWSER_ENDPOINT`` (which wins over the file; the place for an endpoint whose query
carries a token) or ``--browser-endpoint`` on ``run`` and ``scan`` (which wins over both; the CLI
hands it to pytest through that variable, never on a command line). The harness then connects to
the server (``playwright run-server``, a container of it, or a service speaking its protocol)
instead of launching Chromium.

An endpoint may carry a token in its path or query: messages and records show only
:func:`endpoint_label` (``scheme://host:port``), never the URL.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping
from urllib.parse import parse_qsl, urlsplit

from leganto_qa.config.limits import unsafe_char
from leganto_qa.config.tables import Table
from leganto_qa.model.errors import ConfigError

ENDPOINT_ENV = "LEGANTO_QA_BROWSER_ENDPOINT"
SCHEMES = ("ws", "wss")
SERVER_HINT = "python -m playwright run-server --port 3000 --host 127.0.0.1"
"""How to start a Playwright browser server, for messages."""


def endpoint_problem(url: str) -> str | None:
    """Why ``url`` is not a usable endpoint (a phrase after its name), or None. Never echoes it."""
    if unsafe_char(url, allow_layout=False) is not None or any(c.isspace() for c in url):
        return "holds a space, line break or control character"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "is not a valid URL (check the host and port)"
    if parts.scheme not in SCHEMES:
        return 'is not a ws:// or wss:// URL (e.g. "ws://127.0.0.1:3000/")'
    if not parts.hostname:
        return "has no host"
    if parts.username is not None or parts.password is not None:
        return "must not carry a user name or password before the host"
    if port == 0 or parts.netloc.endswith(":"):
        return "has a port outside 1-65535"
    return None


def endpoint_label(url: str) -> str:
    """``scheme://host:port`` of ``url``: all of it that may be shown or recorded."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "wss" else 80)
    host = f"[{parts.hostname}]" if parts.hostname and ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}:{port}"


def endpoint_secrets(url: str) -> tuple[str, ...]:
    """What of ``url`` the run's redactor must keep out of every artifact: the URL, its path
    and the values of its query (a token may sit in any of them)."""
    parts = urlsplit(url)
    values = [v for _, v in parse_qsl(parts.query) if len(v) >= 8]
    path = parts.path.strip("/")
    return (url, *values, *([path] if len(path) >= 8 else []))


def host_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "", parts.port or (443 if parts.scheme == "wss" else 80)


def checked_endpoint(url: str, where: str) -> str:
    """``url`` if usable, else a ConfigError naming ``where`` it came from (never the URL)."""
    problem = endpoint_problem(url)
    if problem is not None:
        raise ConfigError(
            f"{where} {problem}; give the WebSocket endpoint of a Playwright browser server, "
            f"started e.g. with '{SERVER_HINT}'"
        )
    return url


def effective_endpoint(
    configured: str | None, given: str | None = None, environ: Mapping[str, str] = os.environ
) -> str | None:
    """The endpoint to use: ``given`` (``--browser-endpoint``), ${ENDPOINT_ENV}, the config's."""
    if given:
        return checked_endpoint(given, "--browser-endpoint")
    from_env = environ.get(ENDPOINT_ENV, "").strip()
    if from_env:
        return checked_endpoint(from_env, f"${ENDPOINT_ENV}")
    return configured


def parse_browser_endpoint(harness: Table | None) -> str | None:
    """``[harness] browser_endpoint``, checked (ws or wss, a host, a real port); None if unset."""
    if harness is None:
        return None
    value = harness.string("browser_endpoint")
    if value is None:
        return None
    return checked_endpoint(value, f"{harness.label}: [harness] browser_endpoint")


def hand_to_pytest(endpoint: str | None, environ: MutableMapping[str, str] = os.environ) -> None:
    """The endpoint ``leganto-qa`` chose, for the pytest it starts: in its environment (which
    pytest inherits), never on a command line that ``ps`` shows and records keep."""
    if endpoint:
        environ[ENDPOINT_ENV] = endpoint
