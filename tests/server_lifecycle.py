"""The ``with`` protocol shared by the test servers: start on entry, stop on exit."""

from __future__ import annotations

from types import TracebackType
from typing import Any, TypeVar

Self = TypeVar("Self", bound="StartStop")


class StartStop:
    """Mixin for a server with ``start() -> self`` and ``stop()``."""

    def start(self: Self) -> Self:  # pragma: no cover - every server defines its own
        """Start the server."""
        raise NotImplementedError

    def stop(self) -> None:  # pragma: no cover - every server defines its own
        """Stop the server."""
        raise NotImplementedError

    def __enter__(self: Self) -> Self:
        """Start the server for a ``with`` block."""
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Any:
        """Stop the server."""
        self.stop()
