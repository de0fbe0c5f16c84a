"""An exclusive lock held through a lock file, so two processes cannot interleave one change.

The lock is ``flock`` on the file, which the kernel releases when the holder exits, however it
ends: a lock file left behind by a crashed process is not a lock and is simply taken over. The
holder writes its pid, host and start time into the file so a waiting process can say who.
"""

from __future__ import annotations

import datetime as _dt
import fcntl
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from leganto_qa.model.errors import HarnessError

POLL_S = 0.05


@contextmanager
def exclusive_lock(path: Path, what: str, wait_s: float = 5.0) -> Iterator[None]:
    """Hold ``path``'s lock for the ``with`` block; wait at most ``wait_s`` seconds for it.

    ``what`` names what is protected (for the error when another process keeps it longer).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, what, wait_s)
        when = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()} since {when}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the only descriptor releases the flock


def _acquire(fd: int, path: Path, what: str, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise HarnessError(
                    f"{what} is being changed by another process ({_holder(path)}; lock "
                    f"{path}); wait for it to finish and try again"
                ) from None
            time.sleep(POLL_S)  # waiting for another process, bounded by wait_s


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text.splitlines()[0][:120] if text else "holder unknown"
