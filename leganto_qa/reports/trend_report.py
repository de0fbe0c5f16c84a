"""``trend.html`` (and ``trend.nb.html``) and ``trend.csv`` of one sandbox, in
``reports/trends/<sandbox>/``: each chart a static SVG with its text alternative and a data
table beside it (figures: :mod:`leganto_qa.reports.trend_data`, drawing:
:mod:`leganto_qa.reports.trend_charts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from leganto_qa.compare.known_issues import KnownIssues
from leganto_qa.model.storage import slug, write_text_atomic
from leganto_qa.reports.findings_report import LANGUAGES, environment
from leganto_qa.reports.run_index import history_labels, localized_name
from leganto_qa.reports.trend_charts import ChartText, Series, bar_chart, line_chart
from leganto_qa.reports.trend_data import IMPACTS, Trend, build_trend, series, to_csv
from leganto_qa.reports.wcag import catalogue

TOP_CRITERIA = 8
"""Criteria drawn in the per-criterion chart (those with most deviations); the table has all."""


@dataclass(frozen=True)
class Section:
    """One chart and its data table."""

    id: str
    heading: str
    svg: Markup | None
    columns: tuple[str, ...]
    """Header cells of the table, the corner first."""
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    """(row header, cells) per row."""
    note: str = ""


def trend_dir(reports_dir: Path, sandbox: str) -> Path:
    return reports_dir / "trends" / slug(sandbox)


def _fmt(value: float | None, t: dict[str, str]) -> str:
    if value is None:
        return t["not_available"]
    return f"{value:g}"


def _summary(named: Sequence[Series], t: dict[str, str]) -> str:
    """``serious from 14 to 6; minor from 2 to 2``: each series' first and last value."""
    parts = []
    for s in named:
        known = [v for v in s.values if v is not None]
        if known:
            parts.append(t["series_change"] % (s.name, _fmt(known[0], t), _fmt(known[-1], t)))
    return "; ".join(parts)


def _text(
    trend: Trend, t: dict[str, str], key: str, named: Sequence[Series], *extra: int
) -> ChartText:
    points = trend.points
    desc = t[f"{key}_desc"] % (
        len(points),
        points[0].label,
        points[-1].label,
        *extra,
        _summary(named, t),
    )
    return ChartText(f"chart-{key}", t[key], desc, t["runs_axis"], t["count_axis"])


def _by_run(
    trend: Trend, named: Sequence[Series], t: dict[str, str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(
        (p.label, tuple(_fmt(s.values[i], t) for s in named)) for i, p in enumerate(trend.points)
    )


def impact_section(trend: Trend, t: dict[str, str]) -> Section:
    named = [Series(t[i], series(trend.points, f"impact:{i}")) for i in IMPACTS]
    labels = [p.label for p in trend.points]
    rows = tuple(
        (label, (*cells, str(p.deviations)))
        for (label, cells), p in zip(_by_run(trend, named, t), trend.points, strict=True)
    )
    svg = line_chart(labels, named, _text(trend, t, "by_impact", named))
    return Section(
        "by-impact", t["by_impact"], svg, (t["run"], *(s.name for s in named), t["total"]), rows
    )


def criterion_section(trend: Trend, t: dict[str, str], lang: str) -> Section:
    cat = catalogue()
    found = {c: cat.criterion(c) for c in trend.criteria}
    names = {c: (criterion.title(lang) if criterion else c) for c, criterion in found.items()}
    all_series = [Series(names[c], series(trend.points, f"criterion:{c}")) for c in trend.criteria]
    top = sorted(all_series, key=lambda s: -sum(v or 0 for v in s.values))[:TOP_CRITERIA]
    labels = [p.label for p in trend.points]
    svg = line_chart(labels, top, _text(trend, t, "by_criterion", top, len(top))) if top else None
    rows = tuple((s.name, tuple(_fmt(v, t) for v in s.values)) for s in all_series)
    return Section("by-criterion", t["by_criterion"], svg, (t["criterion"], *labels), rows)


def changes_section(trend: Trend, t: dict[str, str]) -> Section:
    keys = (
        ("regressions", "regressions"),
        ("new_problems", "new_problems"),
        ("resolved", "resolved"),
    )
    named = [Series(t[label], series(trend.points, f"changes:{key}")) for key, label in keys]
    labels = [p.label for p in trend.points]
    rows = tuple(
        (label, cells if p.changes else (t["first_run"], "", ""))
        for (label, cells), p in zip(_by_run(trend, named, t), trend.points, strict=True)
    )
    svg = bar_chart(labels, named, _text(trend, t, "changes", named))
    return Section("changes", t["changes"], svg, (t["run"], *(s.name for s in named)), rows)


def known_section(trend: Trend, t: dict[str, str]) -> Section:
    named = [
        Series(t["known_open"], series(trend.points, "known:open")),
        Series(t["known_closed"], series(trend.points, "known:closed")),
    ]
    labels = [p.label for p in trend.points]
    rows = tuple(
        (
            label,
            (
                f"{cells[0]}: {', '.join(p.known_open)}" if p.known_open else cells[0],
                f"{cells[1]}: {', '.join(p.known_closed)}" if p.known_closed else cells[1],
            ),
        )
        for (label, cells), p in zip(_by_run(trend, named, t), trend.points, strict=True)
    )
    if not trend.registry:
        return Section("known", t["known"], None, (), (), t["known_none"])
    svg = bar_chart(labels, named, _text(trend, t, "known", named), stacked=True)
    return Section("known", t["known"], svg, (t["run"], *(s.name for s in named)), rows)


def coverage_section(trend: Trend, t: dict[str, str]) -> Section:
    if not trend.locales:
        return Section("coverage", t["coverage"], None, (), (), t["coverage_none"])
    named = [Series(loc, series(trend.points, f"coverage:{loc}")) for loc in trend.locales]
    labels = [p.label for p in trend.points]
    text = _text(trend, t, "coverage", named)
    text = ChartText(text.chart_id, text.title, text.desc, text.x_label, t["percent_axis"])
    svg = line_chart(labels, named, text, percent=True)
    return Section(
        "coverage",
        t["coverage"],
        svg,
        (t["run"], *(s.name for s in named)),
        _by_run(trend, named, t),
    )


def render_trend(trend: Trend, lang: str = "en") -> str:
    """HTML of the trend page in ``lang``."""
    t = history_labels(lang)
    other = "nb" if lang == "en" else "en"
    sections = [
        impact_section(trend, t),
        criterion_section(trend, t, lang),
        changes_section(trend, t),
        known_section(trend, t),
        coverage_section(trend, t),
    ]
    return (
        environment()
        .get_template("trend.html.j2")
        .render(
            trend=trend,
            sections=sections,
            t=t,
            lang=lang,
            other=other,
            other_href=localized_name("trend", "html", other),
        )
    )


def write_trend(reports_dir: Path, sandbox: str, known: KnownIssues) -> list[Path]:
    """Write trend.html, trend.nb.html and trend.csv of ``sandbox``; their paths."""
    trend = build_trend(reports_dir, sandbox, known)
    folder = trend_dir(reports_dir, sandbox)
    paths = []
    for lang in LANGUAGES:
        path = folder / localized_name("trend", "html", lang)
        write_text_atomic(path, render_trend(trend, lang))
        paths.append(path)
    csv_path = folder / "trend.csv"
    write_text_atomic(csv_path, to_csv(trend))
    return [*paths, csv_path]
