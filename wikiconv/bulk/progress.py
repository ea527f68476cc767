"""Progress display of a bulk run, and the test hook that stops a run midway."""

from __future__ import annotations

import os
import signal
import time
from typing import IO, Any

from wikiconv.bulk.report import Counts

# Test hooks: stop after N results, by an interruption or by SIGKILL to the process group.
STOP_AFTER_ENV = "WIKICONV_BULK_STOP_AFTER"
STOP_MODE_ENV = "WIKICONV_BULK_STOP_MODE"


class BulkInterrupted(KeyboardInterrupt):
    """The run was stopped before the end (Ctrl-C or the test hook)."""


class Progress:
    """A tqdm bar on a terminal, a log line every few seconds otherwise, or nothing."""

    def __init__(self, mode: str, stream: IO[str]) -> None:
        """Choose the display for ``mode`` (auto, bar, log, off)."""
        if mode == "auto":
            mode = "bar" if stream.isatty() else "log"
        self.mode = mode
        self.stream = stream
        self.bar: Any = None
        self.last = self.start = time.monotonic()

    def _start_bar(self) -> None:
        """Create the bar (at the first result: after the worker processes are forked)."""
        try:
            from tqdm import tqdm
        except ImportError:  # tqdm is a dependency, but a bare install may lack it
            self.mode = "log"
            return
        self.bar = tqdm(unit=" articles", file=self.stream, dynamic_ncols=True, mininterval=0.2)

    def update(self, counts: Counts) -> None:
        """One more input is done."""
        if self.mode == "bar" and self.bar is None:
            self._start_bar()
        if self.bar is not None:
            self.bar.update(1)
            if counts.read % 50 == 1:
                self.bar.set_postfix(converted=counts.converted, failed=counts.failed)
        elif self.mode == "log" and time.monotonic() - self.last >= 5:
            self.last = time.monotonic()
            self.line(counts)

    def line(self, counts: Counts) -> None:
        """A plain progress line."""
        elapsed = time.monotonic() - self.start
        print(
            f"wikiconv bulk: {counts.read} read, {counts.converted} converted, "
            f"{counts.failed} failed ({elapsed:.1f} s)",
            file=self.stream,
            flush=True,
        )

    def close(self) -> None:
        """Finish the bar."""
        if self.bar is not None:
            self.bar.close()


def stop_hook() -> tuple[int, str]:
    """The test hook's settings: stop after N results (0: never), and how."""
    try:
        after = int(os.environ.get(STOP_AFTER_ENV, "0"))
    except ValueError:
        after = 0
    return after, os.environ.get(STOP_MODE_ENV, "interrupt")


def stop(mode: str) -> None:
    """Stop as the test hook says: SIGKILL the process group (or self), or interrupt."""
    if mode == "kill":
        if os.getpgrp() == os.getpid():
            os.killpg(os.getpgrp(), signal.SIGKILL)
        os.kill(os.getpid(), signal.SIGKILL)
    raise BulkInterrupted(f"stopped by {STOP_AFTER_ENV}")
