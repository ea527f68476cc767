"""The opener stack of the inline reader: links, images, wiki links and ``<ref>``.

CommonMark 0.31.2 §6.3 and Appendix A ("look for link or image"), extended with
MediaWiki's ``[[target|label]]`` (Help:Links) and ``<ref>...</ref>`` (Help:Cite).  The
stack holds link brackets ``[``/``![``, wiki-label openers and refs; a closer only
looks at the top entry, so constructs nest but never cross, and an opener that is
never closed stays literal text.  Wiki labels and refs are *frames*: forming a link
inside one deactivates only the ``[`` openers of that frame ("no links in links"),
which a per-frame ``barrier`` does in O(1).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import (
    Category,
    FileLink,
    FootnoteRef,
    Image,
    Inline,
    Link,
    Pos,
    RawHtml,
    Ref,
    Text,
    WikiLink,
)
from . import inline_scanners as sc
from .inline_delimiters import Cell, Delim, NodeList

_BRACKETS = ("[", "![")
_TAGS = ("ref", "a")  # openers that are tags, not brackets
_FRAMES = ("wiki", "ref", "a")  # openers whose body is a frame of its own (links inside)
Reparse = Callable[[str, Pos | None], list[Inline]]


class Opener:
    """One stack entry; ``bottom`` is the delimiter-stack top when it was pushed."""

    __slots__ = ("kind", "cell", "bottom", "end", "seq", "bracket_after", "barrier", "data")

    def __init__(self, kind: str, cell: Cell, bottom: Delim | None, end: int, seq: int) -> None:
        self.kind = kind  # "[", "![", "wiki", "ref" or "root"
        self.cell = cell  # the node that becomes the link / stays as literal text
        self.bottom = bottom
        self.end = end  # where the link text, wiki label or ref body starts
        self.seq = seq
        self.bracket_after = False  # another bracket was pushed after this one
        self.barrier = -1  # for frames: "[" openers with seq <= barrier are inactive
        self.data: tuple[str | None, ...] = ()


class Openers:
    """The opener stack over one block's text; each method returns where to scan next."""

    def __init__(
        self,
        text: str,
        nodes: NodeList,
        link_refs: dict[str, tuple[str, str]],
        footnotes: set[str],
        reparse: Reparse,
        wiki_links: bool = True,
    ) -> None:
        self.text = text
        self.wiki_links = wiki_links  # False: "[[" is two link brackets (plain CommonMark)
        self.nodes = nodes
        self.link_refs = link_refs
        self.footnotes = footnotes
        self.reparse = reparse
        self.stack: list[Opener] = []
        self.frames = [Opener("root", nodes.head, None, 0, 0)]
        self.seq = 0
        self.open_brackets = 0  # "[", "![" and wiki labels on the stack
        self.open_refs = 0
        self.open_anchors = 0
        self._footnote_keys: dict[str, str] | None = None

    def _push(self, kind: str, cell: Cell, end: int) -> Opener:
        if kind not in _TAGS and self.stack and self.stack[-1].kind in _BRACKETS:
            self.stack[-1].bracket_after = True
        self.seq += 1
        opener = Opener(kind, cell, self.nodes.delims, end, self.seq)
        self.stack.append(opener)
        if kind in _FRAMES:
            self.frames.append(opener)
        if kind == "ref":
            self.open_refs += 1
        elif kind == "a":
            self.open_anchors += 1
        else:
            self.open_brackets += 1
        return opener

    def _pop(self) -> Opener:
        opener = self.stack.pop()
        if opener.kind in _FRAMES:
            self.frames.pop()
        if opener.kind == "ref":
            self.open_refs -= 1
        elif opener.kind == "a":
            self.open_anchors -= 1
        else:
            self.open_brackets -= 1
        return opener

    def fail_all(self) -> None:
        """End of input: every opener still open stays literal text."""
        while self.stack:
            self._fail(self._pop())

    def _fail(self, opener: Opener) -> None:
        """An unmatched wiki label becomes ``[[``, its target re-parsed, and ``|``."""
        if opener.kind == "wiki":
            cell = opener.cell
            cell.val = Text("[[")
            # The target holds no brackets, so this nests one level at most.
            inner = self.reparse(opener.data[3] or "", self.nodes.make_pos(cell.off + 2))
            self.nodes.insert_after(cell, [*inner, Text("|")])

    def _deactivate_links(self) -> None:
        """§6.3: no links inside links; earlier ``[`` openers of this frame go inactive."""
        self.frames[-1].barrier = self.seq

    # ------------------------------------------------------------------- <ref>

    def on_ref_open(self, s: int, e: int) -> int:
        """Help:Cite ``<ref ...>``: a frame whose body is parsed as inlines."""
        opener = self._push("ref", self.nodes.append(Text(self.text[s:e]), s), e)
        opener.data = sc.ref_attributes(self.text[s:e])
        return e

    def on_ref_close(self, s: int, e: int) -> int:
        """``</ref>`` closes the innermost open ``<ref>``; openers above it fail."""
        if not self.open_refs:
            self.nodes.append(Text(self.text[s:e]), s)
            return e
        while self.stack[-1].kind != "ref":
            self._fail(self._pop())
        opener = self._pop()
        self.nodes.process_emphasis(opener.bottom)
        cell = opener.cell
        name, group = opener.data
        cell.val = Ref(name, self.nodes.cut_after(cell), group, pos=self.nodes.make_pos(cell.off))
        return e

    # -------------------------------------------------------------- <a href>

    def on_anchor_open(self, s: int, e: int, href: str, title: str) -> int:
        """Raw ``<a href=…>``: kept as raw HTML unless a ``</a>`` closes it into a link."""
        cell = self.nodes.append(RawHtml(self.text[s:e], pos=self.nodes.make_pos(s)), s)
        self._push("a", cell, e).data = (href, title)
        return e

    def on_anchor_close(self, s: int, e: int) -> int:
        """``</a>`` closes the innermost open ``<a href>`` into a :class:`Link`."""
        if not self.open_anchors:
            self.nodes.append(RawHtml(self.text[s:e], pos=self.nodes.make_pos(s)), s)
            return e
        while self.stack[-1].kind != "a":
            self._fail(self._pop())
        opener = self._pop()
        self.nodes.process_emphasis(opener.bottom)
        cell = opener.cell
        href, title = opener.data
        assert href is not None and title is not None
        children = self.nodes.cut_after(cell)
        # Not _deactivate_links(): an enclosing [text](url) keeps its link, as it would
        # around the raw tags, and the writer flattens the inner one.
        cell.val = Link(href, children, title, pos=self.nodes.make_pos(cell.off))
        return e

    # -------------------------------------------------------------- [ and [[

    def on_open_brackets(self, s: int, e: int) -> int:
        """A run of ``[`` (maybe after ``!``): link/image openers, the last two maybe ``[[``."""
        bang = self.text[s] == "!"
        count = e - s - bang
        wiki = count >= 2 and self.wiki_links
        target = sc.WIKI_TARGET.match(self.text, e) if wiki else None
        if target is not None and not target.group(1).strip():
            target = None
        plain = count - 2 if target is not None else count
        for j in range(plain):
            if j == 0 and bang:
                self._push("![", self.nodes.append(Text("!["), s), s + 2)
            else:
                self._push("[", self.nodes.append(Text("["), s + bang + j), s + bang + j + 1)
        if target is None:
            return e
        if bang and plain == 0:
            self.nodes.append(Text("!"), s)
        return self._open_wiki(e - 2, target)

    def _open_wiki(self, at: int, m: re.Match[str]) -> int:
        """Help:Links: ``[[target]]`` at once, or push a ``[[target|`` label opener."""
        kind, first, second = sc.classify_wiki_target(m.group(1))
        end = m.end()
        if m.group(2) == "|":
            opener = self._push("wiki", self.nodes.append(Text("[[" + m.group(1) + "|"), at), end)
            opener.data = (kind, first, second, m.group(1))
            return end
        pos = self.nodes.make_pos(at)
        node: Inline
        if kind == "category":
            node = Category(first, None, pos=pos)
        elif kind == "file":
            node = FileLink(first, [], pos=pos)
        else:
            trail = self._trail(end)
            node = _wikilink(kind, first, second, None, trail, pos)
            end += len(trail)
            self._deactivate_links()
        self.nodes.append(node, at)
        return end

    def _trail(self, end: int) -> str:
        """Help:Links link trail: the ASCII lowercase letters right after ``]]``."""
        m = sc.LINK_TRAIL.match(self.text, end)
        return m.group() if m else ""

    # ------------------------------------------------------------------- ] and ]]

    def on_close_brackets(self, s: int, e: int) -> int:
        """A run of ``]``: close wiki labels two at a time, link brackets one at a time."""
        i = s
        while i < e:
            if self.open_brackets:  # a bracket closes through anchors opened after it
                while self.stack[-1].kind == "a":
                    self._fail(self._pop())
            top = self.stack[-1] if self.stack else None
            if top is not None and top.kind == "wiki" and e - i >= 2:
                consumed, nxt = i + 2, self._close_wiki(i)
            elif top is not None and top.kind in _BRACKETS:
                consumed, nxt = i + 1, self._close_link(i)
            else:
                self.nodes.append(Text("]"), i)
                consumed = nxt = i + 1
            if nxt != consumed:  # a link tail or a trail follows, beyond the run
                return nxt
            i = nxt
        return e

    def _close_wiki(self, at: int) -> int:
        """``]]`` at ``at`` closes the wiki label opener on top."""
        opener = self._pop()
        kind, first, second, _ = opener.data
        assert kind is not None and first is not None and second is not None
        cell = opener.cell
        pos = self.nodes.make_pos(cell.off)
        self.nodes.process_emphasis(opener.bottom)
        label = self.nodes.cut_after(cell)
        end = at + 2
        if kind == "category":
            cell.val = Category(first, self.text[opener.end : at], pos=pos)
        elif kind == "file":
            cell.val = FileLink(first, sc.split_pipes(self.text[opener.end : at]), pos=pos)
        else:
            trail = self._trail(end)
            cell.val = _wikilink(kind, first, second, label, trail, pos)
            end += len(trail)
            self._deactivate_links()
        return end

    def _close_link(self, at: int) -> int:
        """§6.3 "look for link or image" at the ``]`` at ``at``."""
        text = self.text
        opener = self._pop()
        after = at + 1
        if opener.kind == "[" and opener.seq <= self.frames[-1].barrier:
            self.nodes.append(Text("]"), at)
            return after
        dest: tuple[str, str] | None = None
        end = after
        if text.startswith("(", after):
            found = sc.scan_inline_link(text, after)
            if found is not None:
                end, url, title = found
                dest = (url, title)
        if dest is None and self.link_refs:
            label = sc.scan_link_label(text, after) if text.startswith("[", after) else None
            key = None
            if label is not None and label[1]:  # full reference (a blank label: no match)
                key, end = label[1], label[0]
            elif not opener.bracket_after and sc.is_label(text[opener.end : at]):
                key, end = text[opener.end : at], (label[0] if label is not None else after)
            if key is not None:
                dest = self.link_refs.get(sc.normalize_label(key))
        cell = opener.cell
        if dest is None:
            note = self._footnote(opener, at)
            if note is not None:
                self.nodes.cut_after(cell)
                cell.val = FootnoteRef(note, pos=self.nodes.make_pos(cell.off))
            else:
                self.nodes.append(Text("]"), at)
            return after
        self.nodes.process_emphasis(opener.bottom)
        children = self.nodes.cut_after(cell)
        pos = self.nodes.make_pos(cell.off)
        if opener.kind == "![":
            cell.val = Image(dest[0], children, dest[1], pos=pos)
        else:
            cell.val = Link(dest[0], children, dest[1], pos=pos)
            self._deactivate_links()
        return end

    def _footnote(self, opener: Opener, at: int) -> str | None:
        """GFM footnote reference ``[^label]``, when the label is a defined footnote."""
        notes = self.footnotes
        if not notes or opener.kind != "[" or opener.bracket_after:
            return None
        if not self.text.startswith("^", opener.end) or at - opener.end < 2:
            return None
        label = self.text[opener.end + 1 : at]
        if label in notes:
            return label
        if self._footnote_keys is None:
            self._footnote_keys = {sc.normalize_label(f): f for f in notes}
        return self._footnote_keys.get(sc.normalize_label(label))


def _wikilink(
    kind: str, first: str, second: str, label: list[Inline] | None, trail: str, pos: Pos | None
) -> WikiLink:
    """A wiki link, or a Semantic MediaWiki annotation (``kind == "smw"``) as a link."""
    if kind == "smw":
        return WikiLink(second, label, trail, annotation=first, pos=pos)
    return WikiLink(first, label, trail, pos=pos)
