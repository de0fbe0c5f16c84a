"""``--leganto-shard K/N``: this pytest runs only the tests of shard K of N.

Tests are split in *units* that must stay on one machine, and the units are spread over the
shards (``model.shard.assign_units``: balanced by test count, deterministic):

* a logged-in role of the sandbox (``role`` or ``xdist_group`` marker, or a fixture named like
  the role, such as ``student``): every test of that role, in every locale and suite, so the
  role logs in on one shard only and no two machines switch one user's language at once;
* a page state (or workflow) of the anonymous visitor, or a page of an anonymous scan: alone,
  since nothing is shared between them; a scan with a login is one unit;
* anything else (the API suite's tests): its module, whose fixtures are module-scoped.

Every shard collects the same tests and drops those of other shards (pytest's "deselected"), so
each test runs in exactly one shard. Each shard writes its own run record, which says which
shard it was (``sandbox.shard``); ``leganto-qa merge`` joins them.
"""

from __future__ import annotations

from collections import Counter

import pytest

from leganto_qa.browser.role_sessions import ANONYMOUS
from leganto_qa.config.sandboxes import SandboxConfig
from leganto_qa.model.errors import HarnessError
from leganto_qa.model.records import test_id
from leganto_qa.model.shard import Shard, assign_units, parse_shard

SHARD_KEY = pytest.StashKey[Shard]()


def configure_shard(config: pytest.Config, wanted: str | None) -> None:
    """Remember the shard this pytest runs (a bad ``K/N`` is a usage error, one line)."""
    if not wanted:
        return
    try:
        config.stash[SHARD_KEY] = parse_shard(wanted)
    except HarnessError as exc:
        raise pytest.UsageError(str(exc)) from None


def shard_of(config: pytest.Config) -> Shard | None:
    """The shard this pytest runs, None when it runs everything."""
    return config.stash.get(SHARD_KEY, None)


def unit_of(item: pytest.Item, sandbox: SandboxConfig) -> str:
    """The unit ``item`` belongs to: tests of one unit always run on the same shard."""
    role = _role(item, sandbox)
    if role == ANONYMOUS:
        return f"{sandbox.id}/{ANONYMOUS}/{test_id(item.nodeid)}"
    if role is not None:
        return f"{sandbox.id}/role/{role}"
    if "leganto_page_target" in getattr(item, "fixturenames", ()):
        if sandbox.pages is not None and sandbox.pages.login is not None:
            return f"{sandbox.id}/pages-login"
        return f"{sandbox.id}/page/{test_id(item.nodeid)}"
    return f"{sandbox.id}/module/{item.nodeid.split('::')[0]}"


def _role(item: pytest.Item, sandbox: SandboxConfig) -> str | None:
    for name in ("role", "xdist_group"):
        marker = item.get_closest_marker(name)
        if marker is not None:
            value = marker.args[0] if marker.args else marker.kwargs.get("name")
            if value:
                return str(value)
    fixtures = set(getattr(item, "fixturenames", ()))
    for role in sandbox.role_names:
        if role in fixtures:
            return role
    return ANONYMOUS if "anonymous_role" in fixtures else None


def select_shard(config: pytest.Config, items: list[pytest.Item], sandbox: SandboxConfig) -> None:
    """Keep in ``items`` only the tests of this pytest's shard; report the others deselected."""
    shard = shard_of(config)
    if shard is None:
        return
    units = {item.nodeid: unit_of(item, sandbox) for item in items}
    placed = assign_units(Counter(units.values()), shard.count, salt=sandbox.id)
    kept = [item for item in items if placed[units[item.nodeid]] == shard.index]
    dropped = [item for item in items if placed[units[item.nodeid]] != shard.index]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = kept


def empty_shard_is_ok(session: pytest.Session) -> None:
    """A shard that got no tests (more shards than units) did its part: exit 0, not 5."""
    if (
        shard_of(session.config) is not None
        and session.exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED
    ):
        session.exitstatus = pytest.ExitCode.OK
