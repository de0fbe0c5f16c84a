"""Status messages (WCAG 4.1.3): messages that appear are announced (live region or role).

Looks at the texts that appeared while the key activation check operated the page's custom
controls; a short message ("Added to list", "Copied") that appeared outside any live region,
``role=status``/``alert``/``log`` and outside dialogs and menus is reported.
"""

from __future__ import annotations

from leganto_qa.checks.base import Check, CheckContext, Problem, js, spot

_APPEARED = js("appeared_messages")


def run(ctx: CheckContext) -> list[Problem]:
    if ctx.navigated:
        return []
    problems = []
    ctx.budget.enter("read the messages that appeared")
    for data in ctx.call(ctx.page.main_frame, _APPEARED):
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
