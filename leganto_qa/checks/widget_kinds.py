"""The widget checks per kind: opening by keyboard, dialogs, menus and tabs (WCAG 2.1.1, 2.1.2,
2.4.3). Tooltips (1.4.13) are in :mod:`leganto_qa.checks.widget_tooltips`.

Each function starts with the widget closed and may leave it open; the caller restores it.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Error as PlaywrightError

from leganto_qa.checks import widget_tooltips
from leganto_qa.checks.base import Problem, js, spot
from leganto_qa.checks.dialogs import after_escape, stays_inside
from leganto_qa.checks.widget_session import MAX_TABS_TO_ITEMS, Session, restore

_POPUP_OPEN = js("popup_open")
_TABS = js("widget_tabs")


def check_kind(session: Session) -> list[Problem]:
    """Open the widget by keyboard and check what it shows, by its kind."""
    kind = session.opened.kind
    if kind == "tooltip" or session.opened.how == "hover":
        return widget_tooltips.tooltip_problems(session)
    first = session.state()
    if first["trigger"]["html"].lower().startswith("<select"):
        return []  # the browser's own list: nothing the page could get wrong
    if kind == "tabs" or first["role"] == "tab":
        return tab_problems(session)
    problems, keyed = keyboard_open(session)
    if not session.state()["open"]:
        _open_anyhow(session, keyed)
    state = session.state()
    if not state["open"] or state["region"] is None:
        return problems
    if kind == "dialog" or state["regionRole"] in ("dialog", "alertdialog"):
        problems += dialog_problems(session, state, by_key=bool(keyed))
    elif kind in ("menu", "listbox") or state["popup"] in ("true", "menu", "listbox"):
        problems += menu_problems(session, state, by_key=bool(keyed))
    return problems


def keys_for(role: str, native: bool) -> tuple[tuple[str, ...], bool]:
    """The keys that must open the widget, and whether each must (True) or any may (False)."""
    if role == "button":
        return ("Space", "Enter"), True
    if role == "link":
        return ("Enter",), True
    if role == "combobox":  # Enter may submit the form and Space types a space
        return ("ArrowDown", "Alt+ArrowDown"), False
    return ("Space", "Enter"), False


def keyboard_open(session: Session) -> tuple[list[Problem], list[str]]:
    """Focus the trigger and press each key that must open the widget; the keys that did.

    The widget is left open when the last key opened it.
    """
    ctx = session.ctx
    state = session.state()
    trigger = spot(state["trigger"])
    ctx.budget.enter(f"open {session.word()} by keyboard")
    reached = _reach_by_arrows(session, state)
    if not reached:
        return [
            Problem(
                "widget-keyboard",
                f"{trigger.summary} opens {session.word()} with a pointer, but the keyboard "
                "cannot reach it (it is not in the Tab order, and no arrow key leads to it), so "
                "keyboard users cannot open it. Use a button (or give it tabindex=0 and make "
                "Enter and Space open it).",
                (trigger,),
                ctx.shot((trigger,)),
            )
        ], []
    keys, each = keys_for(state["role"], state["native"])
    worked: list[str] = []
    for key in keys:
        restore(session)
        _reach_by_arrows(session, state)
        session.press(key)
        if session.wait(True):
            worked.append(key)
    failed = [k for k in keys if k not in worked]
    if (each and not failed) or (not each and worked):
        return [], worked
    what = " or ".join(failed) if worked else " or ".join(keys)
    must = " and ".join(keys) if each else " or ".join(keys)
    return [
        Problem(
            "widget-keyboard",
            f"{trigger.summary} opens {session.word()} with a pointer click, but pressing "
            f"{what} on it does nothing; a {state['role']} must open it with {must}.",
            (trigger,),
            ctx.shot((trigger,)),
        )
    ], worked


def _reach_by_arrows(session: Session, state: dict[str, Any]) -> bool:
    """Focus the trigger as a keyboard user would: by Tab when it is in the Tab order, else by
    the arrow keys from the focusable item of the menu bar, tab list or toolbar around it."""
    if state["tabbable"]:
        return bool(session.focus("trigger")["onTrigger"])
    tabs: dict[str, Any] = session.call(_TABS, {"focus": True})
    if not tabs.get("home"):
        return False
    for key in ("ArrowRight", "ArrowDown"):
        for _ in range(int(tabs.get("count", 0))):
            session.press(key)
            if session.focus()["onTrigger"]:
                return True
    return False


def _open_anyhow(session: Session, keyed: list[str]) -> None:
    """Open the widget for the checks that follow: by a key that works, else as the explorer did."""
    restore(session)
    if keyed:
        _reach_by_arrows(session, session.state())
        session.press(keyed[-1])
    else:
        try:
            session.click_trigger()
        except PlaywrightError:  # covered or gone: the checks of the open widget are skipped
            return
    session.wait(True)


def dialog_problems(session: Session, state: dict[str, Any], by_key: bool) -> list[Problem]:
    """Focus moved into the dialog, stays inside a modal one, Escape closes it, focus returns."""
    ctx = session.ctx
    popup = spot(state["region"])
    problems: list[Problem] = []
    ctx.budget.enter(f"focus into {session.word()}")
    moved = session.wait_focus_inside()
    if by_key and not moved:
        problems.append(
            Problem(
                "dialog-focus",
                f"When {session.word()} opened from {spot(state['trigger']).summary}, keyboard "
                "focus stayed on the page behind it instead of moving into the dialog.",
                (popup,),
                ctx.shot((popup,)),
            )
        )
    opened = ctx.call(ctx.page.main_frame, _POPUP_OPEN, {"scope": state["regionSel"]})
    session.state()  # popup_open looks for its own trigger; the widget's is known
    if opened is None:
        return problems
    if state["modal"] and opened["focusInside"]:
        leaked = stays_inside(ctx, popup, opened["count"])
        if leaked:  # back inside, so that Escape reaches the dialog's own key handler
            ctx.call(ctx.page.main_frame, _POPUP_OPEN, {"scope": state["regionSel"]})
            session.state()
        problems += leaked
    return problems + after_escape(ctx, popup, escape_rule="dialog-escape")


def menu_problems(session: Session, state: dict[str, Any], by_key: bool) -> list[Problem]:
    """The menu's items are reached by keyboard, arrow keys move in a menu, Escape closes it."""
    ctx = session.ctx
    if not by_key:
        return []
    menu = spot(state["region"])
    ctx.budget.enter(f"reach the items of {session.word()}")
    combobox = state["role"] == "combobox"  # focus stays in it (aria-activedescendant)
    reached = combobox or session.wait_focus_inside() or _reach_items(session)
    if not reached:
        return [
            Problem(
                "widget-keyboard",
                f"After {spot(state['trigger']).summary} opened {session.word()} from the "
                "keyboard, neither the arrow keys nor Tab move focus into it; keyboard users "
                "cannot use its items.",
                (menu,),
                ctx.shot((menu,)),
            )
        ]
    problems: list[Problem] = []
    if state["regionRole"] == "menu" and not combobox and not _arrows_move(session):
        problems.append(
            Problem(
                "widget-keyboard",
                f"The arrow keys do not move between the items of {session.word()}; in a "
                "menu, Down and Up arrow move focus from item to item.",
                (menu,),
                ctx.shot((menu,)),
            )
        )
    popup_kind = state["regionRole"] in ("menu", "listbox") or state["popup"] in (
        "true",
        "menu",
        "listbox",
    )
    if popup_kind:
        session.call(_POPUP_OPEN, {"scope": state["regionSel"]})
        session.state()
        problems += after_escape(ctx, menu, escape_rule="widget-keyboard")
    return problems


def _reach_items(session: Session) -> bool:
    session.press("ArrowDown")
    if session.focus()["inside"]:
        return True
    session.focus("trigger")
    for _ in range(MAX_TABS_TO_ITEMS):
        session.press("Tab")
        if session.focus()["inside"]:
            return True
    return False


def _arrows_move(session: Session) -> bool:
    before = session.focus()
    if before["count"] < 2:
        return True
    session.press("ArrowDown")
    after = session.focus()
    return bool(after["inside"]) and after["focused"] != before["focused"]


def tab_problems(session: Session) -> list[Problem]:
    """A tab is reached by Tab or by the arrow keys from the selected tab, and shows its panel
    when it gets focus or on Enter or Space."""
    ctx = session.ctx
    state = session.state()
    trigger = spot(state["trigger"])
    ctx.budget.enter(f"reach the tab {session.opened.name!r}")
    tabs: dict[str, Any] = session.call(_TABS, {"focus": False})
    if tabs.get("home"):
        ctx.cache[f"widget-home {session.opened.trigger}"] = tabs["home"]
    reached = _reach_by_arrows(session, state)
    if not reached:
        sentence = (
            f"{trigger.summary} cannot be reached by keyboard: it is not in the Tab order and "
            "the arrow keys from the selected tab do not move to it."
        )
    elif session.wait(True) or _any_key_opens(session, ("Enter", "Space")):
        return []
    else:
        sentence = (
            f"{trigger.summary} takes keyboard focus, but neither focus, Enter nor Space shows "
            "its panel; only a pointer click does."
        )
    return [Problem("widget-keyboard", sentence, (trigger,), ctx.shot((trigger,)))]


def _any_key_opens(session: Session, keys: tuple[str, ...]) -> bool:
    for key in keys:
        session.press(key)
        if session.wait(True):
            return True
    return False
