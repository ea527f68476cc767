"""Every wikitext escaping rule of the writer, in one place.

The rule, after Parsoid's ``WikitextEscapeHandlers``: text is escaped only where
MediaWiki's parser would otherwise read it as markup, and only the smallest unit
is neutralised -- a multi-character sequence is wrapped in ``<nowiki>``, a single
character at a node boundary becomes a numeric entity, and a hazard at the start
of a line gets a ``<nowiki/>`` in front.  No character is ever dropped or
changed in what the reader sees.  The answer key is MediaWiki core's
``tests/parser/wtEscaping.txt``.
"""

from __future__ import annotations

import re

# $wgUrlProtocols of MediaWiki 1.39 (DefaultSettings), except the protocol-relative "//".
URL_PROTOCOLS = (
    "bitcoin:",
    "ftp://",
    "ftps://",
    "geo:",
    "git://",
    "gopher://",
    "http://",
    "https://",
    "irc://",
    "ircs://",
    "magnet:",
    "mailto:",
    "matrix:",
    "mms://",
    "news:",
    "nntp://",
    "redis://",
    "sftp://",
    "sip:",
    "sips:",
    "sms:",
    "ssh://",
    "svn://",
    "tel:",
    "telnet://",
    "urn:",
    "worldwind://",
    "xmpp:",
)
_PROTOCOL_ALT = "|".join(re.escape(p) for p in URL_PROTOCOLS)

# Sanitizer::getRecognizedTagData() of 1.39 plus the parser/extension tags this wiki family
# understands; any other "<name" renders as text in MediaWiki.
ALLOWED_HTML_TAGS = frozenset(
    """b bdi del i ins u font big small sub sup h1 h2 h3 h4 h5 h6 cite code em s strike strong
    tt var div center blockquote ol ul dl table caption pre ruby rb rp rt rtc p span abbr dfn
    kbd samp data time mark br wbr hr li dt dd td th tr q""".split()
)
EXTENSION_TAGS = frozenset(
    "nowiki pre ref references syntaxhighlight source gallery indicator includeonly noinclude "
    "onlyinclude math chem templatestyles templatedata poem score section".split()
)

# Sequences that MediaWiki reads as markup anywhere in a line (Help:Formatting, Help:Links,
# Help:Templates, Help:Signatures, Help:Magic words, free external links).
_INLINE_HAZARD = re.compile(
    r"'{2,}"  # italic / bold apostrophes
    r"|\[\[|\]\]"  # internal links
    r"|\{\{|\}\}"  # templates and parameters
    r"|-\{|\}-"  # LanguageConverter markup
    r"|~{3,}"  # signatures
    r"|__[A-Za-z0-9_]+?__"  # behaviour switches (__NOTOC__), matched case-insensitively by MW
    r"|\[(?=(?:" + _PROTOCOL_ALT + r"|//))"  # bracketed external link
    # free external link; no \b: MediaWiki sees a <nowiki> before it as a word boundary
    r"|(?:" + _PROTOCOL_ALT + r")(?=[^\s\]<>\"])",
    re.IGNORECASE,
)
# An "&" that would start a character reference, a "<" that would start a tag or comment.
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")

# Line-start hazards (Help:Lists, Help:Sections, Help:Tables, Help:Formatting "pre").
_LINE_START_HAZARD = re.compile(r"[*#:;\s=]|-{4}|\{\|")

_BOUNDARY_ENTITY = {"'": "&#39;", "[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;"}


def escape_entities(text: str) -> str:
    """Neutralise ``&`` and ``<`` so a character reference or tag reads as text."""
    if "&" in text:
        text = _ENTITY_LIKE.sub("&amp;", text)
    return _TAG_LIKE.sub("&lt;", text) if "<" in text else text


# Every match of _INLINE_HAZARD contains one of these characters (each URL protocol has a
# ":"); text without them is returned untouched, which spares the slow case-insensitive scan.
_INLINE_HAZARD_CHARS = re.compile(r"['\[\]{}~_:]")


def escape_wiki_markup(text: str) -> str:
    """Wrap each sequence MediaWiki would read as markup inside a line in ``<nowiki>``."""
    if _INLINE_HAZARD_CHARS.search(text) is None:
        return text
    return _INLINE_HAZARD.sub(lambda m: f"<nowiki>{m.group(0)}</nowiki>", text)


def escape_text(text: str) -> str:
    """Escape running text so no part of it is read as wiki markup inside a line."""
    text = escape_wiki_markup(escape_entities(text))
    # A line break inside text (from &#10;) would end the line, or the paragraph.
    return (
        text.replace("\n", "&#10;").replace("\r", "&#13;") if "\n" in text or "\r" in text else text
    )


def escape_line_start(line: str) -> str:
    """Put ``<nowiki/>`` before a line that would open a list, heading, rule, table or pre."""
    if line and _LINE_START_HAZARD.match(line):
        return "<nowiki/>" + line
    return line


def escape_cell(text: str, header: bool = False) -> str:
    """Escape text already escaped by :func:`escape_text` for use inside a table cell."""
    text = text.replace("|", "&#124;")
    if header:
        text = text.replace("!!", "&#33;&#33;")
    return text


def escape_heading(text: str) -> str:
    """Keep ``=`` at either end of a heading's text from joining the heading markers."""
    if text.endswith("="):
        text = text[:-1] + "&#61;"
    if text.startswith("="):
        text = "&#61;" + text[1:]
    return text


def escape_external_label(text: str) -> str:
    """Keep a ``]`` in an external link's label from closing the link."""
    return text.replace("]", "&#93;")


def escape_url(url: str) -> str:
    """Percent-encode what would end or break a bracketed external link's URL."""
    out = []
    for ch in url:
        if ch in " \t\n[]<>\"'{}|" or ord(ch) < 0x20:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    return "".join(out)


def has_url_protocol(url: str) -> bool:
    """Tell whether MediaWiki would accept ``url`` as an external link target."""
    lowered = url.lower()
    return lowered.startswith("//") or any(lowered.startswith(p) for p in URL_PROTOCOLS)


def escape_nowiki_body(text: str) -> str:
    """Escape text for the inside of ``<nowiki>`` or ``<pre>`` (entities still decode there)."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def escape_attribute(value: str) -> str:
    """Escape a value for a double-quoted HTML attribute."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def boundary_entity(ch: str) -> str:
    """The entity that neutralises ``ch`` where it would join a neighbour's markup."""
    return _BOUNDARY_ENTITY[ch]


def joins_markup(left: str, right: str) -> bool:
    """Tell whether ``left`` followed by ``right`` would form a markup token."""
    return bool(left and right) and left[-1] == right[0] and left[-1] in _BOUNDARY_ENTITY


def code_needs_nowiki(text: str) -> bool:
    """Tell whether text inside ``<code>`` must be wrapped in ``<nowiki>``."""
    return bool(_INLINE_HAZARD.search(text))


def is_allowed_tag(name: str) -> bool:
    """Tell whether MediaWiki renders an HTML tag of this name rather than showing it."""
    name = name.lower()
    return name in ALLOWED_HTML_TAGS or name in EXTENSION_TAGS


_TRAIL = re.compile(r"[a-z]")


def would_join_link_trail(text: str) -> bool:
    """Tell whether text after ``]]`` would be swallowed as a link trail (English wikis)."""
    return bool(_TRAIL.match(text))


_TITLE_UNSAFE = re.compile(r"[<>\[\]{}|\x00-\x1f\x7f]|%(?![0-9A-Fa-f]{2})")
_RELATIVE_DOTS = re.compile(r"(?:^|/)\.\.?(?:/|$)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def page_target_from_url(url: str) -> str | None:
    """The wikilink target for a relative URL, percent-encoding what titles cannot hold.

    MediaWiki decodes ``%XX`` in link targets, so ``foo%20bar`` links to "foo bar" as the
    URL means; an empty URL is the page itself (``#``), a leading ``./`` is dropped; URLs with
    a scheme MediaWiki cannot link, and ``../`` paths, give None.
    """
    if not url:
        return "#"  # the page itself, as href="" means
    while url.startswith("./"):
        url = url[2:]
    if not url or _SCHEME.match(url) or _RELATIVE_DOTS.search(url.split("#", 1)[0]):
        return None
    page, hash_, fragment = url.partition("#")
    encode = lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8"))  # noqa: E731
    page = _TITLE_UNSAFE.sub(encode, page)
    fragment = _TITLE_UNSAFE.sub(encode, fragment).replace("#", "%23")
    return page + hash_ + fragment


def link_markup(url: str) -> tuple[str, str] | None:
    """The opening and closing markup of a link to ``url`` around its label, or None.

    A URL with a protocol MediaWiki links is an external link ``[url label]``; a relative URL
    that names a page is a wikilink ``[[Page|label]]``; anything else cannot be linked.
    """
    if has_url_protocol(url):
        return f"[{escape_url(url)} ", "]"
    target = page_target_from_url(url)
    return (f"[[{target}|", "]]") if target is not None else None


# BlockLevelPass::execute() of 1.39: a line holding one of these tags is not wrapped in <p>.
# The pass runs after the sanitizer, so only a whole tag counts: "<div" with no ">" before
# the next "<" is escaped to text (Sanitizer::removeHTMLtags) and gets wrapped.
_WHOLE_TAG = r"(?=[^<>]*>)"
_MW_BLOCK_OPEN = re.compile(
    r"<((table|h[1-6]|pre|p|ul|ol|dl)|/(td|th)|/?(tr|caption|dt|dd|li))\b" + _WHOLE_TAG,
    re.IGNORECASE,
)
_MW_BLOCK_CLOSE = re.compile(
    r"<(/(table|h[1-6]|pre|p|ul|ol|dl)|(td|th)|/?(center|blockquote|div|hr|mw:|aside|figure))\b"
    + _WHOLE_TAG,
    re.IGNORECASE,
)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


# Elements the HTML tidier (RemexCompatMunger) treats as blocks: text or an inline element
# outside all of them, at the top of the page, is wrapped in <p> even on a line that
# BlockLevelPass leaves alone.
_TIDY_BLOCKS = frozenset(
    """address article aside blockquote caption center dd details dir div dl dt fieldset
    figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table
    tbody td tfoot th thead tr ul""".split()
)
_TAG_TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")


def gets_paragraph_wrapped(line: str) -> bool:
    """Tell whether MediaWiki would put part of this one line in a ``<p>``."""
    visible = _COMMENT.sub("", line)
    if not visible.strip():
        return False
    if not (_MW_BLOCK_OPEN.search(visible) or _MW_BLOCK_CLOSE.search(visible)):
        return True  # BlockLevelPass wraps the line
    return _has_top_level_inline(visible)


def _has_top_level_inline(html: str) -> bool:
    """Tell whether text or an inline element of ``html`` lies outside every block element."""
    depth, pos = 0, 0
    for m in _TAG_TOKEN.finditer(html):
        if depth == 0 and html[pos : m.start()].strip():
            return True
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        pos = m.end()
        if name == "nowiki" and self_closing:
            continue  # <nowiki/> renders as nothing
        if name not in _TIDY_BLOCKS:
            if depth == 0 and not closing:
                return True  # an inline element, or a disallowed tag shown as text
        elif closing:
            depth = max(0, depth - 1)
        elif not self_closing and name != "hr":
            depth += 1
    return depth == 0 and bool(html[pos:].strip())
