"""Reader of MediaWiki wikitext: text in, :class:`wikiconv.model.Document` out.

mwparserfromhell parses the page once (``skip_style_tags``: apostrophes are left to
:mod:`.wikitext_quotes`, which follows MediaWiki exactly).  Its top-level nodes are cut
into lines of atoms (:mod:`.wikitext_inline`), and the lines are grouped into blocks the
way MediaWiki's block pass reads line starts: headings, ``*``/``#`` lists, leading-space
preformatted text, tables, rules and paragraphs split at blank lines.  Categories are taken
out first, trimming the whitespace before them as MediaWiki does.

What the model cannot express exactly -- definition lists and ``:`` indents, tables a pipe
table cannot hold, block tags such as ``<div>`` or ``<gallery>``, preformatted text holding
markup -- is kept as a raw wikitext island (:class:`~wikiconv.model.WikiBlock`, or
:class:`~wikiconv.model.RawWikitext` inside a line), so it is written back byte for byte.
"""

from __future__ import annotations

import re

import mwparserfromhell
from mwparserfromhell.nodes import Comment, Heading, Node, Tag, Template, Text, Wikilink

from wikiconv import model as m
from wikiconv.html_tags import decode_entities
from wikiconv.readers.wikitext_atoms import (
    Line,
    is_blank,
    line_source,
    lstrip_line,
    split_lines,
    tidy,
)
from wikiconv.readers.wikitext_inline import BLOCK_TAGS, InlineConverter
from wikiconv.readers.wikitext_tables import simple_table

__all__ = ["read_wikitext"]

_LIST_MARKS = frozenset("*#:;")
_LEXER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_+#.-]*$")
# Tags that stand as blocks of their own when alone on their lines.
_BLOCK_ISLAND_TAGS = BLOCK_TAGS | frozenset(
    "gallery references poem math score timeline hiero chem graph mapframe imagemap inputbox "
    "templatedata templatestyles indicator categorytree section includeonly noinclude "
    "onlyinclude syntaxhighlight source".split()
)


def read_wikitext(text: str, source_name: str = "<string>") -> m.Document:
    """Parse MediaWiki wikitext into a Document."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    code = mwparserfromhell.parse(text, skip_style_tags=True)
    categories: list[m.Category] = []
    nodes = _take_categories(list(code.nodes), categories)
    reader = _BlockReader()
    blocks = reader.blocks(split_lines(nodes))
    return m.Document(
        blocks=blocks,
        categories=categories,
        source_name=source_name,
        pos=m.Pos(1, 1),
    )


def _category(node: Node) -> m.Category | None:
    """The category a top-level ``[[Category:…]]`` assigns, else None."""
    if not isinstance(node, Wikilink):
        return None
    title = str(node.title)
    namespace, sep, name = title.partition(":")
    if not sep or namespace.strip().lower() != "category" or "\n" in title:
        return None
    if not all(isinstance(n, Text) for n in node.title.nodes):
        return None
    sort = None if node.text is None else str(node.text)
    if sort is not None and "\n" in sort:
        return None
    return m.Category(name.strip(), sort)


def _take_categories(nodes: list[Node], found: list[m.Category]) -> list[Node]:
    """Remove category links, with the whitespace before each (``rtrim`` in MediaWiki)."""
    out: list[Node] = []
    for node in nodes:
        category = _category(node)
        if category is None:
            out.append(node)
            continue
        found.append(category)
        while out and isinstance(out[-1], Text):
            stripped = out[-1].value.rstrip()
            if stripped:
                out[-1] = Text(stripped)
                break
            out.pop()
    return out


def _marks(line: Line) -> str:
    """The list markers a line starts with (``*#:;``), as mwparserfromhell found them."""
    marks = []
    for atom in line:
        if isinstance(atom, Tag) and atom.wiki_markup in _LIST_MARKS:
            marks.append(str(atom.wiki_markup))
        else:
            break
    return "".join(marks)


def _tag_name(node: Node) -> str:
    return str(node.tag).strip().lower() if isinstance(node, Tag) else ""


class _BlockReader:
    """Groups lines into blocks."""

    def __init__(self) -> None:
        self.inline = InlineConverter()

    def blocks(self, lines: list[Line]) -> list[m.Block]:
        """All blocks of a sequence of lines."""
        out: list[m.Block] = []
        i, n = 0, len(lines)
        blank_run = 0
        while i < n:
            line = lines[i]
            kind = self.kind(line)
            if kind == "blank":
                blank_run += 1
                i += 1
                continue
            run, blank_run = blank_run, 0
            if kind == "blank":
                pass
            elif kind == "heading":
                out.append(self.heading(line))
                i += 1
            elif kind == "list":
                j = i
                while j < n and self.kind(lines[j]) == "list":
                    j += 1
                out.extend(self.list_block(lines[i:j]))
                i = j
            elif kind == "pre":
                j = i
                while j < n and (
                    self.kind(lines[j]) == "pre"
                    or (lines[j] == [" "] or (j > i and _space_only(lines[j])))
                ):
                    j += 1
                while j > i + 1 and _space_only(lines[j - 1]):
                    j -= 1
                out.append(self.pre(lines[i:j]))
                i = j
            elif kind in ("table", "hr", "island"):
                out.append(self.single(line, kind))
                i += 1
            else:
                j = i
                while j < n and self.kind(lines[j]) == "para":
                    j += 1
                found = self.paragraph(lines[i:j], standalone=run < 2 or run % 2 == 1)
                if run >= 2 and run % 2 == 0 and found:
                    # An even run of blank lines leaves a <br /> opening the next paragraph,
                    # or (before a block tag) an empty paragraph: kept as the blank line.
                    block_tags = any(_is_block_tag(a) for line in lines[i:j] for a in line)
                    if isinstance(found[0], m.Paragraph) and not block_tags:
                        found[0].children.insert(0, m.LineBreak())
                    else:
                        found = [m.WikiBlock("\n" + _source(lines[i:j]).strip())]
                out.extend(found)
                i = j
        return out

    def kind(self, line: Line) -> str:
        """What a line starts: blank, heading, list, pre, table, hr, island or para."""
        if not line:
            return "blank"
        first = line[0]
        if isinstance(first, str):
            if not first.strip() and len(line) == 1:
                return "blank"
            if first.startswith(" "):
                return "pre"
            return "para"
        if isinstance(first, Comment):
            # MediaWiki removes comments before it reads line starts.
            rest = line[1:]
            while rest and isinstance(rest[0], Comment):
                rest = rest[1:]
            if rest and isinstance(rest[0], str) and rest[0].startswith(" ") and not is_blank(rest):
                return "pre"
            return "para"
        if isinstance(first, Heading):
            return "heading" if is_blank(line[1:]) else "island"
        if isinstance(first, Tag) and first.wiki_markup:
            if first.wiki_markup in _LIST_MARKS:
                return "list"
            if first.wiki_markup == "{|":
                return "table" if is_blank(line[1:]) else "island"
            if first.wiki_markup.startswith("----"):
                return "hr" if is_blank(line[1:]) else "island"
            return "island"
        return "para"

    # ------------------------------------------------------------------ leaf blocks

    def heading(self, line: Line) -> m.Heading:
        node = line[0]
        assert isinstance(node, Heading)
        lines = split_lines(node.title.nodes)
        if len(lines) != 1:
            return m.Heading(node.level, [m.RawWikitext(str(node.title))])
        children = tidy(self.inline.paragraph(lines))
        if children and isinstance(children[0], m.Text):
            children[0].text = children[0].text.lstrip(" \t")
            if not children[0].text:
                children.pop(0)
        return m.Heading(node.level, children)

    def single(self, line: Line, kind: str) -> m.Block:
        """A table, rule or other one-line island."""
        if kind == "hr":
            return m.ThematicBreak()
        if kind == "table":
            table = line[0]
            assert isinstance(table, Tag)
            simple = simple_table(table, self.inline)
            if simple is not None:
                return simple
        return m.WikiBlock(line_source(line).rstrip())

    def pre(self, lines: list[Line]) -> m.Block:
        """Leading-space preformatted text: a code block when it holds no markup."""
        texts = []
        for line in lines:
            if not all(isinstance(a, str) for a in line):
                return m.WikiBlock(_source(lines))
            texts.append("".join(a for a in line if isinstance(a, str)))
        body = "\n".join(t[1:] if t.startswith(" ") else t for t in texts)
        if "''" in body or "__" in body or "~~~" in body or "-{" in body or "\t" in body:
            return m.WikiBlock(_source(lines))
        if not body.strip():
            return m.WikiBlock(_source(lines))
        return m.CodeBlock(body.rstrip("\n"))

    def paragraph(self, lines: list[Line], standalone: bool = True) -> list[m.Block]:
        """A run of paragraph lines: a paragraph, or a block island standing alone."""
        atoms = [a for line in lines for a in line if not (isinstance(a, str) and not a.strip())]
        if len(atoms) == 1 and not isinstance(atoms[0], str) and standalone:
            block = self.standalone(atoms[0], lines)
            if block is not None:
                return [block]
        # A block element among text spanning lines: MediaWiki's block pass depends on the
        # exact lines, so the paragraph stays as written.
        if any(_is_block_tag(a) for line in lines for a in line) and any(
            isinstance(a, Tag) and "\n" in str(a) for line in lines for a in line
        ):
            return [m.WikiBlock(_source(lines).strip())]
        cleaned = [lstrip_line(line) for line in lines]
        children = self.inline.paragraph(cleaned)
        return [m.Paragraph(children)] if children else []

    def standalone(self, node: Node, lines: list[Line]) -> m.Block | None:
        """A node alone in its paragraph that is a block: template, code, quote, island."""
        source = _source(lines).strip()
        if isinstance(node, Template):
            return m.WikiBlock(source)
        if isinstance(node, Comment):
            return None
        if not isinstance(node, Tag):
            return None
        name = _tag_name(node)
        if name == "pre" and not node.attributes and not node.self_closing:
            return m.CodeBlock(_pre_text(node))
        if name in ("syntaxhighlight", "source"):
            code = _syntaxhighlight(node)
            if code is not None:
                return code
        if name == "blockquote" and not node.attributes and not node.self_closing:
            assert node.contents is not None
            inner = self.blocks(split_lines(node.contents.nodes))
            if inner and not any(isinstance(b, m.WikiBlock) for b in inner):
                return m.BlockQuote(inner)
        if name in _BLOCK_ISLAND_TAGS:
            return m.WikiBlock(source)
        return None

    # ------------------------------------------------------------------ lists

    def list_block(self, lines: list[Line]) -> list[m.Block]:
        """A run of list lines: nested ``*``/``#`` lists, or an island for ``;``/``:``."""
        prefixes = [_marks(line) for line in lines]
        if any(":" in p or ";" in p for p in prefixes):
            return [m.WikiBlock(_source(lines).rstrip())]
        contents = [
            self.item_inlines(line, len(p)) for line, p in zip(lines, prefixes, strict=True)
        ]
        return _build_list(prefixes, contents)

    def item_inlines(self, line: Line, marks: int) -> list[m.Inline]:
        rest = lstrip_line(line[marks:])
        return self.inline.paragraph([rest])


def _build_list(prefixes: list[str], contents: list[list[m.Inline]]) -> list[m.Block]:
    """Nest list items the way MediaWiki's block pass opens and closes lists."""
    root = m.ListItem([])
    stack: list[tuple[m.BulletList | m.OrderedList, m.ListItem]] = []  # one per depth
    previous = ""
    for prefix, inlines in zip(prefixes, contents, strict=True):
        common = 0
        while common < min(len(prefix), len(previous)) and prefix[common] == previous[common]:
            common += 1
        del stack[common:]
        if len(prefix) == common and common > 0:
            lst = stack[common - 1][0]
            item = m.ListItem([])
            lst.items.append(item)
            stack[common - 1] = (lst, item)
        for depth in range(common, len(prefix)):
            parent = stack[depth - 1][1] if depth else root
            lst = m.OrderedList([]) if prefix[depth] == "#" else m.BulletList([])
            parent.children.append(lst)
            item = m.ListItem([])
            lst.items.append(item)
            stack.append((lst, item))
        if inlines:
            stack[-1][1].children.append(m.Paragraph(inlines))
        previous = prefix
    return list(root.children)


def _space_only(line: Line) -> bool:
    return (
        bool(line)
        and all(isinstance(a, str) and a.strip() == "" for a in line)
        and bool(line_source(line))
    )


def _source(lines: list[Line]) -> str:
    return "\n".join(line_source(line) for line in lines)


def _is_block_tag(atom: object) -> bool:
    return isinstance(atom, Tag) and _tag_name(atom) in BLOCK_TAGS


def _pre_text(node: Tag) -> str:
    """The text of ``<pre>``: entities decoded, one leading line break dropped."""
    raw = "".join(str(n) for n in node.contents.nodes) if node.contents is not None else ""
    text = decode_entities(re.sub(r"</?nowiki\s*/?>", "", raw))
    if text.startswith("\n"):
        text = text[1:]
    return text.rstrip("\n")


def _syntaxhighlight(node: Tag) -> m.CodeBlock | None:
    """``<syntaxhighlight lang="x">`` as a fenced code block, when nothing else is set."""
    if node.self_closing or node.contents is None or len(node.attributes) != 1:
        return None
    attribute = node.attributes[0]
    if str(attribute.name).strip().lower() != "lang" or attribute.value is None:
        return None
    lang = str(attribute.value).strip()
    text = str(node.contents)
    if not _LEXER_NAME.match(lang) or not text.strip() or "</syntaxhighlight" in text.lower():
        return None
    if text.startswith("\n"):
        text = text[1:]
    return m.CodeBlock(text.rstrip("\n"), lang)
