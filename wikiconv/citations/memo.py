"""Results of pure helpers shared by the readings of one reference, and only of one.

The reference parser reads a string once per way its head can be an author list, and each
reading asks the same questions of the same pieces ("is 'Nature' a news organisation?").
:func:`per_reference` remembers a one-argument pure function's answers until :func:`reset`,
which the parser calls before each string, so nothing is carried from one string to the next.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import update_wrapper
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_LIMIT = 4096  # a bound for calls made outside a parse, which no reset clears
_caches: list[dict[object, object]] = []
_MISSING: object = object()  # a cached value is never this


def per_reference(fn: Callable[[K], V]) -> Callable[[K], V]:
    """Remember ``fn``'s results (immutable values only) until the next :func:`reset`."""
    cache: dict[K, V] = {}
    _caches.append(cache)  # type: ignore[arg-type]

    get = cache.get

    def wrapper(arg: K) -> V:
        value = get(arg, _MISSING)
        if value is _MISSING:
            if len(cache) >= _LIMIT:
                cache.clear()
            value = cache[arg] = fn(arg)
        return value  # type: ignore[return-value]

    return update_wrapper(wrapper, fn)


def reset() -> None:
    """Forget every remembered result (called before each reference string is read)."""
    for cache in _caches:
        cache.clear()
