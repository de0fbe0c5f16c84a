"""``[notify]``: the incoming webhook (Teams, Mattermost, Slack) a run posts to when a sandbox's
verdict changes, and where the reports it links to are published.

The webhook's URL is a secret (whoever holds it can post to the channel): the file names the
environment variable that holds it, never the URL. Messages never repeat a rejected value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from leganto_qa.config.tables import SECRET_KEYS, Table

NOTIFY_KEYS = ("webhook_env", "report_url", "report_url_env")
_SECRETS: Mapping[str, tuple[str, str]] = {
    **SECRET_KEYS,
    "webhook": ("a literal webhook URL", "webhook_env"),
    "webhook_url": ("a literal webhook URL", "webhook_env"),
    "url": ("a literal webhook URL", "webhook_env"),
}
_EXAMPLES = {
    "webhook_env": '"LEGANTO_QA_WEBHOOK_URL"',
    "report_url": '"https://qa.example.edu/leganto-qa"',
    "report_url_env": '"CI_PAGES_URL"',
}


@dataclass(frozen=True)
class NotifyConfig:
    """Where to post when a sandbox's verdict changes (``[notify]`` in sandboxes.toml)."""

    webhook_env: str
    """The environment variable holding the webhook's URL; unset: no notification."""
    report_url: str | None = None
    """Where the reports folder is published (a web server, GitLab Pages); the message links
    to the run's document there. None: the message names the document's path."""
    report_url_env: str | None = None
    """An environment variable holding that address (e.g. ``CI_PAGES_URL``); when it is set,
    it wins over ``report_url``."""

    def report_base(self, environ: Mapping[str, str]) -> str | None:
        """The published reports folder's address, without a trailing slash (None: unknown)."""
        from_env = environ.get(self.report_url_env, "").strip() if self.report_url_env else ""
        base = from_env or self.report_url
        return base.rstrip("/") if base else None


def parse_notify(table: Table) -> NotifyConfig:
    """``[notify]``: ``webhook_env`` required, ``report_url`` and ``report_url_env`` optional."""
    table = Table(table.label, table.where, table.data, examples=_EXAMPLES)
    table.check_keys(NOTIFY_KEYS, _SECRETS)
    webhook_env = table.env_name("webhook_env")
    if webhook_env is None:
        raise table.error(
            f"missing required key 'webhook_env'; add webhook_env = {_EXAMPLES['webhook_env']} "
            "and export that variable with the incoming webhook's URL"
        )
    return NotifyConfig(
        webhook_env=webhook_env,
        report_url=table.url("report_url", "base"),
        report_url_env=table.env_name("report_url_env"),
    )
