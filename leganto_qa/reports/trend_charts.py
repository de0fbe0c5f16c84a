"""Static SVG charts for the trend page, drawn by matplotlib (imported lazily: only
``leganto-qa trend`` pays for it).

Each chart is an inline ``<svg role="img">`` named by its ``<title>`` and described by its
``<desc>`` (the text alternative); its ids are prefixed with the chart's id so several charts
share a page. No JavaScript: the page reads the same in any browser and on paper. Series differ
by marker, line style or hatch as well as by colour (Okabe-Ito, safe for colour blindness).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#7F6000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINES = ("-", "--", "-.", ":")
HATCHES = ("", "//", "..", "xx")
SIZE_IN = (8.0, 4.2)

_ID = re.compile(r'\sid="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^")]+)')
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)
_BETWEEN_TAGS = re.compile(r">\s+<")
RC: dict[Any, Any] = {
    "svg.fonttype": "none",  # text stays text: smaller, selectable, scales with the page
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "hatch.linewidth": 0.6,
    "text.parse_math": False,  # a "$" in a release name is a dollar sign, not mathtext
}


@dataclass(frozen=True)
class Series:
    """One named series of values, one per run (None: no value for that run)."""

    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class ChartText:
    """What a chart says in words: its id, title, description (text alternative), axis names."""

    chart_id: str
    title: str
    desc: str
    x_label: str
    y_label: str


def _style(chart_id: str) -> AbstractContextManager[None]:
    """The settings every chart is drawn and saved under (the salt makes ids repeatable)."""
    import matplotlib  # lazily: only the trend command draws

    settings: dict[Any, Any] = {**RC, "svg.hashsalt": chart_id}
    return matplotlib.rc_context(settings)


def _figure() -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=SIZE_IN, layout="constrained")


def _axes(fig: Figure, labels: Sequence[str], text: ChartText) -> Axes:
    ax = fig.add_subplot()
    ax.set_xticks(range(len(labels)), list(labels))
    ax.tick_params(axis="x", labelrotation=40, labelsize=8)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
    ax.set_xlabel(text.x_label)
    ax.set_ylabel(text.y_label)
    ax.grid(axis="y", color="#cccccc", linewidth=0.6)
    ax.set_axisbelow(True)
    return ax


def _svg(fig: Figure, text: ChartText) -> Markup:
    """The figure as inline SVG markup with its title, description and prefixed ids."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = _BETWEEN_TAGS.sub("><", _METADATA.sub("", buffer.getvalue()))
    svg = svg[svg.index("<svg") :]
    prefix = text.chart_id
    used = {m.group(2) for m in _REF.finditer(svg)}
    svg = _ID.sub(lambda m: f' id="{prefix}-{m.group(1)}"' if m.group(1) in used else "", svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    opening_end = svg.index(">") + 1
    opening = svg[:opening_end].replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc" ',
        1,
    )
    named = (
        f'<title id="{prefix}-title">{escape(text.title)}</title>'
        f'<desc id="{prefix}-desc">{escape(text.desc)}</desc>'
    )
    return Markup(opening + named + svg[opening_end:])  # matplotlib's SVG; our text escaped


def _integer_ticks() -> MaxNLocator:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _nan(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def line_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    text: ChartText,
    *,
    percent: bool = False,
) -> Markup:
    """A line per series over the runs ``labels``."""
    with _style(text.chart_id):
        return _lines(labels, series, text, percent)


def _lines(
    labels: Sequence[str], series: Sequence[Series], text: ChartText, percent: bool
) -> Markup:
    fig = _figure()
    ax = _axes(fig, labels, text)
    for i, s in enumerate(series):
        ax.plot(
            range(len(labels)),
            _nan(s.values),
            label=s.name,
            color=COLOURS[i % len(COLOURS)],
            marker=MARKERS[i % len(MARKERS)],
            linestyle=LINES[i % len(LINES)],
            linewidth=1.6,
        )
    if percent:
        ax.set_ylim(0, 100)
    else:
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_locator(_integer_ticks())
    if series:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return _svg(fig, text)


def bar_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    text: ChartText,
    *,
    stacked: bool = False,
) -> Markup:
    """Bars per run: side by side, or ``stacked`` (hatched too: told apart without colour)."""
    with _style(text.chart_id):
        return _bars(labels, series, text, stacked)


def _bars(
    labels: Sequence[str], series: Sequence[Series], text: ChartText, stacked: bool
) -> Markup:
    fig = _figure()
    ax = _axes(fig, labels, text)
    width = 0.8 if stacked else 0.8 / max(len(series), 1)
    bottoms = [0.0] * len(labels)
    for i, s in enumerate(series):
        values = [0.0 if math.isnan(v) else v for v in _nan(s.values)]
        offset = 0.0 if stacked else (i - (len(series) - 1) / 2) * width
        ax.bar(
            [x + offset for x in range(len(labels))],
            values,
            width,
            bottom=bottoms if stacked else None,
            label=s.name,
            color=COLOURS[i % len(COLOURS)],
            hatch=HATCHES[i % len(HATCHES)] if stacked else None,
            edgecolor="#1a1a1a",
            linewidth=0.5,
        )
        if stacked:
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(_integer_ticks())
    if series:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return _svg(fig, text)
