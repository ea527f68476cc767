"""Raw-text scanners of the inline reader: stateless helpers that read the source text.

Each helper reads forward from an offset and costs at most what it reads (or a bounded
amount), so the inline pass stays linear.  Section numbers refer to CommonMark 0.31.2;
"GFM" is the GitHub Flavored Markdown spec; "Help:" pages are MediaWiki's.
"""

from __future__ import annotations

import re
import unicodedata

from wikiconv.html_tags import decode_entity

ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ASCII_WS = frozenset(" \t\n\r\f")

# §2.4 backslash escapes and §2.5 entity references, for destinations and titles.
_ESC_OR_ENTITY = re.compile(
    r"\\([!-/:-@\[-`{-~])|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});"
)


def is_ws(c: str) -> bool:
    """Unicode whitespace (§2.1): Zs, tab, line feed, carriage return, form feed."""
    return c in _ASCII_WS or (c > "\x7f" and unicodedata.category(c) == "Zs")


def is_punct(c: str) -> bool:
    """Unicode punctuation (§2.1, 0.31): ASCII punctuation or general category P* or S*."""
    return c in ASCII_PUNCT or (c > "\x7f" and unicodedata.category(c)[0] in "PS")


def _unescape_one(m: re.Match[str]) -> str:
    if m.group(1) is not None:
        return m.group(1)
    decoded = decode_entity(m.group(0))
    return m.group(0) if decoded is None else decoded


def unescape(s: str) -> str:
    """Apply backslash escapes and entity references (link destinations and titles)."""
    if "\\" not in s and "&" not in s:
        return s
    return _ESC_OR_ENTITY.sub(_unescape_one, s)


def code_span_text(raw: str) -> str:
    """§6.1: line endings become spaces; strip one space each side unless all spaces."""
    s = raw.replace("\n", " ")
    if len(s) > 1 and s[0] == " " and s[-1] == " " and s.strip(" "):
        s = s[1:-1]
    return s


# --------------------------------------------------------------------- §6.3 links

_SPNL = re.compile(r"[ \t]*+(?:\n[ \t]*+)?")
_POINTY_DEST = re.compile(r"<((?:[^<>\n\\]|\\.)*+)>")
_DEST_RUN = re.compile(r"[^\\()\x00-\x20\x7f]++")
_TITLES = {
    '"': re.compile(r'"((?:[^"\\]|\\[\s\S])*+)"'),
    "'": re.compile(r"'((?:[^'\\]|\\[\s\S])*+)'"),
    "(": re.compile(r"\(((?:[^()\\]|\\[\s\S])*+)\)"),
}
_LABEL = re.compile(r"\[((?:[^\\\[\]]|\\[\s\S]){0,1000})\]")
_LABEL_BODY = re.compile(r"(?:[^\\\[\]]|\\[\s\S])*+")
MAX_PAREN_DEPTH = 32  # §6.3 lets implementations bound nesting; cmark uses 32 as well


def _scan_plain_dest(text: str, i: int) -> int:
    """End of a non-pointy destination at i (balanced parentheses), or -1."""
    n, depth = len(text), 0
    while i < n:
        m = _DEST_RUN.match(text, i)
        if m:
            i = m.end()
            continue
        c = text[i]
        if c == "\\":
            i += 2 if i + 1 < n and text[i + 1] in ASCII_PUNCT else 1
            continue
        if c == "(":
            depth += 1
            if depth > MAX_PAREN_DEPTH:
                return -1
        elif c == ")" and depth:
            depth -= 1
        else:  # an unbalanced ")", a space or a control character ends it
            break
        i += 1
    return -1 if depth else i


def scan_inline_link(text: str, i: int) -> tuple[int, str, str] | None:
    """§6.3 inline link tail ``(dest "title")`` at ``text[i] == "("``: (end, dest, title)."""
    n = len(text)
    i = _SPNL.match(text, i + 1).end()  # type: ignore[union-attr]
    if i < n and text[i] == "<":
        pm = _POINTY_DEST.match(text, i)
        if pm is None:
            return None
        dest, j = pm.group(1), pm.end()
    else:
        j = _scan_plain_dest(text, i)
        if j < 0:
            return None
        dest = text[i:j]
    k = _SPNL.match(text, j).end()  # type: ignore[union-attr]
    title = ""
    if j < k < n and text[k] in _TITLES:
        tm = _TITLES[text[k]].match(text, k)
        if tm is not None:
            title = tm.group(1)
            k = _SPNL.match(text, tm.end()).end()  # type: ignore[union-attr]
    if k < n and text[k] == ")":
        return k + 1, unescape(dest), unescape(title)
    return None


def scan_link_label(text: str, i: int) -> tuple[int, str] | None:
    """§4.7 link label at ``text[i] == "["``: (end, label as written), None if invalid."""
    m = _LABEL.match(text, i)
    if m is None or len(m.group(1)) > 999:
        return None
    return m.end(), m.group(1)


def is_label(s: str) -> bool:
    """Whether ``s`` can be a link label's content (§4.7): <= 999 chars, no bare brackets."""
    return 0 < len(s) <= 999 and bool(s.strip(" \t\n")) and _LABEL_BODY.fullmatch(s) is not None


_LABEL_WS = re.compile(r"[ \t\r\n\v\f]+")


def normalize_label(label: str) -> str:
    """Normalise a link label (§4.7): trim, collapse whitespace, Unicode case fold."""
    return _LABEL_WS.sub(" ", label).strip(" ").casefold()


# -------------------------------------------------------- bounded forward searches


class Finder:
    """``str.find`` / ``re.search`` remembering the last answer per needle.

    Searches for one needle come from increasing offsets, so an answer (or a miss)
    is reused instead of rescanning: 50,000 unclosed ``<!--`` cost one scan.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._memo: dict[object, tuple[int, int, int]] = {}

    def find(self, needle: str, start: int) -> int:
        """Index of ``needle`` at or after ``start``, or -1."""
        return self.search(needle, start)[0]

    def search(self, needle: str | re.Pattern[str], start: int) -> tuple[int, int]:
        """(start, end) of the first match at or after ``start``, or (-1, -1)."""
        memo = self._memo.get(needle)
        if memo is not None and memo[0] <= start and (memo[1] < 0 or start <= memo[1]):
            return memo[1], memo[2]
        if isinstance(needle, str):
            at = self.text.find(needle, start)
            hit = (at, at + len(needle)) if at >= 0 else (-1, -1)
        else:
            m = needle.search(self.text, start)
            hit = m.span() if m else (-1, -1)
        self._memo[needle] = (start, *hit)
        return hit


# ------------------------------------------------------------ Help:Templates braces

_BRACE_SCAN = re.compile(r"\\[\\{}]|\{\{+|\}\}+|<!--|<nowiki[ \t\n]*>", re.IGNORECASE)
NOWIKI_CLOSE = re.compile(r"</nowiki[ \t\n]*>", re.IGNORECASE)


def match_braces(text: str, finder: Finder) -> dict[int, tuple[int, int]]:
    """Pair ``{{``/``{{{`` with ``}}``/``}}}`` like MediaWiki's preprocessor.

    Returns start offset -> (end offset, brace count 2 or 3).  A run of n opening
    braces is one stack entry; each closing run matches min(run, open, 3) braces
    from the right of the innermost open run.  Backslash-escaped braces and braces
    inside ``<!-- -->`` or ``<nowiki>`` are skipped.  Linear: one regex scan.
    """
    out: dict[int, tuple[int, int]] = {}
    stack: list[list[int]] = []
    pos = 0
    while True:
        m = _BRACE_SCAN.search(text, pos)
        if m is None:
            return out
        tok, pos = m.group(), m.end()
        if tok[0] == "\\":
            continue
        if tok[0] == "<":
            if tok[1] == "!":
                end = finder.find("-->", m.start() + 2)
                pos = end + 3 if end >= 0 else pos
            else:
                end = finder.search(NOWIKI_CLOSE, pos)[1]
                pos = end if end >= 0 else pos
            continue
        if tok[0] == "{":
            stack.append([m.start(), len(tok)])
            continue
        avail, at = len(tok), m.start()
        while avail >= 2 and stack:
            top = stack[-1]
            k = min(avail, top[1], 3)
            top[1] -= k
            out[top[0] + top[1]] = (at + k, k)
            at += k
            avail -= k
            if top[1] < 2:
                stack.pop()


_PIPES = re.compile(r"\[\[|\]\]|\{\{|\}\}|\|")


def split_pipes(s: str) -> list[str]:
    """Split at ``|`` outside nested ``[[ ]]`` and ``{{ }}`` (Help:Links, Help:Templates)."""
    parts: list[str] = []
    depth = last = 0
    for m in _PIPES.finditer(s):
        t = m.group()
        if t in ("[[", "{{"):
            depth += 1
        elif t in ("]]", "}}"):
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(s[last : m.start()])
            last = m.end()
    parts.append(s[last:])
    return parts


# ----------------------------------------------------------------- Help:Links

# A wiki link target: no [ ] { } | < > or line ending, then "]]" or "|".
WIKI_TARGET = re.compile(r"([^\[\]{}|<>\n]*+)(\]\]|\|)")
LINK_TRAIL = re.compile(r"[a-z]++")
_NAMESPACE = re.compile(r"[ \t]*(category|file|image)[ \t]*:(.*)", re.IGNORECASE | re.DOTALL)


def classify_wiki_target(target: str) -> tuple[str, str, str]:
    """Kind of ``[[target...]]``: ("link"|"smw"|"category"|"file", first, second).

    ("link", target, "") for an ordinary or colon-prefixed link; ("smw", property,
    value) for a Semantic MediaWiki annotation ``property::value``; ("category",
    name, "") and ("file", target, "") for the namespaces that do not link.
    """
    if target.lstrip().startswith(":"):
        return "link", target, ""
    prop, sep, value = target.partition("::")
    if sep and prop.strip():
        return "smw", prop.strip(), value
    m = _NAMESPACE.match(target)
    if m is None:
        return "link", target, ""
    if m.group(1).lower() == "category":
        return "category", m.group(2).strip(), ""
    return "file", target.strip(), ""


_REF_ATTR = re.compile(
    r"([A-Za-z_:][A-Za-z0-9_.:\-]*)(?:[ \t\n]*=[ \t\n]*"
    r"(?:\"([^\"]*)\"|'([^']*)'|([^ \t\n\"'=<>`/]+)))?"
)


def ref_attributes(tag: str) -> tuple[str | None, str | None]:
    """The ``name`` and ``group`` attributes of a ``<ref ...>`` tag (Help:Cite)."""
    found: dict[str, str] = {}
    for m in _REF_ATTR.finditer(tag, 4):
        found[m.group(1).lower()] = next((g for g in m.groups()[1:] if g is not None), "")
    return found.get("name"), found.get("group")


# ------------------------------------------------- GFM extended autolinks (§6.9)
# The GFM prose is applied as cmark-gfm (the reference implementation) applies it:
# no period is required after "www." or the scheme, the underscore rule looks at the
# last two dot-separated parts of the host run (whose backslash escapes it skips),
# quotes are trailing punctuation too, and an email domain ends in a letter.

EXT_AUTOLINK_START = re.compile(r"www\.|(?i:https?|ftp)://")
_HOST = re.compile(r"(?:[\w\-.]|\\[!-/:-@\[-`{-~])++")
_PATH = re.compile(r"[^ \t\n\r\f\v<]*+")
_ENTITY_TAIL = re.compile(r"&[A-Za-z0-9]+;\Z")
_TRAILING_PUNCT = frozenset("?!.,:*_~'\"")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_+")
_EMAIL_DOMAIN = re.compile(r"[A-Za-z0-9\-_]++(?:\.[A-Za-z0-9][A-Za-z0-9\-_]*+)++")


def autolink_boundary(text: str, i: int) -> bool:
    """Whether an extended autolink may start at i.

    ``www.`` must start a line or follow whitespace, ``*``, ``_``, ``~`` or ``(``; a
    scheme only must not continue a word (``xhttp://`` is not ``http://``).
    """
    if i == 0:
        return True
    c = text[i - 1]
    if text.startswith("www.", i):
        return c in "*_~(" or is_ws(c)
    return c not in _ASCII_LETTERS


def _trim_autolink(link: str) -> str:
    """Drop trailing punctuation, unbalanced ')' and a trailing entity-like ``&x;``."""
    opens, closes = link.count("("), link.count(")")
    k = len(link)
    while k:
        c = link[k - 1]
        if c in _TRAILING_PUNCT:
            k -= 1
        elif c == ")" and closes > opens:
            closes -= 1
            k -= 1
        elif c == ";" and (m := _ENTITY_TAIL.search(link, 0, k)) is not None:
            k = m.start()
        else:
            break
    return link[:k]


def extended_autolink(text: str, i: int) -> tuple[int, str] | None:
    """``www.``/``http://``/``https://``/``ftp://`` autolink at i: (end, url), or None."""
    if text.startswith("www.", i):
        d0, prefix, least = i, "http://", 4
    else:
        d0 = text.index("://", i) + 3
        prefix, least = "", d0 - i
    m = _HOST.match(text, d0)
    if m is None:
        return None
    parts = m.group().split(".")
    if len(parts) <= 11 and ("_" in parts[-1] or (len(parts) > 1 and "_" in parts[-2])):
        return None
    end = _PATH.match(text, m.end()).end()  # type: ignore[union-attr]
    link = _trim_autolink(text[i:end])
    if len(link) <= least:
        return None
    return i + len(link), prefix + link


def find_emails(s: str) -> list[tuple[int, int]]:
    """Extended email autolinks in a text run: (start, end) spans, left to right."""
    spans: list[tuple[int, int]] = []
    floor = 0
    at = s.find("@")
    while at >= 0:
        j = at
        while j > floor and s[j - 1] in _EMAIL_LOCAL:
            j -= 1
        m = _EMAIL_DOMAIN.match(s, at + 1) if j < at else None
        if m is not None and m.group()[-1] in _ASCII_LETTERS and not s.startswith("@", m.end()):
            spans.append((j, m.end()))
            floor = m.end()
        at = s.find("@", max(at + 1, floor))
    return spans
