"""MediaWiki's apostrophe rules: a port of ``Parser::doQuotes`` (MediaWiki 1.39).

MediaWiki reads ``''`` and ``'''`` one line at a time.  Runs of four apostrophes give one
literal ``'`` and bold, runs of more than five give literal apostrophes and ``'''''``; when a
line has an odd number of both bold and italic runs, one bold run is taken as an apostrophe
followed by italics, preferring one after a single-letter word (``l'''amour'''``), then one
after a longer word, then one after a space.  The result is always well nested, since the
state machine closes and reopens tags where runs cross.

:func:`quote_tokens` returns that result as tokens instead of HTML: ``("text", s)``,
``("open", "i")``, ``("close", "b")``, ...; everything that is not an apostrophe run,
including placeholders for nodes, passes through inside text tokens.
"""

from __future__ import annotations

import re

_RUNS = re.compile(r"(''+)")

Token = tuple[str, str]


def _ends_with_space(segment: str, back: int) -> bool:
    """PHP's ``substr($s, -back, 1) === ' '`` on the UTF-8 bytes of ``segment``."""
    data = segment.encode("utf-8")
    if not data:
        return False
    index = max(len(data) - back, 0)
    return data[index : index + 1] == b" "


def quote_tokens(line: str) -> list[Token]:
    """Tokens of one line after MediaWiki's apostrophe rules (``Parser::doQuotes``)."""
    arr = _RUNS.split(line)
    if len(arr) == 1:
        return [("text", line)] if line else []
    numbold = numitalics = 0
    for i in range(1, len(arr), 2):
        length = len(arr[i])
        if length == 4:
            arr[i - 1] += "'"
            arr[i] = "'''"
            length = 3
        elif length > 5:
            arr[i - 1] += "'" * (length - 5)
            arr[i] = "'''''"
            length = 5
        if length == 2:
            numitalics += 1
        elif length == 3:
            numbold += 1
        elif length == 5:
            numitalics += 1
            numbold += 1
    if numbold % 2 == 1 and numitalics % 2 == 1:
        single = multi = space = -1
        for i in range(1, len(arr), 2):
            if len(arr[i]) == 3:
                before = arr[i - 1]
                if _ends_with_space(before, 1):
                    if space == -1:
                        space = i
                elif _ends_with_space(before, 2):
                    single = i
                    break
                elif multi == -1:
                    multi = i
        chosen = single if single > -1 else multi if multi > -1 else space
        if chosen > -1:
            arr[chosen] = "''"
            arr[chosen - 1] += "'"
    return _render(arr)


def _render(arr: list[str]) -> list[Token]:
    """The state machine of ``doQuotes`` emitting tokens."""
    out: list[Token] = []
    buffer: list[Token] = []
    state = ""

    def text(s: str) -> None:
        if s:
            (buffer if state == "both" else out).append(("text", s))

    def tags(*items: str) -> None:
        for item in items:
            out.append(("close", item[1:]) if item[0] == "/" else ("open", item))

    for index, part in enumerate(arr):
        if index % 2 == 0:
            text(part)
            continue
        length = len(part)
        if length == 2:
            if state == "i":
                tags("/i")
                state = ""
            elif state == "bi":
                tags("/i")
                state = "b"
            elif state == "ib":
                tags("/b", "/i", "b")
                state = "b"
            elif state == "both":
                tags("b", "i")
                out.extend(buffer)
                tags("/i")
                state = "b"
            else:
                tags("i")
                state += "i"
        elif length == 3:
            if state == "b":
                tags("/b")
                state = ""
            elif state == "bi":
                tags("/i", "/b", "i")
                state = "i"
            elif state == "ib":
                tags("/b")
                state = "i"
            elif state == "both":
                tags("i", "b")
                out.extend(buffer)
                tags("/b")
                state = "i"
            else:
                tags("b")
                state += "b"
        else:  # five
            if state == "b":
                tags("/b", "i")
                state = "i"
            elif state == "i":
                tags("/i", "b")
                state = "b"
            elif state == "bi":
                tags("/i", "/b")
                state = ""
            elif state == "ib":
                tags("/b", "/i")
                state = ""
            elif state == "both":
                tags("i", "b")
                out.extend(buffer)
                tags("/b", "/i")
                state = ""
            else:
                buffer = []
                state = "both"
    if state in ("b", "ib"):
        tags("/b")
    if state in ("i", "bi", "ib"):
        tags("/i")
    if state == "bi":
        tags("/b")
    if state == "both" and buffer:
        tags("b", "i")
        out.extend(buffer)
        tags("/i", "/b")
    return out
