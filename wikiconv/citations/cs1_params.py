"""CS1 parameter rules: escaping a value, the text CS1 rejects or flags, pages and labels.

Everything here is a pure function or a word list; the writer (``cs1.py``) applies them and
turns what they report into warnings.
"""

from __future__ import annotations

import re

from wikiconv.citations.citation import Citation, PartialDate
from wikiconv.citations.lazy_re import lazy_re
from wikiconv.citations.whitespace import normalise_space
from wikiconv.writers.wikitext_escape import escape_entities, escape_url, escape_wiki_markup

# Names that CS1 (or any reader) takes for junk in an author or editor field.
GENERIC_NAMES = frozenset(
    {
        "admin",
        "administrator",
        "author",
        "authors",
        "editor",
        "editors",
        "staff",
        "staff writer",
        "staff reporter",
        "reporter",
        "correspondent",
        "contributor",
        "contributors",
        "unknown",
        "user",
        "guest",
        "webmaster",
        "press release",
        "facebook",
        "twitter",
        "instagram",
        "youtube",
        "linkedin",
        "google",
        "about us",
        "contact us",
        "home page",
        "site name",
        "super user",
        "wikipedia",
        "et al",
    }
)
# Titles CS1 reports as "Cite uses generic title" (a page's chrome, not its title).
GENERIC_TITLES = frozenset(
    {
        "page not found",
        "404",
        "404 not found",
        "not found",
        "error",
        "wayback machine",
        "internet archive wayback machine",
        "archived copy",
        "access denied",
        "attention required! | cloudflare",
        "just a moment...",
        "are you a robot?",
        "log in",
        "login",
        "sign in",
        "subscribe to read",
        "home",
        "home page",
        "index",
        "untitled",
        "website is currently unavailable",
    }
)
# Platforms that host works; naming one as the work is the commonest citation-tool mistake.
PLATFORMS = frozenset(
    {
        "youtube",
        "facebook",
        "twitter",
        "x",
        "instagram",
        "tiktok",
        "linkedin",
        "reddit",
        "medium",
        "substack",
        "google books",
        "spotify",
        "vimeo",
    }
)


# ---------------------------------------------------------------------------------------------
# Escaping


_NOWIKI_SPLIT = lazy_re(r"(<nowiki>.*?</nowiki>)", re.DOTALL)


def escape_param_value(value: str) -> str:
    """Escape plain text for the value of a named template parameter, in one place.

    The main writer's rules (``wikiconv.writers.wikitext_escape``) come first: ``&`` and ``<``
    that would start an entity or a tag become ``&amp;``/``&lt;``, and each sequence MediaWiki
    reads as markup inside a line (``''``, ``[[``, ``]]``, ``{{``, ``}}``, ``~~~``, free URLs
    ...) is wrapped in ``<nowiki>``.  Then, outside those ``<nowiki>`` spans, the characters
    that matter only inside a template are neutralised: ``|`` (which would end the value)
    becomes ``{{!}}``, and a lone ``{`` or ``}`` becomes ``&#123;``/``&#125;`` so it cannot join
    a neighbouring brace (``{{{``, or the template's own closing ``}}``).  ``=`` needs nothing
    in a named parameter.  Whitespace runs (newlines included) become one space, so the
    template stays on one line.  :func:`wikiconv.citations.from_wikitext.value_text` undoes
    all of this.
    """
    if not value:
        return ""
    text = escape_wiki_markup(escape_entities(normalise_space(value)))
    if "{" not in text and "}" not in text and "|" not in text:
        return text  # nothing to neutralise, inside <nowiki> or out
    pieces = _NOWIKI_SPLIT.split(text)
    for i in range(0, len(pieces), 2):
        pieces[i] = pieces[i].replace("{", "&#123;").replace("}", "&#125;").replace("|", "{{!}}")
    return "".join(pieces)


def escape_url_value(url: str) -> str:
    """Escape a URL for a ``url``-like parameter: percent-encode what would break it."""
    return _escape_url(url.strip())


# Every character :func:`escape_url` encodes is one of these (a quick test before its loop).
_URL_UNSAFE = lazy_re(r"[\s\[\]<>\"'{}|\x00-\x1f]")


def _escape_url(url: str) -> str:
    """:func:`escape_url`, which leaves a URL holding none of ``_URL_UNSAFE`` unchanged."""
    return escape_url(url) if _URL_UNSAFE.search(url) else url


# ---------------------------------------------------------------------------------------------
# URLs and names


_SCHEME = lazy_re(r"(?:https?|ftps?)://|^//", re.IGNORECASE)
_URL_OK = lazy_re(r"^(?:(?:https?|ftps?):)?//[^\s/?#.]+(?:\.[^\s/?#.]+)+(?::\d+)?(?:[/?#]\S*)?$")
_LOOKS_LIKE_HOST = lazy_re(
    r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:[/?#]\S*)?$"
)
_WAYBACK = lazy_re(r"^(?:https?:)?//(?:web\.)?archive\.org/web/(\d{4})(\d{2})(\d{2})\d*")


def has_url_scheme(text: str) -> bool:
    """Tell whether ``text`` holds a URL scheme (``https://``, ``ftp://``) or starts ``//``."""
    return bool(_SCHEME.search(text))


def is_cs1_url(url: str) -> bool:
    """Tell whether CS1 takes ``url`` (once escaped) as a URL: a scheme and a dotted host."""
    return bool(_URL_OK.match(_escape_url(url)))


def looks_like_host(text: str) -> bool:
    """Tell whether ``text`` is a host name, perhaps with a path, written without a scheme."""
    return bool(_LOOKS_LIKE_HOST.match(text))


def wayback_date(url: str) -> PartialDate | None:
    """The day a Wayback Machine address (``web.archive.org/web/20250101…``) was archived."""
    m = _WAYBACK.match(url)
    return PartialDate(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def strip_url_scheme(text: str) -> str:
    """Remove URL schemes (``https://``) and a bare trailing slash from a name."""
    out = _SCHEME.sub("", text)
    if out != text and re.fullmatch(r"[^\s/]+/", out):
        out = out[:-1]
    return out


def same_name(a: str, b: str) -> bool:
    """Tell whether two names (``The Guardian``, ``theguardian.com``) name the same thing."""

    def key(s: str) -> str:
        s = strip_url_scheme(s).casefold().strip()
        s = re.sub(r"^www\.", "", s)
        s = re.sub(r"\.(?:com|org|net|co|gov|edu|io|ai|news|info)(?:\.[a-z]{2})?/?$", "", s)
        s = re.sub(r"[^0-9a-z\u00c0-\uffff]+", "", s)
        return re.sub(r"^the", "", s)

    return bool(key(a)) and key(a) == key(b)


# ---------------------------------------------------------------------------------------------
# Locators and labels


_PAGE_PREFIX = lazy_re(r"^(?:pp?\.|pages?\b|pgs?\.?)\s*", re.IGNORECASE)
_PAGE_TOKEN = r"(?:[A-Za-z]{0,3}\d+[A-Za-z]?|[ivxlcdm]+|[IVXLCDM]+)"
_PAGE_RANGE = lazy_re(rf"^({_PAGE_TOKEN})\s*[-–—‒]\s*({_PAGE_TOKEN})$")
_PAGE_SINGLE = lazy_re(rf"^{_PAGE_TOKEN}$")


def classify_pages(text: str) -> tuple[str, str, list[str]]:
    """Pick ``page``, ``pages`` or ``at`` for a locator: (param, value, messages).

    A leading ``p.``/``pp.`` is removed (CS1 adds its own), hyphenated page ranges get an en
    dash, a single page goes to ``page``, a page list or range to ``pages``, anything else
    (``§ 3``, ``Table 1``) to ``at``.
    """
    v = normalise_space(text)
    msgs: list[str] = []
    stripped = v
    while _PAGE_PREFIX.match(stripped) and _PAGE_PREFIX.sub("", stripped):
        stripped = _PAGE_PREFIX.sub("", stripped)
    if stripped != v:
        msgs.append(f"pages: removed the prefix from {v!r} (CS1 writes its own 'p.')")
        v = stripped
    items = [s.strip() for s in v.split(",")]
    norm: list[str] = []
    for item in items:
        m = _PAGE_RANGE.match(item)
        if m:
            norm.append(f"{m.group(1)}–{m.group(2)}")
        elif _PAGE_SINGLE.match(item):
            norm.append(item)
        else:
            break
    else:
        if len(norm) == 1 and "–" not in norm[0]:
            return "page", norm[0], msgs
        return "pages", ", ".join(norm), msgs
    if "," not in v and not re.search(r"\s", v):
        return "page", v, msgs
    return "at", v, msgs


def strip_label(text: str, pattern: str, param: str, warnings: list[str]) -> str:
    """Remove a label such as ``vol.`` that CS1 counts as extra text, saying so."""
    v = normalise_space(text)
    if not v:
        return v
    out = v
    while True:
        shorter = re.sub(pattern, "", out, flags=re.IGNORECASE).strip()
        if not shorter or shorter == out:
            break
        out = shorter
    if out != v:
        warnings.append(f"|{param}=: removed extra text from {v!r} (CS1 adds its own label)")
        return out
    return v


# ---------------------------------------------------------------------------------------------
# The book view of a citation


def book_parts(c: Citation) -> tuple[str, str, str]:
    """Read a citation as a book: (chapter, book title, container left over).

    The model keeps "the book holding a chapter" in ``container``: a citation with a title and
    a container but no chapter is a chapter (``title``) in a book (``container``).
    """
    chapter, title, container = (normalise_space(x) for x in (c.chapter, c.title, c.container))
    if chapter:
        if title and container:
            return chapter, title, container
        return chapter, title or container, ""
    if title and container:
        return title, container, ""
    return "", title or container, ""
