"""Read ``{{cite web}}``, ``{{cite news}}``, ``{{cite journal}}``, ``{{cite book}}`` and
``{{citation}}`` templates back into :class:`Citation` objects.

Every CS1 alias of a field the model holds is read (``last``/``last1``/``surname1``/
``author-last1``, ``accessdate``, ``archiveurl``, ``place`` …).  Parameter values become plain
text: ``{{!}}``, ``<nowiki>`` and entities are undone, wikilinks and external links give their
text, comments and HTML tags go.  Whatever the model cannot hold (``url-status``,
``author-link``, ``quote`` …) and each markup removal is said in :attr:`Citation.guesses`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from wikiconv.citations.citation import (
    Citation,
    CitationKind,
    Contributor,
    PartialDate,
)
from wikiconv.citations.cs1 import (
    EXTRA_IDENTIFIER_KEYS,
    WRITTEN_IDENTIFIER_KEYS,
    normalise_space,
    parse_date_text,
    template_kind,
)

# Plain CS1 aliases of the fields the model holds, each to its canonical (written) name.
_ALIASES: dict[str, str] = {
    "title": "title",
    "chapter": "chapter",
    "contribution": "chapter",
    "entry": "chapter",
    "work": "work",
    "website": "work",
    "newspaper": "work",
    "journal": "work",
    "magazine": "work",
    "periodical": "work",
    "publisher": "publisher",
    "date": "date",
    "year": "date",
    "access-date": "access-date",
    "accessdate": "access-date",
    "archive-url": "archive-url",
    "archiveurl": "archive-url",
    "archive-date": "archive-date",
    "archivedate": "archive-date",
    "url": "url",
    "volume": "volume",
    "issue": "issue",
    "number": "issue",
    "page": "pages",
    "pages": "pages",
    "at": "pages",
    "edition": "edition",
    "location": "location",
    "place": "location",
    "publication-place": "location",
    "language": "language",
    "eprint": "arxiv",
}
for _key in WRITTEN_IDENTIFIER_KEYS + EXTRA_IDENTIFIER_KEYS:
    _ALIASES[_key] = _key

# Numbered name parameters: (role, part) for each pattern; role "author"/"editor", part
# "last" (a family name), "literal" (author=/editor=: a whole name) or "first".
_NAME_PATTERNS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^(?:last|surname|author-last|author-surname)(\d*)$"), "author", "last"),
    (re.compile(r"^author(\d+)-(?:last|surname)$"), "author", "last"),
    (re.compile(r"^author(\d*)$"), "author", "literal"),
    (re.compile(r"^(?:first|given|author-first|author-given)(\d*)$"), "author", "first"),
    (re.compile(r"^author(\d+)-(?:first|given)$"), "author", "first"),
    (re.compile(r"^editor-(?:last|surname)(\d*)$"), "editor", "last"),
    (re.compile(r"^editor(\d+)-(?:last|surname)$"), "editor", "last"),
    (re.compile(r"^editor(\d*)$"), "editor", "literal"),
    (re.compile(r"^editor-(?:first|given)(\d*)$"), "editor", "first"),
    (re.compile(r"^editor(\d+)-(?:first|given)$"), "editor", "first"),
]

# Small templates that stand for one character inside citation parameters.
_CHARACTER_TEMPLATES = {
    "!": "|",
    "=": "=",
    "'": "'",
    "ndash": "–",
    "mdash": "—",
    "snd": " – ",
    "spaced ndash": " – ",
    "nbsp": " ",
    "hyphen": "-",
}


def name_role(name: str) -> tuple[str, str, int] | None:
    """For a name parameter: (role, part, number) -- ``first2`` is ("author", "first", 2)."""
    for pattern, role, part in _NAME_PATTERNS:
        m = pattern.match(name)
        if m:
            return role, part, int(m.group(1) or 1)
    return None


# What MediaWiki trims from a template parameter's name (PHP trim()): not U+00A0, so
# "|last1\u00a0=" is a parameter of another name, as the wiki sees it.
_MW_TRIM = " \t\n\r\0\x0b"


def param_name(raw: str) -> str:
    """A template parameter's name as MediaWiki reads it: only ASCII whitespace trimmed."""
    return raw.strip(_MW_TRIM)


def canonical_param_name(name: str) -> str | None:
    """The name :func:`write_cs1` uses for a parameter, or None when the model lacks the field.

    Aliases collapse (``accessdate`` -> ``access-date``, ``year`` -> ``date``); every container
    parameter is ``work``; ``page``/``pages``/``at`` are ``pages``; ``author``/``last``/
    ``surname`` with number n are ``last{n}``, ``first``/``given`` are ``first{n}``, and
    editors likewise ``editor-last{n}``/``editor-first{n}``.
    """
    key = name.strip(_MW_TRIM).lower()
    if key in _ALIASES:
        return _ALIASES[key]
    role = name_role(key)
    if role is None:
        return None
    who, part, n = role
    prefix = "editor-" if who == "editor" else ""
    return f"{prefix}{'first' if part == 'first' else 'last'}{n}"


def _nodes_text(nodes: Iterable[object], notes: list[str]) -> str:
    """Plain text of a run of parsed nodes; each markup removal is noted."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.value)
        elif isinstance(node, HTMLEntity):
            out.append(node.normalize())
        elif isinstance(node, Template):
            tname = " ".join(str(node.name).split()).lower()
            if tname in _CHARACTER_TEMPLATES:
                out.append(_CHARACTER_TEMPLATES[tname])
            else:
                notes.append(f"template {{{{{node.name.strip()}}}}} kept as text")
                out.append(str(node))
        elif isinstance(node, Tag):
            tag = str(node.tag).strip().lower()
            if tag == "nowiki":
                out.append(str(node.contents) if node.contents is not None else "")
            elif tag == "br":
                out.append(" ")
            elif node.wiki_markup:
                notes.append(f"{node.wiki_markup} markup removed")
                out.append(_nodes_text(node.contents.nodes, notes) if node.contents else "")
            else:
                notes.append(f"<{tag}> tag removed")
                out.append(_nodes_text(node.contents.nodes, notes) if node.contents else "")
        elif isinstance(node, Wikilink):
            notes.append(f"wikilink [[{node.title}]] reduced to its text")
            inner = node.text if node.text is not None else node.title
            out.append(_nodes_text(inner.nodes, notes))
        elif isinstance(node, ExternalLink):
            if node.brackets:
                notes.append(f"external link {node.url} reduced to its text")
                if node.title is not None:
                    out.append(_nodes_text(node.title.nodes, notes))
                else:
                    out.append(str(node.url))
            else:
                out.append(str(node.url))
        elif isinstance(node, Comment):
            notes.append("comment removed")
        elif isinstance(node, (Argument, Heading)):
            out.append(str(node))
        else:
            out.append(str(node))
    return "".join(out)


def value_text(value: Wikicode | str) -> tuple[str, list[str]]:
    """A parameter value as plain text (one line, trimmed) and the notes on what was removed.

    The inverse of :func:`wikiconv.citations.cs1.escape_param_value`.
    """
    code = mwparserfromhell.parse(value) if isinstance(value, str) else value
    notes: list[str] = []
    text = _nodes_text(code.nodes, notes)
    return normalise_space(text), notes


def _vancouver(text: str) -> list[Contributor]:
    """Read a Vancouver list (``Smith JA, Jones B``) into people."""
    people: list[Contributor] = []
    for item in (s.strip() for s in text.split(",")):
        if not item:
            continue
        parts = item.rsplit(" ", 1)
        if len(parts) == 2 and re.fullmatch(r"[A-Z]{1,4}", parts[1]):
            people.append(Contributor(family=parts[0], given=parts[1]))
        else:
            people.append(Contributor(organization=item))
    return people


def _assemble(parts: dict[int, dict[str, str]], role: str, guesses: list[str]) -> list[Contributor]:
    """Turn numbered name parts into contributors, in number order."""
    out: list[Contributor] = []
    for n in sorted(parts):
        p = parts[n]
        first = p.get("first", "")
        if "last" in p:
            out.append(Contributor(family=p["last"], given=first))
        elif "literal" in p:
            if first:
                out.append(Contributor(family=p["literal"], given=first))
            else:
                out.append(Contributor(organization=p["literal"]))
        elif first:
            guesses.append(f"{role} {n} has a first name {first!r} but no last name")
            out.append(Contributor(given=first))
    return out


# A parameter as read: its name as plain text, whether it was named, and its value.
_Param = tuple[str, bool, Wikicode | str]


def citation_from_template(template: Template) -> Citation | None:
    """Read one citation template into a :class:`Citation`; None for any other template."""
    kind = template_kind(str(template.name.strip_code() or template.name))
    if kind is None:
        return None
    params: list[_Param] = [
        (param_name(_nodes_text(p.name.nodes, [])), p.showkey, p.value) for p in template.params
    ]
    return _citation(kind, str(template), params)


def _citation(kind: CitationKind, raw: str, params: list[_Param]) -> Citation:
    """The citation of a template of ``kind`` with these parameters, in order."""
    c = Citation(kind=kind, raw=raw)
    guesses: list[str] = []
    seen: dict[str, str] = {}
    names: dict[str, dict[int, dict[str, str]]] = {"author": {}, "editor": {}}
    for raw_name, showkey, value in params:
        if not showkey:
            guesses.append(f"positional parameter {raw_name!r} ignored")
            continue
        name = raw_name.lower()
        text, notes = value_text(value) if not isinstance(value, str) else _plain_value(value)
        if not text:
            continue
        guesses += [f"|{raw_name}=: {note}" for note in notes]
        role = name_role(name)
        if role is not None:
            who, part, n = role
            slot = names[who].setdefault(n, {})
            if part in slot or (part != "first" and ({"last", "literal"} & slot.keys())):
                guesses.append(f"|{raw_name}= repeats {who} {n}; ignored")
                continue
            slot[part] = text
            continue
        if name in ("vauthors", "veditors", "authors"):
            who = "editor" if name == "veditors" else "author"
            people = [Contributor(organization=text)] if name == "authors" else _vancouver(text)
            guesses.append(f"|{raw_name}= read as {len(people)} {who}(s)")
            start = max(names[who], default=0) + 1
            for i, person in enumerate(people, start=start):
                if person.organization:
                    names[who][i] = {"literal": person.organization}
                else:
                    names[who][i] = {"last": person.family, "first": person.given}
            continue
        canonical = canonical_param_name(name)
        if canonical is None:
            guesses.append(f"|{raw_name}= not kept (the citation model has no field for it)")
            continue
        if canonical in seen:
            guesses.append(f"|{raw_name}= repeats |{seen[canonical]}=; ignored")
            continue
        if canonical == "work" and kind == "book":
            guesses.append(f"|{raw_name}= is ignored by cite book; not kept")
            continue
        seen[canonical] = raw_name
        _set_field(c, canonical, text, raw_name, guesses)
    c.authors = _assemble(names["author"], "author", guesses)
    c.editors = _assemble(names["editor"], "editor", guesses)
    c.guesses = guesses
    return c


def _date(text: str, raw_name: str, guesses: list[str]) -> PartialDate | None:
    """Read a date parameter, noting when it cannot be read."""
    d = parse_date_text(text)
    if d is None:
        guesses.append(f"|{raw_name}={text!r} is not a single date the model can hold; not kept")
    return d


def _set_field(c: Citation, canonical: str, text: str, raw_name: str, guesses: list[str]) -> None:
    """Store one canonical parameter's text in its model field."""
    if canonical in WRITTEN_IDENTIFIER_KEYS or canonical in EXTRA_IDENTIFIER_KEYS:
        c.identifiers[canonical] = text
    elif canonical == "work":
        c.container = text
    elif canonical == "date":
        c.date = _date(text, raw_name, guesses)
    elif canonical == "access-date":
        c.access_date = _date(text, raw_name, guesses)
    elif canonical == "archive-date":
        c.archive_date = _date(text, raw_name, guesses)
    elif canonical == "archive-url":
        c.archive_url = text
    elif canonical == "location":
        c.location = text
    else:
        setattr(c, canonical, text)


def citations_in_wikitext(text: str) -> list[Citation]:
    """Every citation template in ``text``, in order; one inside ``<ref name=…>`` gets its label."""
    simple = _simple_citation(text)
    if simple is not None:
        return [simple]
    code = mwparserfromhell.parse(text)
    labels: dict[int, str] = {}
    for tag in code.filter_tags(matches=lambda n: str(n.tag).strip().lower() == "ref"):
        value = tag.get("name").value if tag.has("name") else None
        if value is not None and tag.contents is not None:
            ref_name = value_text(value)[0]
            for t in tag.contents.filter_templates():
                labels.setdefault(id(t), ref_name)
    out: list[Citation] = []
    for template in code.filter_templates():
        c = citation_from_template(template)
        if c is not None:
            c.label = labels.get(id(template), "")
            out.append(c)
    return out


# A template that holds nothing mwparserfromhell would read as markup: no nested template,
# link, tag, entity, italics, list or heading line.  Its parameters are plain text (a bare URL
# reads as its own text), so it is read without the parser, to the same Citation.
_SIMPLE = re.compile(r"\{\{(?P<name>[^{}|\n]*\n?[^\S\n]*)(?P<params>(?:\|[^{}|]*)*)\}\}")
_MARKUP = re.compile(r"[\x00\[\]<>&]|''|__|\n[*#:;=\-]")


def _simple_citation(text: str) -> Citation | None:
    """The citation of ``text`` when it is one plain citation template, else None."""
    match = _SIMPLE.fullmatch(text)
    if match is None or _MARKUP.search(text):
        return None
    kind = template_kind(match.group("name"))
    if kind is None:
        return None
    params: list[_Param] = []
    position = 0
    for param in match.group("params").split("|")[1:]:
        key, equals, value = param.partition("=")
        if not equals:
            position += 1
            params.append((str(position), False, param))
        elif "\n" in key.strip():
            return None  # a line break inside a name: left to the parser
        else:
            params.append((param_name(key), True, value))
    c = _citation(kind, text, params)
    c.label = ""
    return c


def _plain_value(value: str) -> tuple[str, list[str]]:
    """A parameter value that holds no markup, as :func:`value_text` reads it."""
    return normalise_space(value), []
