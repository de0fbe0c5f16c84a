"""``[sandbox.<id>.api]``: the Alma Courses API and Sikt's open proxy (suites/api)."""

from __future__ import annotations

from leganto_qa.config.models import ApiConfig, Kind
from leganto_qa.config.tables import Table
from leganto_qa.config.values import ID_RE

API_KEYS = (
    "base_url",
    "apikey_env",
    "course",
    "open_proxy",
    "open_proxy_institution",
    "excerpt_limit_percent",
)
_EXAMPLES = {
    "base_url": '"https://api-eu.hosted.exlibrisgroup.com/almaws/v1"',
    "apikey_env": '"LEGANTO_QA_UIO_APIKEY"',
    "course": '"SOS1001"',
    "open_proxy": '"https://gw-unit.intark.uh-it.no/leganto-open-api"',
    "open_proxy_institution": '"uio"',
    "excerpt_limit_percent": "15",
}


def parse_api(table: Table, kind: Kind) -> ApiConfig:
    """Where the API is (remote only), which env var holds its key, the course to fetch."""
    table = Table(table.label, table.where, table.data, examples=_EXAMPLES)
    table.check_keys(API_KEYS)
    base_url = _base_url(table, kind)
    apikey_env = table.env_name("apikey_env")
    if apikey_env is None:
        generated = (
            " (for the stand-in the harness generates the key)" if kind == "stand-in" else ""
        )
        raise table.error(
            f"missing required key 'apikey_env'; add apikey_env = {_EXAMPLES['apikey_env']} "
            f"and export that variable{generated}"
        )
    open_proxy = table.url("open_proxy", "base")
    institution = table.string("open_proxy_institution")
    if institution is not None and open_proxy is None:
        raise table.error(
            "open_proxy_institution is only used with open_proxy; add open_proxy = "
            f"{_EXAMPLES['open_proxy']} or remove open_proxy_institution"
        )
    if open_proxy is not None and institution is None:
        raise table.error(
            "missing required key 'open_proxy_institution' for open_proxy; add "
            f"open_proxy_institution = {_EXAMPLES['open_proxy_institution']}"
        )
    if institution is not None and not ID_RE.fullmatch(institution):
        raise table.error(
            "open_proxy_institution is not an institution name of the open proxy; use "
            f"lowercase letters like open_proxy_institution = {_EXAMPLES['open_proxy_institution']}"
        )
    return ApiConfig(
        base_url=base_url,
        apikey_env=apikey_env,
        course=table.string("course", max_chars=100),
        open_proxy=open_proxy,
        open_proxy_institution=institution,
        excerpt_limit_percent=_limit(table),
    )


def _limit(table: Table) -> float | None:
    """``excerpt_limit_percent``: the licence's largest excerpt, in percent of the work's pages."""
    if "excerpt_limit_percent" not in table.data:
        return None
    limit = table.positive_number("excerpt_limit_percent", 15)
    if limit > 100:
        raise table.error(
            f"{table.name('excerpt_limit_percent')} is a share of the work's pages in percent, "
            "at most 100; write e.g. excerpt_limit_percent = 15"
        )
    return limit


def _base_url(table: Table, kind: Kind) -> str | None:
    if kind == "stand-in":
        if "base_url" in table.data:
            raise table.error(
                "base_url is not used with kind = 'stand-in' (the harness uses the stand-in's own "
                "API and generates its key); remove base_url, or set kind = 'remote'"
            )
        return None
    if "base_url" not in table.data:
        raise table.error(
            "missing required key 'base_url' for kind = 'remote'; "
            f"add base_url = {_EXAMPLES['base_url']} (the Alma API of your region)"
        )
    base_url = table.url("base_url", "base")
    assert base_url is not None  # the key is there
    if not base_url.endswith("/almaws/v1"):
        raise table.error(
            "base_url is not an Alma API base; end it with /almaws/v1 "
            f"like base_url = {_EXAMPLES['base_url']}"
        )
    return base_url
