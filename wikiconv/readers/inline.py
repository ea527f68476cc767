"""Inline reader: CommonMark 0.31.2 §6 inlines, GFM extensions and MediaWiki inline markup.

Two stages (CommonMark Appendix A, "A parsing strategy"):

1. ``grammar/inline.lark`` defines the inline *tokens*; :mod:`.inline_tokens` turns its
   terminals into one scanner regex, matched from any offset.
2. A left-to-right Python pass over the tokens keeps a linked list of nodes, the
   delimiter stack (:mod:`.inline_delimiters`) and a stack of openers: link brackets
   ``[``/``![`` (§6.3, §6.4), wiki-link labels ``[[target|`` (Help:Links) and
   ``<ref>`` (Help:Cite).  A closer only looks at the top opener, so constructs nest
   but never cross.  Whatever stays unmatched is literal text.

Every step is amortised O(1) per input character (searches are memoised or bounded),
and nothing recurses on input nesting.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ..html_tags import anchor_href, decode_entities, decode_entity, is_anchor_close
from ..model import (
    Code,
    Comment,
    Inline,
    LineBreak,
    Link,
    MagicWord,
    Pos,
    RawHtml,
    Ref,
    SoftBreak,
    Template,
    Text,
)
from . import inline_scanners as sc
from .inline_delimiters import NodeList, flanking
from .inline_links import Openers
from .inline_postprocess import MAX_INLINE_NESTING, limit_nesting, link_emails
from .inline_scanners import normalize_label
from .inline_tokens import inline_grammar, iter_tokens, scanner

__all__ = ["InlineContext", "inline_grammar", "iter_tokens", "normalize_label", "parse_inlines"]


@dataclass
class InlineContext:
    """What inline parsing needs from the rest of the document."""

    link_refs: dict[str, tuple[str, str]]
    footnotes: set[str] = field(default_factory=set)
    source_name: str = "<string>"
    # False: CommonMark 0.31.2 alone, without the GFM and MediaWiki inline extensions.
    extensions: bool = True


_NEWLINE = re.compile("\n")

# Characters that may start anything but plain text; text without them is one Text.
_SPECIAL = re.compile(r"[\\`*_~\[\]!<&{}\n@]|www\.|://")


def parse_inlines(
    text: str, context: InlineContext, origins: list[Pos] | None = None
) -> list[Inline]:
    """Parse a block's inline content into model inlines (never raises on any string)."""
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    if not text:
        return []
    if _SPECIAL.search(text) is None:  # plain text: one node at the text's first position
        if origins is None:
            return [Text(text, pos=Pos(1, 1))]
        return [Text(text, pos=origins[0] if origins else None)]
    out = _Parser(text, context, origins).run()
    if len(text) > 2 * MAX_INLINE_NESTING:  # each level takes at least two characters
        limit_nesting(out)
    return out


class _Parser:
    """One run of the token pass over one block's inline text."""

    def __init__(self, text: str, context: InlineContext, origins: list[Pos] | None) -> None:
        self.text = text
        self.ctx = context
        self.origins = origins
        self.pos = 0
        self.nodes = NodeList(self.make_pos)
        self.links = Openers(
            text,
            self.nodes,
            context.link_refs,
            context.footnotes,
            _reparser(context),
            wiki_links=context.extensions,
        )
        self.finder = sc.Finder(text)
        self._line_starts: list[int] | None = None
        self._ticks: dict[int, list[int]] | None = None
        self._braces: dict[int, tuple[int, int]] | None = None

    # ---------------------------------------------------------------- positions

    def make_pos(self, off: int) -> Pos | None:
        """Source position of a text offset (via ``origins`` when given)."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]
        starts = self._line_starts
        line = 0 if len(starts) == 1 else bisect_right(starts, off) - 1
        col = off - starts[line]
        if self.origins is None:
            return Pos(line + 1, col + 1)
        if line >= len(self.origins):
            return None
        origin = self.origins[line]
        return Pos(origin.line, origin.column + col)

    # ----------------------------------------------------------------- main loop

    def run(self) -> list[Inline]:
        """Scan tokens left to right, then close what is left open."""
        text, n, nodes = self.text, len(self.text), self.nodes
        extensions = self.ctx.extensions
        scan = scanner(extensions)
        handlers = _HANDLERS if extensions else _COMMONMARK_HANDLERS
        while self.pos < n:
            s = self.pos
            m = scan(text, s)
            assert m is not None and m.lastgroup is not None  # OTHER matches any character
            e = self.pos = m.end()
            kind = m.lastgroup
            if kind == "TEXT":
                if (
                    extensions
                    and self.links.open_brackets == 0  # GFM: no extended autolinks in brackets
                    and (text.find("www.", s, e) >= 0 or text.find("://", s, e) >= 0)
                    and self._extended_autolink(s, e)
                ):
                    continue
                value = text[s:e]
                nodes.append(Text(value.rstrip(" \t") if text.startswith("\n", e) else value), s)
            else:
                handlers[kind](self, s, e)
        self.links.fail_all()
        nodes.process_emphasis(None)
        out = nodes.collect(nodes.head.next, None)
        nodes.dispose()
        if extensions and "@" in text:
            link_emails(out)
        return out

    # Handlers that only call an opener-stack method and continue where it says.

    def _open_brackets(self, s: int, e: int) -> None:
        self.pos = self.links.on_open_brackets(s, e)

    def _close_brackets(self, s: int, e: int) -> None:
        self.pos = self.links.on_close_brackets(s, e)

    def _ref_open(self, s: int, e: int) -> None:
        self.pos = self.links.on_ref_open(s, e)

    def _ref_close(self, s: int, e: int) -> None:
        self.pos = self.links.on_ref_close(s, e)

    # ------------------------------------------------------------ simple tokens

    def _literal(self, s: int, e: int) -> None:
        self.nodes.append(Text(self.text[s:e]), s)

    def _escape(self, s: int, e: int) -> None:
        """§2.4: a backslash-escaped ASCII punctuation character is literal."""
        self.nodes.append(Text(self.text[s + 1]), s)

    def _hard_break(self, s: int, e: int) -> None:
        """§6.7: a backslash at the end of a line."""
        self.nodes.append(LineBreak(pos=self.make_pos(s)), s)

    def _magic_word(self, s: int, e: int) -> None:
        """Help:Magic words: ``__NOTOC__`` and the other behaviour switches."""
        self.nodes.append(MagicWord(self.text[s + 2 : e - 2], pos=self.make_pos(s)), s)

    def _newline(self, s: int, e: int) -> None:
        """§6.7/§6.8: a line ending after two or more spaces is hard, else soft."""
        hard = s >= 2 and self.text[s - 2 : s] == "  "
        self.nodes.append(LineBreak() if hard else SoftBreak(), s)

    def _entity(self, s: int, e: int) -> None:
        decoded = decode_entity(self.text[s:e])
        self.nodes.append(Text(self.text[s:e] if decoded is None else decoded), s)

    def _code_span(self, s: int, e: int) -> None:
        """§6.1: the closer is the next backtick string of the same length, else literal."""
        if self._ticks is None:
            self._ticks = {}
            for m in re.finditer("`+", self.text):
                self._ticks.setdefault(m.end() - m.start(), []).append(m.start())
        starts = self._ticks.get(e - s, [])
        i = bisect_right(starts, e - 1)
        if i == len(starts):
            self._literal(s, e)
            return
        q = starts[i]
        self.nodes.append(Code(sc.code_span_text(self.text[e:q]), pos=self.make_pos(s)), s)
        self.pos = q + (e - s)

    def _delimiter_run(self, s: int, e: int) -> None:
        """§6.2 delimiter runs of * and _; GFM strikethrough runs of one or two ~."""
        text = self.text
        if text[s] == "~" and e - s > 2:
            self._literal(s, e)
            return
        before = text[s - 1] if s else "\n"
        after = text[e] if e < len(text) else "\n"
        can_open, can_close = flanking(text[s], before, after)
        self.nodes.push_delim(text[s:e], s, can_open, can_close)

    def _autolink(self, s: int, e: int) -> None:
        """§6.5 autolink ``<scheme:...>``; entities decoded, backslashes kept."""
        shown = decode_entities(self.text[s + 1 : e - 1])
        self.nodes.append(Link(shown, [Text(shown)], autolink=True, pos=self.make_pos(s)), s)

    def _email_autolink(self, s: int, e: int) -> None:
        """§6.5 email autolink ``<user@host>``: the URL gets ``mailto:``."""
        shown = self.text[s + 1 : e - 1]
        node = Link("mailto:" + shown, [Text(shown)], autolink=True, pos=self.make_pos(s))
        self.nodes.append(node, s)

    def _extended_autolink(self, s: int, e: int) -> bool:
        """GFM extended www./http(s):// autolinks inside a text run (not inside brackets)."""
        text = self.text
        for m in sc.EXT_AUTOLINK_START.finditer(text, s, e):
            c = m.start()
            if not sc.autolink_boundary(text, c):
                continue
            found = sc.extended_autolink(text, c)
            if found is None:
                continue
            end, url = found
            if c > s:
                self.nodes.append(Text(text[s:c]), s)
            self.nodes.append(
                Link(url, [Text(text[c:end])], autolink=True, pos=self.make_pos(c)), c
            )
            self.pos = end
            return True
        return False

    # ----------------------------------------------------------------- raw HTML

    def _raw_html(self, s: int, e: int) -> None:
        self.nodes.append(RawHtml(self.text[s:e], pos=self.make_pos(s)), s)

    def _open_tag(self, s: int, e: int) -> None:
        """§6.6 open tag; ``<a href="…">`` may open a link that ``</a>`` closes (a browser's
        reading of the raw HTML, and the only one wikitext can keep)."""
        anchor = anchor_href(self.text[s:e]) if self.text[s + 1] in "aA" else None
        if anchor is None or self.links.open_anchors:  # no link inside a link: stays raw
            self._raw_html(s, e)
        else:
            self.pos = self.links.on_anchor_open(s, e, *anchor)

    def _closing_tag(self, s: int, e: int) -> None:
        """§6.6 closing tag; ``</a>`` closes an open ``<a href>`` into a link."""
        if self.links.open_anchors and is_anchor_close(self.text[s:e]):
            self.pos = self.links.on_anchor_close(s, e)
        else:
            self._raw_html(s, e)

    def _comment(self, s: int, e: int) -> None:
        """§6.6 HTML comment: ``<!-->``, ``<!--->`` or ``<!--`` ... ``-->``."""
        end = self.finder.find("-->", s + 2)
        if end < 0:
            self._literal(s, s + 1)  # only "<" is text; rescan after it
            self.pos = s + 1
            return
        self.nodes.append(Comment(self.text[s + 4 : max(end, s + 4)], pos=self.make_pos(s)), s)
        self.pos = end + 3

    def _html_until(self, closer: str, s: int, e: int) -> None:
        """§6.6 processing instruction, declaration or CDATA section up to ``closer``."""
        end = self.finder.find(closer, e)
        if end < 0:
            self._literal(s, s + 1)  # only "<" is text; rescan after it
            self.pos = s + 1
            return
        self.pos = end + len(closer)
        self.nodes.append(RawHtml(self.text[s : self.pos], pos=self.make_pos(s)), s)

    def _processing_instruction(self, s: int, e: int) -> None:
        self._html_until("?>", s, e)

    def _declaration(self, s: int, e: int) -> None:
        self._html_until(">", s, e)

    def _cdata(self, s: int, e: int) -> None:
        self._html_until("]]>", s, e)

    def _separator(self, s: int, e: int) -> None:
        """``<nowiki/>`` only separates (it stops a link trail, for instance)."""

    def _nowiki(self, s: int, e: int) -> None:
        """``<nowiki>...</nowiki>``: the body is literal text."""
        start, end = self.finder.search(sc.NOWIKI_CLOSE, e)
        if start < 0:
            self._literal(s, e)
            return
        self.nodes.append(Text(self.text[e:start]), e)
        self.pos = end

    # ---------------------------------------------------------------- templates

    def _template(self, s: int, e: int) -> None:
        """Help:Templates: ``{{...}}``/``{{{...}}}`` verbatim up to the matching braces."""
        if e - s >= 2:
            if self._braces is None:
                self._braces = sc.match_braces(self.text, sc.Finder(self.text))
            for i in range(s, e - 1):
                hit = self._braces.get(i)
                if hit is not None:
                    if i > s:
                        self.nodes.append(Text(self.text[s:i]), s)
                    end, k = hit
                    raw = self.text[i:end]
                    name = sc.split_pipes(raw[k:-k])[0].strip()
                    self.nodes.append(Template(name, raw, pos=self.make_pos(i)), i)
                    self.pos = end
                    return
        self._literal(s, e)

    def _ref_empty(self, s: int, e: int) -> None:
        """Help:Cite self-closing ``<ref name=... />``: a reuse without content."""
        name, group = sc.ref_attributes(self.text[s:e])
        self.nodes.append(Ref(name, None, group, pos=self.make_pos(s)), s)


def _reparser(context: InlineContext) -> Callable[[str, Pos | None], list[Inline]]:
    """Parse a piece of text again in the same context (no reference back to the parser)."""

    def reparse(text: str, origin: Pos | None) -> list[Inline]:
        return parse_inlines(text, context, [origin] if origin is not None else None)

    return reparse


# Token name -> handler(parser, start, end); a handler may move ``parser.pos``.
_HANDLERS: dict[str, Callable[[_Parser, int, int], None]] = {
    "NEWLINE": _Parser._newline,
    "HARDBREAK": _Parser._hard_break,
    "ESCAPE": _Parser._escape,
    "BACKTICKS": _Parser._code_span,
    "STARS": _Parser._delimiter_run,
    "UNDERSCORES": _Parser._delimiter_run,
    "TILDES": _Parser._delimiter_run,
    "MAGIC_WORD": _Parser._magic_word,
    "OPEN_BRACKETS": _Parser._open_brackets,
    "CLOSE_BRACKETS": _Parser._close_brackets,
    "OPEN_BRACES": _Parser._template,
    "CLOSE_BRACES": _Parser._literal,
    "AUTOLINK": _Parser._autolink,
    "EMAIL_AUTOLINK": _Parser._email_autolink,
    "OPEN_TAG": _Parser._open_tag,
    "CLOSING_TAG": _Parser._closing_tag,
    "COMMENT_START": _Parser._comment,
    "PI_START": _Parser._processing_instruction,
    "DECLARATION_START": _Parser._declaration,
    "CDATA_START": _Parser._cdata,
    "REF_OPEN": _Parser._ref_open,
    "REF_EMPTY": _Parser._ref_empty,
    "REF_CLOSE": _Parser._ref_close,
    "NOWIKI_OPEN": _Parser._nowiki,
    "NOWIKI_EMPTY": _Parser._separator,
    "ENTITY": _Parser._entity,
    "OTHER": _Parser._literal,
}

# Plain CommonMark: no strikethrough, templates or wiki tokens (those are not scanned).
_COMMONMARK_HANDLERS = {
    **_HANDLERS,
    "TILDES": _Parser._literal,
    "OPEN_BRACES": _Parser._literal,
}
