"""Run folders are made exclusively: two runs never share (and so never merge into) one folder.

``leganto-qa run`` reserves a folder under a fresh id (:func:`reserve_run_folder`) and passes the
id to the pytest it starts, whose controller claims it (:func:`open_run_folder`). A pytest started
by hand makes its own folder the same way. A folder is never reused: an id whose folder exists
is replaced by a fresh one when the harness chose it, and refused when a person chose it (the
old run's record must not be read as the new run's).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from leganto_qa.model.errors import HarnessError
from leganto_qa.model.records import RunLayout, new_run_id
from leganto_qa.model.storage import slug

ATTEMPTS = 16
"""Fresh ids tried before giving up (ids carry the second and 16 random bits)."""
RESERVED = ".reserved"
"""Marker in a folder ``leganto-qa run`` made for its pytest; removing it is the claim."""


def create_run_folder(
    reports_dir: Path,
    sandbox_id: str,
    run_id: str | None = None,
    *,
    make_id: Callable[[], str] = new_run_id,
    attempts: int = ATTEMPTS,
) -> RunLayout:
    """A new, empty run folder: ``run_id`` if its folder is free, else a fresh id's.

    ``mkdir`` without ``exist_ok`` is the one atomic step: of two processes wanting one id,
    exactly one gets it and the other tries a fresh id (at most ``attempts`` ids in all).
    """
    runs = reports_dir / "runs" / slug(sandbox_id)
    runs.mkdir(parents=True, exist_ok=True)
    wanted = run_id or make_id()
    for _ in range(attempts):
        layout = RunLayout.for_run(reports_dir, sandbox_id, wanted)
        try:
            layout.root.mkdir()
        except FileExistsError:
            wanted = make_id()
            continue
        return layout
    raise HarnessError(
        f"{runs}: no free run id after {attempts} tries (each folder already existed); "
        "check that the clock is right and that nothing else is creating runs in a loop"
    )


def reserve_run_folder(reports_dir: Path, sandbox_id: str) -> RunLayout:
    """A new run folder under a fresh id, marked for the pytest ``leganto-qa run`` starts."""
    layout = create_run_folder(reports_dir, sandbox_id)
    (layout.root / RESERVED).touch(exist_ok=False)
    return layout


def open_run_folder(reports_dir: Path, sandbox_id: str, run_id: str | None) -> RunLayout:
    """The folder of the run pytest starts: a fresh one, or the one ``run_id`` names.

    A named folder must be new, or reserved for this run and not yet claimed; anything else
    is another run's folder and is refused.
    """
    if run_id is None:
        return create_run_folder(reports_dir, sandbox_id)
    layout = RunLayout.for_run(reports_dir, sandbox_id, run_id)
    try:
        (layout.root / RESERVED).unlink()  # atomic: of two claimants exactly one succeeds
    except FileNotFoundError:
        _make_named(layout)
    return layout


def _make_named(layout: RunLayout) -> None:
    layout.root.parent.mkdir(parents=True, exist_ok=True)
    try:
        layout.root.mkdir()
    except FileExistsError:
        raise HarnessError(
            f"run folder {layout.root} already exists; runs never share a folder — pass a new "
            "--run-id, or none for a fresh one"
        ) from None
