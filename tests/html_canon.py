"""Canonical forms of HTML, to compare what MediaWiki renders with CommonMark's reference HTML.

Two fragments that a reader sees as the same document should canonicalise the same, while a
difference in visible text or in element structure still shows. Built on the stdlib
:mod:`html.parser`, this works on the stream of tags and text: it builds no tree and applies no
HTML tag-omission rules (an unclosed ``<li>`` stays unclosed).

Rules, in the order they are applied:

1. Comments, doctypes and processing instructions are dropped (MediaWiki emits
   ``<!-- NewPP limit report ... -->`` and the like). ``<!-->`` and ``<!--->`` are whole empty
   comments, as an HTML5 parser reads them.
2. All attributes are ignored: classes, ids, hrefs, titles, ``mw-empty-elt``... The one use of an
   attribute is rule 10 (an image's ``alt`` in :func:`visible_text`).
3. Tag aliases: ``em`` is ``i``; ``strong`` is ``b``; ``del`` and ``strike`` are ``s``.
4. Wrappers: the tags (not the content) of every ``div`` and ``span`` are dropped. This drops
   MediaWiki's outer ``div.mw-parser-output`` and the ``span.mw-headline`` around heading text,
   and with them heading ids and anchors. A dropped ``div`` still ends a line for rule 7.
   ``tbody`` tags are dropped too: HTML parsers (MediaWiki's RemexHtml, browsers) insert them
   into a ``table`` that has none, as in CommonMark's raw-HTML examples.
5. ``pre>code`` is ``pre``: the tags of a ``code`` element directly inside ``pre`` are dropped,
   so CommonMark's ``<pre><code>x</code></pre>`` equals MediaWiki's ``<pre>x</pre>``.
6. Void elements (``br``, ``hr``, ``img``, ...) give one start token: ``<br>``, ``<br/>`` and
   ``<br />`` are the same; end tags of void elements (``</br>``) are ignored.
7. Text: character references are decoded; each run of whitespace (space, tab, CR, LF, FF, and
   the no-break spaces U+00A0 and U+202F, which MediaWiki puts before ``: ; ! ? »`` and after
   ``«``) becomes one space, also inside ``pre`` (so code indentation is not compared). Whitespace
   at the start or end of a line, that is next to a block tag (``p``, ``li``, ``h1``...,
   ``pre``, ``div``, ...) or a ``br``, is removed, and so is a space right after a space across
   inline tags (not across an ``img``), as a browser would. The start and the end of the
   fragment count as line ends. Text split by dropped tags is joined into one token.
8. Empty paragraphs are dropped: ``<p></p>`` and ``<p><br></p>``, that is a ``p`` holding
   nothing but ``br`` and whitespace (MediaWiki's ``p.mw-empty-elt`` and extra blank lines).

:func:`structure` returns the resulting tokens: ``<name>`` for a start tag, ``</name>`` for an
end tag, and text wrapped in double quotes (``'"some text"'``), so no text can pass for a tag.

:func:`visible_text` returns the text alone, with these further rules:

9. Every block tag and ``br`` counts as one space (so a line break and a paragraph break are the
   same: only the characters and their order are compared), then whitespace is folded and the
   ends trimmed.
10. An ``<img>`` contributes its ``alt`` text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["structure", "visible_text"]

ALIASES = {"em": "i", "strong": "b", "del": "s", "strike": "s"}
WRAPPERS = frozenset({"div", "span", "tbody"})
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Tags at which a line starts or ends: whitespace next to them is not rendered.
BLOCK = frozenset(
    """address article aside blockquote body br caption center dd details dialog dir div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li
    main menu nav ol p pre section summary table tbody td tfoot th thead tr ul""".split()
)
# Inline elements that show something other than text (a space next to them is rendered).
REPLACED = frozenset({"img", "input"})
WHITESPACE = re.compile("[ \t\r\n\f\u00a0\u202f]+")
# HTML5 reads "<!-->" and "<!--->" as whole empty comments (abrupt-closing-of-empty-comment);
# html.parser would run them on to the next "-->".
_ABRUPT_EMPTY_COMMENT = re.compile(r"<!---?>")

# Token kinds of the raw stream.
OPEN, CLOSE, TEXT, BREAK = "open", "close", "text", "break"
Token = tuple[str, str]


class _Tokenizer(HTMLParser):
    """Turn HTML into a raw token stream applying rules 1-6."""

    def __init__(self, alt_text: bool) -> None:
        """Set up; ``alt_text`` makes an image's alt attribute a text token (rule 10)."""
        super().__init__(convert_charrefs=True)
        self.alt_text = alt_text
        self.tokens: list[Token] = []
        self.stack: list[tuple[str, bool]] = []  # open elements: (name, token emitted)

    def _emit(self, kind: str, value: str) -> None:
        """Append a token, joining adjacent text."""
        if kind == TEXT and self.tokens and self.tokens[-1][0] == TEXT:
            self.tokens[-1] = (TEXT, self.tokens[-1][1] + value)
        else:
            self.tokens.append((kind, value))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Handle a start tag."""
        name = ALIASES.get(tag, tag)
        if name in VOID:
            self._emit(OPEN, name)
            if name == "img" and self.alt_text:
                self._emit(TEXT, dict(attrs).get("alt") or "")
            return
        in_pre = bool(self.stack) and self.stack[-1][0] == "pre"
        dropped = name in WRAPPERS or (name == "code" and in_pre)
        self.stack.append((name, not dropped))
        if not dropped:
            self._emit(OPEN, name)
        elif name in BLOCK:
            self._emit(BREAK, name)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Handle ``<x/>``: a void element, or an element opened and closed at once."""
        self.handle_starttag(tag, attrs)
        if ALIASES.get(tag, tag) not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        """Handle an end tag, closing the innermost open element of that name."""
        name = ALIASES.get(tag, tag)
        if name in VOID:
            return
        emitted = name not in WRAPPERS
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == name:
                emitted = self.stack[i][1]
                del self.stack[i:]
                break
        if emitted:
            self._emit(CLOSE, name)
        elif name in BLOCK:
            self._emit(BREAK, name)

    def handle_data(self, data: str) -> None:
        """Handle text (character references already decoded)."""
        self._emit(TEXT, data)


def _canonical_tokens(html: str, alt_text: bool) -> list[Token]:
    """Tokenise and apply rules 1-8, leaving no BREAK tokens."""
    parser = _Tokenizer(alt_text)
    parser.feed(_ABRUPT_EMPTY_COMMENT.sub("<!---->", html))
    parser.close()
    out: list[Token] = []
    line_text: int | None = None  # index in out of the last text token of the current line
    ends_space = True  # at a line start, or after text ending in a space
    for kind, value in parser.tokens:
        if kind == TEXT:
            text = WHITESPACE.sub(" ", value)
            if ends_space:
                text = text.lstrip(" ")
            if text:
                out.append((TEXT, text))
                line_text = len(out) - 1
                ends_space = text.endswith(" ")
            continue
        if value in BLOCK:  # a line ends here: drop trailing whitespace of the line
            if line_text is not None:
                stripped = out[line_text][1].rstrip(" ")
                if stripped:
                    out[line_text] = (TEXT, stripped)
                else:
                    del out[line_text]
            line_text, ends_space = None, True
        elif value in REPLACED:  # inline content that is not text: a space after it shows
            line_text, ends_space = None, False
        if kind != BREAK:
            out.append((kind, value))
    if line_text is not None:  # the end of the fragment ends its last line too
        stripped = out[line_text][1].rstrip(" ")
        if stripped:
            out[line_text] = (TEXT, stripped)
        else:
            del out[line_text]
    return _drop_empty_paragraphs(out)


def _drop_empty_paragraphs(tokens: list[Token]) -> list[Token]:
    """Rule 8: remove each ``p`` that holds only ``br`` tokens."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == (OPEN, "p"):
            j = i + 1
            while j < len(tokens) and tokens[j] == (OPEN, "br"):
                j += 1
            if j < len(tokens) and tokens[j] == (CLOSE, "p"):
                i = j + 1
                continue
        out.append(tokens[i])
        i += 1
    return out


def structure(html: str) -> list[str]:
    """Return the canonical token list of ``html``: ``<x>``, ``</x>`` and ``"text"``."""
    names = {OPEN: "<{}>", CLOSE: "</{}>", TEXT: '"{}"'}
    return [names[kind].format(value) for kind, value in _canonical_tokens(html, alt_text=False)]


def visible_text(html: str) -> str:
    """Return the text a reader sees in ``html``, folded to single spaces."""
    parts: list[str] = []
    for kind, value in _canonical_tokens(html, alt_text=True):
        if kind == TEXT:
            parts.append(value)
        elif value in BLOCK:
            parts.append(" ")
    return WHITESPACE.sub(" ", "".join(parts)).strip()
