"""Content rules: links, tables, forms, images, generated content, access keys, focus stops.

Static DOM rules decided in one evaluate per frame (``js/content_run.js`` calling the rule parts
``js/content_*.js``, installed once per document): link-purpose, skip-link-target and
file-link-type (links); table-headers and layout-table (tables); error-association,
required-indicator and group-name (forms); autocomplete-missing; alt-quality and css-content
(images, generated content); accesskey-clash and tabindex-noninteractive (keys). Nothing on the
page is changed. Sentences: :mod:`leganto_qa.checks.content_sentences`.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame

from leganto_qa.checks.base import (
    Check,
    CheckContext,
    Problem,
    frame_offset,
    frame_path,
    js,
    spot,
)
from leganto_qa.checks.content_names import MAX_HIDDEN_PROBES, NAMES_RULES
from leganto_qa.checks.content_sentences import sentence

RULES: tuple[str, ...] = (
    "link-purpose",
    "skip-link-target",
    "file-link-type",
    "table-headers",
    "layout-table",
    "error-association",
    "required-indicator",
    "group-name",
    "autocomplete-missing",
    "alt-quality",
    "css-content",
    "accesskey-clash",
    "tabindex-noninteractive",
    *NAMES_RULES,
)
PARTS: tuple[str, ...] = (
    "links",
    "tables",
    "forms",
    "autocomplete",
    "media",
    "keys",
    "names",
    "controls",
)
"""The rule parts (``js/content_<part>.js``), run in this order."""
MAX_LISTENER_PROBES = 40
"""Most tabindex candidates whose event listeners are read over CDP per page state."""

NO_CONTENT = "lqa:no-content"
_RUN = js("content_run")
_INSTALL = (
    js("content_lib"),
    js("content_links"),
    js("content_tables"),
    js("content_forms"),
    js("content_autocomplete"),
    js("content_media"),
    js("content_keys"),
    js("content_names"),
    js("content_controls"),
)
"""The toolkit and the parts of :data:`PARTS`, installed once per document."""
_LISTENED = "function (index) { const e = window.__lqa.tabCands[index]; return e; }"
_HANDLERS = frozenset(
    {"click", "mousedown", "mouseup", "pointerdown", "pointerup", "keydown", "keyup", "keypress"}
)


def run(ctx: CheckContext) -> list[Problem]:
    problems: list[Problem] = []
    for frame in ctx.frames():
        scope = ctx.scope.selector if ctx.scope and frame.parent_frame is None else None
        ctx.budget.enter("read the content rules")
        arg = {"scope": scope, "parts": list(PARTS), "maxHidden": MAX_HIDDEN_PROBES}
        found = _evaluate(ctx, frame, arg)
        if frame.parent_frame is None:
            found = _without_listened(ctx, found)
        path, offset = frame_path(frame), frame_offset(frame)
        for data in found:
            where = spot(data, path, offset)
            others = tuple(spot(o, path, offset) for o in data.get("others", []))
            spots = (where, *others)
            problems.append(
                Problem(data["rule"], sentence(data["rule"], where, data["detail"], others), spots)
            )
    return _with_shots(ctx, problems)


def _evaluate(ctx: CheckContext, frame: Frame, arg: dict[str, Any]) -> list[dict[str, Any]]:
    found = ctx.call(frame, _RUN, arg)
    if found == NO_CONTENT:
        for source in _INSTALL:
            ctx.call(frame, source)
        found = ctx.call(frame, _RUN, arg)
    return list(found)


def _without_listened(ctx: CheckContext, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop tabindex-noninteractive entries whose element a script listens to (CDP)."""
    probes = [d for d in found if d["rule"] == "tabindex-noninteractive"]
    if not probes:
        return found
    listened: set[int] = set()
    try:
        cdp = ctx.page.context.new_cdp_session(ctx.page)
    except PlaywrightError:
        return found
    try:
        for data in probes[:MAX_LISTENER_PROBES]:
            ctx.budget.ensure()
            index = int(data["detail"]["candidate"])
            if _has_handler(cdp, index):
                listened.add(index)
    finally:
        cdp.detach()
    probed = {int(d["detail"]["candidate"]) for d in probes[:MAX_LISTENER_PROBES]}
    return [
        d
        for d in found
        if d["rule"] != "tabindex-noninteractive"
        or (int(d["detail"]["candidate"]) in probed - listened)
    ]


def _has_handler(cdp: Any, index: int) -> bool:
    """Whether the candidate ``index`` (window.__lqa.tabCands) has a click or key listener."""
    win = cdp.send("Runtime.evaluate", {"expression": "window"})["result"].get("objectId")
    if not win:
        return False
    handle = cdp.send(
        "Runtime.callFunctionOn",
        {"objectId": win, "functionDeclaration": _LISTENED, "arguments": [{"value": index}]},
    )
    object_id = handle.get("result", {}).get("objectId")
    if not object_id:
        return False
    listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": object_id})
    return bool({e.get("type") for e in listeners.get("listeners", [])} & _HANDLERS)


def _with_shots(ctx: CheckContext, problems: list[Problem]) -> list[Problem]:
    """Outlined screenshots for the first problems (the context caps how many)."""
    out = []
    for problem in problems:
        shot = ctx.shot(problem.spots[:1]) if problem.spots and problem.spots[0].box else None
        out.append(Problem(problem.rule, problem.sentence, problem.spots, shot))
    return out


CHECK = Check(
    name="content",
    rules=RULES,
    run=run,
    summary="link purpose, skip links, file links, table headers, form errors, required and "
    "group names, autocomplete, alt quality, CSS content, access keys, empty focus stops",
)
