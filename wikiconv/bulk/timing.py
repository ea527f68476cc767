"""Where the time of a bulk run goes: the driver's stages and the workers' summed stages.

The driver's stages are wall time (``setup``, ``inputs``, ``warm-up``, ``waiting`` for workers,
``writing`` the outputs, ``shutdown``, ``finishing``); each second is given to one stage only.
The workers' stages are CPU time per :data:`~wikiconv.bulk.article.STAGES`, summed over every
article (each result carries its own).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any

from wikiconv.bulk.article import STAGES


class StageClock:
    """Where a run's time goes: the driver's stages and the workers' summed stages."""

    def __init__(self) -> None:
        """Start timing the ``setup`` stage."""
        self.seconds: dict[str, float] = {}
        self.workers = [0.0] * len(STAGES)
        self.last = time.perf_counter()
        self.accounted = self.accounted_at_last = 0.0  # seconds given to a stage so far

    def note(self, stage: str, seconds: float) -> None:
        """Give ``seconds`` to ``stage`` (they are not counted again in any other stage)."""
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds
        self.accounted += seconds

    def lap(self, stage: str) -> None:
        """``stage`` has just ended: it gets the time since the last lap not given elsewhere."""
        now = time.perf_counter()
        self.note(stage, now - self.last - (self.accounted - self.accounted_at_last))
        self.last, self.accounted_at_last = now, self.accounted

    def timed(self, stage: str, items: Iterable[Any]) -> Iterator[Any]:
        """Yield from ``items``, giving the time spent getting each one to ``stage``."""
        iterator = iter(items)
        while True:
            begin, before = time.perf_counter(), self.accounted
            item = next(iterator, _END)
            self.note(stage, time.perf_counter() - begin - (self.accounted - before))
            if item is _END:
                return
            yield item

    def worker(self, seconds: tuple[float, ...]) -> None:
        """Add one article's worker stages."""
        for index, value in enumerate(seconds):
            self.workers[index] += value

    def report(self) -> dict[str, float]:
        """The driver's stages (``driver:…``) and the workers' (``worker:…``)."""
        out = {f"driver:{name}": value for name, value in self.seconds.items()}
        out |= {f"worker:{name}": value for name, value in zip(STAGES, self.workers, strict=True)}
        return out


_END = object()
