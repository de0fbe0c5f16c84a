"""``leganto-qa scan``: axe and the browser checks on arbitrary pages, as a normal run.

URLs given on the command line become a one-off sandbox ``scan`` of kind ``pages`` (written to
a temporary config next to nothing of the user's; reports go to the configured reports folder).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from leganto_qa.cli.run_command import RunRequest, run_suites
from leganto_qa.config.pages import ad_hoc_config
from leganto_qa.config.sandboxes import default_config_path, load_config
from leganto_qa.model.errors import HarnessError

if TYPE_CHECKING:  # the verdict (and its reports) are imported while pytest runs
    from leganto_qa.cli.verdict import Echo


def scan_pages(
    urls: list[str],
    sandbox: str | None,
    locale: str,
    checks: str | None,
    config_path: Path | None,
    echo: Echo,
    report_only: bool = False,
    *,
    browser_endpoint: str | None = None,
) -> int:
    """Scan ``urls`` (or the pages of ``sandbox``); returns the process's exit code."""
    config = config_path or default_config_path()
    if sandbox and urls:
        raise HarnessError("give URLs or --sandbox, not both; the sandbox lists its own pages")
    if sandbox:
        request = RunRequest(
            config,
            sandbox,
            ("scan",),
            checks=checks,
            report_only=report_only,
            browser_endpoint=browser_endpoint,
        )
        return run_suites(request, echo)
    if not urls:
        raise HarnessError(
            "nothing to scan; give one or more URLs (leganto-qa scan https://...) or "
            "--sandbox <id> of kind 'pages'"
        )
    reports_dir, browser = Path("reports").resolve(), None
    settings: dict[str, int] = {}
    if config.exists():
        harness = load_config(config)
        reports_dir, browser = harness.reports_dir, harness.browser
        browser_endpoint = browser_endpoint or harness.browser_endpoint  # not in the ad hoc file
        settings = {"ready_quiet_ms": harness.ready_quiet_ms, "stay_ms": harness.stay_ms}
    with tempfile.TemporaryDirectory(prefix="leganto-qa-scan-") as folder:
        ad_hoc = Path(folder) / "sandboxes.toml"
        shown = str(browser) if browser else None
        text = ad_hoc_config(urls, str(reports_dir), shown, locale, settings)
        ad_hoc.write_text(text)
        request = RunRequest(
            ad_hoc,
            "scan",
            ("scan",),
            checks=checks,
            report_only=report_only,
            browser_endpoint=browser_endpoint,
        )
        return run_suites(request, echo)
