"""Inline content of wikitext: mwparserfromhell nodes of one block to model inlines.

A block's content arrives as *lines* of *atoms*: a piece of text without a line break, or
one mwparserfromhell node (a template, link, tag, comment, entity...).  A node is opaque
here as in MediaWiki, where templates, comments and extension tags are dealt with before
apostrophes and line starts are read; so a template spanning lines is one atom.

Each line goes through MediaWiki's apostrophe rules (:mod:`.wikitext_quotes`) with every
node standing in as one placeholder character, then the tokens become
``Emph``/``Strong`` trees holding the converted nodes.  A node the model cannot express
exactly becomes :class:`~wikiconv.model.RawWikitext` holding its source, so it is written
back byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from wikiconv import model as m
from wikiconv.html_tags import decode_entities
from wikiconv.readers.inline_scanners import split_pipes
from wikiconv.readers.wikitext_atoms import (
    PLACEHOLDER,
    Line,
    is_blank,
    lstrip_line,
    split_lines,
    starts_block,
    tidy,
)
from wikiconv.readers.wikitext_quotes import quote_tokens
from wikiconv.writers.wikitext_escape import ALLOWED_HTML_TAGS

# Help:Magic words, behaviour switches (as the hybrid reader knows them).
MAGIC_WORD = re.compile(
    r"__(NOTOC|TOC|FORCETOC|NOEDITSECTION|NOINDEX|INDEX|NEWSECTIONLINK|NONEWSECTIONLINK|"
    r"HIDDENCAT|NOGALLERY|STATICREDIRECT|DISAMBIG|NOTITLECONVERT|NOCONTENTCONVERT|"
    r"EXPECTUNUSEDCATEGORY)__"
)
_TRAIL = re.compile(r"[a-z]+")
# CommonMark §6.6 open tag, so the hybrid reads the tag back as raw HTML.
_VALUE = r"""(?:[^ \t\n"'=<>`]+|'[^']*'|"[^"]*")"""
_ATTRIBUTE = rf"(?:[ \t\n]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t\n]*=[ \t\n]*{_VALUE})?)"
OPEN_TAG = re.compile(rf"<([A-Za-z][A-Za-z0-9-]*){_ATTRIBUTE}*[ \t\n]*/?>")
_CLOSE_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)[ \t\n]*>\Z")

# Elements the model holds as nodes of their own (when they carry no attributes).
_EMPHASIS: dict[str, type[m.Emph] | type[m.Strong]] = {
    "i": m.Emph,
    "em": m.Emph,
    "b": m.Strong,
    "strong": m.Strong,
}
_STRIKE = frozenset({"s", "del", "strike"})
# HTML elements that break lines or paragraphs: never taken apart inside a line.
BLOCK_TAGS = frozenset(
    "div center table caption tr td th tbody thead tfoot p h1 h2 h3 h4 h5 h6 ul ol li dl dt "
    "dd hr pre blockquote".split()
)
INLINE_HTML = ALLOWED_HTML_TAGS - BLOCK_TAGS


def _all_text(code: Wikicode) -> bool:
    """Tell whether wikicode is plain text (no nodes of other kinds)."""
    return all(isinstance(n, Text) for n in code.nodes)


class Unrepresentable(Exception):
    """Raised inside a conversion when a part has no exact model form."""


class InlineConverter:
    """Turns atoms into model inlines."""

    # ------------------------------------------------------------------ lines

    def paragraph(self, lines: Sequence[Line], strip: bool = True) -> list[m.Inline]:
        """Lines of a paragraph (or list item, heading), joined by soft breaks.

        ``strip`` drops whitespace at the end, as MediaWiki's paragraphs do; the content
        of a tag or a link label keeps it.
        """
        out: list[m.Inline] = []
        for index, line in enumerate(lines):
            if index:
                out.append(m.SoftBreak())
            out.extend(self.line(line))
        return tidy(out, strip)

    def line(self, atoms: Line) -> list[m.Inline]:
        """One line: apostrophes resolved, nodes converted."""
        nodes: list[Node] = []
        parts: list[str] = []
        for atom in atoms:
            if isinstance(atom, str):
                parts.append(atom)
            else:
                nodes.append(atom)
                parts.append(PLACEHOLDER)
        tokens = quote_tokens("".join(parts))
        root: list[m.Inline] = []
        stack: list[tuple[str, list[m.Inline]]] = [("", root)]
        pending = iter(nodes)
        after_link = False
        for kind, value in tokens:
            children = stack[-1][1]
            if kind == "open":
                node: m.Emph | m.Strong = m.Emph([]) if value == "i" else m.Strong([])
                children.append(node)
                stack.append((value, node.children))
                after_link = False
            elif kind == "close":
                stack.pop()
                after_link = False
            else:
                pieces = value.split(PLACEHOLDER)
                for i, piece in enumerate(pieces):
                    if i:
                        converted = self.atom(next(pending))
                        children.extend(converted)
                        after_link = bool(converted) and isinstance(converted[-1], m.WikiLink)
                    if piece:
                        if after_link:
                            link = children[-1]
                            assert isinstance(link, m.WikiLink)
                            trail = _TRAIL.match(piece)
                            if trail:
                                link.trail = trail.group()
                                piece = piece[trail.end() :]
                        children.extend(text_inlines(piece))
                        after_link = False
        return root

    def inline_code(self, code: Wikicode, allow_lines: bool = False) -> list[m.Inline]:
        """Nested wikicode (a label, a tag's content) as inlines; raises if block-like."""
        lines = split_lines(code.nodes)
        if len(lines) > 1:
            if not allow_lines:
                raise Unrepresentable("line break")
            while lines and is_blank(lines[0]):
                lines.pop(0)
            while lines and is_blank(lines[-1]):
                lines.pop()
            for line in lines[1:]:
                if is_blank(line) or starts_block(line):
                    raise Unrepresentable("block content")
            if lines:
                lines[0] = lstrip_line(lines[0])
        if lines and starts_block(lines[0]) and not isinstance(lines[0][0], str):
            raise Unrepresentable("block content")
        return self.paragraph(lines, strip=allow_lines)

    # ------------------------------------------------------------------ nodes

    def atom(self, node: Node) -> list[m.Inline]:
        """One node as inlines, or a raw island holding its wikitext."""
        try:
            return self._atom(node)
        except Unrepresentable:
            return [m.RawWikitext(str(node))]

    def _atom(self, node: Node) -> list[m.Inline]:
        if isinstance(node, Template):
            return [m.Template(str(node.name).strip(), str(node))]
        if isinstance(node, Argument):
            return [m.Template(str(node.name).strip(), str(node))]
        if isinstance(node, Comment):
            return [m.Comment(str(node.contents))]
        if isinstance(node, HTMLEntity):
            return [m.Text(node.normalize())]
        if isinstance(node, Wikilink):
            return [self.wikilink(node)]
        if isinstance(node, ExternalLink):
            return [self.external_link(node)]
        if isinstance(node, Tag):
            return self.tag(node)
        raise Unrepresentable(type(node).__name__)

    def wikilink(self, node: Wikilink) -> m.Inline:
        """``[[target|label]]``, a file or a category."""
        title = str(node.title)
        if not _all_text(node.title) or re.search(r"[\n<>\[\]{}|]", title) or "::" in title:
            raise Unrepresentable("link target")
        if not title.strip():
            raise Unrepresentable("empty link")
        text = node.text
        if not title.lstrip().startswith(":"):
            namespace, _, rest = title.partition(":")
            ns = namespace.strip().lower()
            if ns == "category":
                sort = str(text) if text is not None else None
                if sort is not None and "\n" in sort:
                    raise Unrepresentable("category")
                return m.Category(rest.strip(), sort)
            if ns in ("file", "image"):
                options = split_pipes(str(text)) if text is not None else []
                if any("\n" in option for option in options):
                    raise Unrepresentable("file")
                return m.FileLink(title.strip(), options)
        label = None if text is None else self.inline_code(text)
        if text is not None and not label and str(text):
            raise Unrepresentable("label that is only markup")
        return m.WikiLink(title, label)

    def external_link(self, node: ExternalLink) -> m.Inline:
        """``[url label]`` or a free URL."""
        if not _all_text(node.url):
            raise Unrepresentable("url")
        url = str(node.url)
        if not node.brackets:
            return m.Link(url, [m.Text(url)], autolink=True)
        if node.title is None or not str(node.title).strip():
            raise Unrepresentable("numbered link")
        return m.Link(url, self.inline_code(node.title))

    def tag(self, node: Tag) -> list[m.Inline]:
        """An HTML or extension tag."""
        name = str(node.tag).strip().lower()
        if node.wiki_markup:
            raise Unrepresentable("wiki markup")
        if name == "ref":
            return [self.ref(node)]
        if name == "nowiki":
            if node.self_closing:
                return []
            if node.attributes:
                raise Unrepresentable("nowiki")
            return [m.Text(decode_entities(str(node.contents)))] if node.contents else []
        if name == "br" and not node.attributes:
            return [m.LineBreak()]
        if node.invalid:
            raise Unrepresentable("stray closing tag")
        if name == "code" and not node.attributes and not node.self_closing:
            code = _plain_code(node.contents)
            if code is not None:
                return [m.Code(code)]
        contents = node.contents
        if not node.attributes and not node.self_closing and contents is not None:
            if name in _EMPHASIS:
                return [_EMPHASIS[name](self.inline_code(contents))]
            if name in _STRIKE:
                return [m.Strikeout(self.inline_code(contents))]
        if name in INLINE_HTML:
            return self.html_element(node, name)
        raise Unrepresentable(name)

    def html_element(self, node: Tag, name: str) -> list[m.Inline]:
        """An allowed inline HTML element: its tags raw, its content converted."""
        source = str(node)
        opening = OPEN_TAG.match(source)
        if opening is None or opening.group(1).lower() != name:
            raise Unrepresentable("tag syntax")
        if node.self_closing:
            if opening.end() != len(source):
                raise Unrepresentable("tag syntax")
            return [m.RawHtml(source)]
        inner = str(node.contents) if node.contents is not None else ""
        rest = source[opening.end() :]
        if not rest.startswith(inner) or "\n" in source:
            raise Unrepresentable("tag syntax")
        closing = rest[len(inner) :]
        close = _CLOSE_TAG.match(closing)
        if close is None or close.group(1).lower() != name:
            raise Unrepresentable("implicit close")
        assert node.contents is not None
        children = self.inline_code(node.contents)
        return [m.RawHtml(opening.group()), *children, m.RawHtml(closing)]

    def ref(self, node: Tag) -> m.Ref:
        """Help:Cite ``<ref>``: name and group kept, content converted."""
        attrs: dict[str, str] = {}
        for attribute in node.attributes:
            key = str(attribute.name).strip().lower()
            if key not in ("name", "group") or key in attrs:
                raise Unrepresentable("ref attribute")
            if attribute.value is None or not _all_text(attribute.value):
                raise Unrepresentable("ref attribute value")
            value = str(attribute.value).strip()
            if not value or '"' in value or "\n" in value:
                raise Unrepresentable("ref attribute value")
            attrs[key] = value
        name, group = attrs.get("name"), attrs.get("group")
        if node.self_closing:
            return m.Ref(name, None, group)
        contents = node.contents
        children = self.inline_code(contents, allow_lines=True) if contents is not None else []
        if not children and name is not None:
            raise Unrepresentable("empty named ref")
        return m.Ref(name, children, group)


_STRAY_TAG = re.compile(
    rf"<(?P<open>[A-Za-z][A-Za-z0-9-]*){_ATTRIBUTE}*[ \t\n]*/?>"
    r"|</(?P<close>[A-Za-z][A-Za-z0-9-]*)[ \t\n]*>"
)


_SPECIAL_TEXT = re.compile(f"{MAGIC_WORD.pattern}|{_STRAY_TAG.pattern}")


def text_inlines(text: str) -> list[m.Inline]:
    """Plain text: behaviour switches and tags mwparserfromhell left as text taken out.

    An unmatched ``<code>`` or ``</span>`` is still an element for MediaWiki, so it is kept
    as raw HTML rather than escaped.
    """
    if "__" not in text and "<" not in text:
        return [m.Text(text)]
    out: list[m.Inline] = []
    last = 0
    pattern = MAGIC_WORD if "<" not in text else _SPECIAL_TEXT
    for match in pattern.finditer(text):
        if match.group(0).startswith("<"):
            name = (match.group("open") or match.group("close") or "").lower()
            if name not in ALLOWED_HTML_TAGS:
                continue
            node: m.Inline = m.RawHtml(match.group(0))
        else:
            node = m.MagicWord(match.group(1))
        if match.start() > last:
            out.append(m.Text(text[last : match.start()]))
        out.append(node)
        last = match.end()
    if last < len(text):
        out.append(m.Text(text[last:]))
    return out


def _plain_code(contents: Wikicode | None) -> str | None:
    """The text of ``<code>`` content holding no markup, else None."""
    if contents is None:
        return None
    parts: list[str] = []
    for node in contents.nodes:
        if isinstance(node, Text):
            parts.append(node.value)
        elif isinstance(node, HTMLEntity):
            parts.append(node.normalize())
        elif isinstance(node, Tag) and str(node.tag).lower() == "nowiki" and not node.attributes:
            parts.append(decode_entities(str(node.contents)) if node.contents else "")
        else:
            return None
    text = "".join(parts)
    raw = "".join(n.value for n in contents.nodes if isinstance(n, Text))
    if "\n" in text or "''" in raw or "__" in raw or not text:
        return None
    return text
