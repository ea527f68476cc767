"""Regular expressions compiled on first use, so that importing the citation code stays cheap."""

from __future__ import annotations

import re
from typing import Any, cast

_FORWARDED = (
    "search",
    "match",
    "fullmatch",
    "sub",
    "subn",
    "split",
    "finditer",
    "findall",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class _LazyPattern:
    """Stands for ``re.compile(pattern, flags)``; compiles it when a method is first asked for."""

    def __init__(self, pattern: str, flags: int) -> None:
        """Remember the pattern; nothing is compiled yet."""
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        """Compile, then keep the compiled pattern's methods as this object's own attributes."""
        compiled = re.compile(*self._source)
        for attr in _FORWARDED:
            self.__dict__[attr] = getattr(compiled, attr)
        return getattr(compiled, name)


def lazy_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern that behaves as ``re.compile(pattern, flags)`` but compiles on first use."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags))
