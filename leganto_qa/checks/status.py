"""Status messages (WCAG 4.1.3): messages that appear are announced (live region or role).

Looks at the texts that appeared while the key activation check operated the page's custom
controls; a short message ("Added to list", "Copied") that appeared outside any live region,
``role=status``/``alert``/``log`` and outside dialogs and menus is reported.
"""

from __future__ import annotations

from leganto_qa.checks.base import Check, CheckContext, Problem, script, spot
from leganto_qa.checks.walk import _STATE

_APPEARED = script(
    _STATE
    + r"""
const out = [];
const seen = new Set();
for (const e of (W.appeared || [])) {
  if (!e.isConnected || !visible(e)) continue;
  const text = textOf(e);
  if (text.length < 2 || text.length > 200) continue;
  if (e.closest('[aria-live],[role=status],[role=alert],[role=log],[role=marquee],[role=timer],' +
      'output,[role=dialog],[role=alertdialog],dialog,[role=menu],[role=listbox],[role=tooltip]'))
    continue;
  const live = '[aria-live],[role=status],[role=alert],[role=log]';
  if (deepAll(e).some(d => d.matches(live))) continue;
  if (isInteractive(e) || deepAll(e).some(isInteractive)) continue;
  let msg = null;
  for (let p = e; p && p !== document.body; p = parentOf(p)) {
    const name = (p.id + ' ' + (typeof p.className === 'string' ? p.className : '')).toLowerCase();
    if (/(toast|snack|notif|message|alert|status|flash|feedback)/.test(name)) { msg = p; break; }
  }
  if (!msg || seen.has(msg)) continue;
  seen.add(msg);
  out.push(Object.assign(info(msg), {text: text.slice(0, 80)}));
}
W.appeared = [];
return out;
"""
)


def run(ctx: CheckContext) -> list[Problem]:
    if ctx.navigated:
        return []
    problems = []
    for data in ctx.page.main_frame.evaluate(_APPEARED, None):
        where = spot(data)
        problems.append(
            Problem(
                "status-message",
                f'The message "{data["text"]}" appeared in {where.selector} without a live '
                'region (role="status" or aria-live): screen reader users are not told.',
                (where,),
                ctx.shot((where,)),
            )
        )
    return problems


CHECK = Check(
    name="status",
    rules=("status-message",),
    run=run,
    summary="messages that appear while controls are used are in a live region",
)
