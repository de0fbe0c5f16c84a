"""The figures of ``leganto-qa trend <sandbox>``: one point per complete run, ordered by release
and date, and their CSV twin.

Per run: WCAG deviations per criterion and per impact (as the deviation report counts them),
regressions and new/resolved WCAG problems against the **previous complete run** (the baseline
of the time is not kept per run; each run's own regression report holds that comparison),
registered vendor cases open (a finding matches) and closed (reported by then, nothing
matches), and translation coverage per language (translated ÷ translatable English strings).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from leganto_qa.compare.baseline import baseline_from_record
from leganto_qa.compare.comparison import compare
from leganto_qa.compare.known_issues import KnownIssue, KnownIssues
from leganto_qa.i18n.release_view import statuses
from leganto_qa.model.errors import HarnessError
from leganto_qa.model.records import RunRecord, load_record
from leganto_qa.model.storage import slug
from leganto_qa.reports.wcag import Catalogue, catalogue, criterion_order

IMPACTS = ("critical", "serious", "moderate", "minor")


@dataclass(frozen=True)
class Changes:
    """A run against the previous complete run."""

    regressions: int
    new_problems: int
    resolved: int


@dataclass(frozen=True)
class TrendPoint:
    """What one complete run shows."""

    run_id: str
    release: str
    date: str
    by_criterion: dict[str, int]
    by_impact: dict[str, int]
    changes: Changes | None
    """None for the first run: nothing to compare with."""
    known_open: tuple[str, ...]
    known_closed: tuple[str, ...]
    coverage: dict[str, float | None]
    """Percent translated per language (not English); empty without a text inventory."""

    @property
    def label(self) -> str:
        """``2024-05 (2024-05-15)``: how charts and tables name the run."""
        return f"{self.release} ({self.date})" if self.date else self.release

    @property
    def deviations(self) -> int:
        return sum(self.by_impact.values())


@dataclass(frozen=True)
class Trend:
    """A sandbox's runs as trend points, and what was left out."""

    sandbox: str
    points: tuple[TrendPoint, ...]
    skipped: tuple[str, ...] = ()
    """Run ids left out, with why: ``<run-id> (interrupted)``."""
    registry: tuple[KnownIssue, ...] = ()
    last_seen: dict[str, str] = field(default_factory=dict)
    """Known issue id → label of the last run whose findings matched it."""

    @property
    def criteria(self) -> tuple[str, ...]:
        found = {c for p in self.points for c in p.by_criterion}
        return tuple(sorted(found, key=criterion_order))

    @property
    def locales(self) -> tuple[str, ...]:
        return tuple(sorted({loc for p in self.points for loc in p.coverage}))


def order_key(record: RunRecord) -> tuple[str, str, str]:
    """Runs are ordered by release, then start time, then run id."""
    return (str(record.sandbox.get("release", "")), record.started_at, record.run_id)


def load_runs(reports_dir: Path, sandbox: str) -> tuple[list[RunRecord], list[str]]:
    """The sandbox's complete runs in trend order, and the run ids left out (with why)."""
    folder = reports_dir / "runs" / slug(sandbox)
    records, skipped = [], []
    for run in sorted(p for p in folder.glob("*") if p.is_dir() and not p.name.startswith(".")):
        try:
            record = load_record(run)
        except HarnessError:
            skipped.append(f"{run.name} (unreadable)")
            continue
        if record.status != "complete":
            skipped.append(f"{run.name} ({record.status})")
            continue
        records.append(record)
    if not records:
        raise HarnessError(
            f"no complete runs of sandbox {sandbox!r} under {folder}; run "
            f"'leganto-qa run --sandbox {sandbox}' first"
        )
    return sorted(records, key=order_key), skipped


def deviation_counts(record: RunRecord, cat: Catalogue) -> tuple[dict[str, int], dict[str, int]]:
    """WCAG deviations per criterion and per impact (a finding counts once per criterion)."""
    per_criterion: Counter[str] = Counter()
    per_impact: Counter[str] = Counter({impact: 0 for impact in IMPACTS})
    for finding in record.findings:
        criteria = cat.criteria_of(finding)
        if not criteria:
            continue
        per_criterion.update(criteria)
        per_impact[finding.impact if finding.impact in IMPACTS else "minor"] += 1
    return dict(per_criterion), {impact: per_impact[impact] for impact in IMPACTS}


def coverage_by_language(record: RunRecord) -> dict[str, float | None]:
    """Percent of translatable English strings translated, per non-English locale."""
    counts: dict[str, list[int]] = {}
    for status in statuses(record):
        entry = counts.setdefault(status.locale, [0, 0])
        entry[0] += status.status == "translated"
        entry[1] += 1
    return {
        locale: round(100.0 * done / total, 1) if total else None
        for locale, (done, total) in sorted(counts.items())
    }


def known_cases(record: RunRecord, known: KnownIssues) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(open, closed) registered issue ids as this run saw them."""
    seen = {i.id for i in known.label(record.findings).by_fingerprint.values()}
    date = record.started_at[:10]
    opened = tuple(i.id for i in known if i.id in seen)
    closed = tuple(i.id for i in known if i.id not in seen and i.reported.isoformat() <= date)
    return opened, closed


def _changes(record: RunRecord, previous: RunRecord | None, known: KnownIssues) -> Changes | None:
    if previous is None:
        return None
    comparison = compare(record, baseline_from_record(previous), known)
    return Changes(
        len(comparison.regressions) + len(comparison.new_failures),
        len(comparison.new_problems),
        len(comparison.resolved_problems),
    )


def trend_points(records: Sequence[RunRecord], known: KnownIssues) -> tuple[TrendPoint, ...]:
    """One point per record (already in trend order)."""
    cat = catalogue()
    points = []
    for index, record in enumerate(records):
        by_criterion, by_impact = deviation_counts(record, cat)
        opened, closed = known_cases(record, known)
        points.append(
            TrendPoint(
                run_id=record.run_id,
                release=str(record.sandbox.get("release", "")),
                date=record.started_at[:10],
                by_criterion=by_criterion,
                by_impact=by_impact,
                changes=_changes(record, records[index - 1] if index else None, known),
                known_open=opened,
                known_closed=closed,
                coverage=coverage_by_language(record) if record.text_inventory else {},
            )
        )
    return tuple(points)


def build_trend(reports_dir: Path, sandbox: str, known: KnownIssues) -> Trend:
    """The trend of ``sandbox`` over its complete runs."""
    records, skipped = load_runs(reports_dir, sandbox)
    points = trend_points(records, known)
    last_seen = {i: p.label for p in points for i in p.known_open}
    return Trend(sandbox, points, tuple(skipped), tuple(known), last_seen)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting so is a formula to a spreadsheet: it gets a leading apostrophe."""


def _cell(value: float | int | None) -> str:
    return "" if value is None else str(value)


def _text(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_START) else value


def to_csv(trend: Trend) -> str:
    """One row per run: counts, changes, known cases, coverage per language, deviations per
    criterion (``wcag_<id>``); empty cells where a figure does not apply."""
    head = ["sandbox", "release", "date", "run_id", "deviations"]
    head += [f"impact_{i}" for i in IMPACTS]
    head += ["regressions", "new_wcag_problems", "resolved_problems", "known_open", "known_closed"]
    head += [f"coverage_{loc}" for loc in trend.locales]
    head += [f"wcag_{c}" for c in trend.criteria]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head)
    for p in trend.points:
        c = p.changes
        writer.writerow(
            [_text(trend.sandbox), _text(p.release), _text(p.date), _text(p.run_id)]
            + [p.deviations]
            + [p.by_impact.get(i, 0) for i in IMPACTS]
            + [_cell(c.regressions if c else None), _cell(c.new_problems if c else None)]
            + [_cell(c.resolved if c else None), len(p.known_open), len(p.known_closed)]
            + [_cell(p.coverage.get(loc)) for loc in trend.locales]
            + [p.by_criterion.get(cr, 0) for cr in trend.criteria]
        )
    return out.getvalue()


def series(points: Iterable[TrendPoint], name: str) -> list[float | None]:
    """Values of one named series over the points (for charts and text alternatives)."""
    kind, _, key = name.partition(":")
    values: list[float | None] = []
    for p in points:
        if kind == "impact":
            values.append(p.by_impact.get(key, 0))
        elif kind == "criterion":
            values.append(p.by_criterion.get(key, 0))
        elif kind == "coverage":
            values.append(p.coverage.get(key))
        elif kind == "known":
            values.append(len(p.known_open if key == "open" else p.known_closed))
        else:
            values.append(getattr(p.changes, key) if p.changes else None)
    return values
