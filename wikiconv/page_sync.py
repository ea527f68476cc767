"""Pulling a wiki page as hybrid Markdown and pushing it back with only the edited text changed.

The wikitext → hybrid → wikitext round trip renders the same but does not always give the same
text (entities, quote runs, spacing).  So a push does not save the wikitext of the Markdown as it
is: it regenerates the wikitext of the revision the file was pulled from (``old``), compares it
with the wikitext of the edited file (``new``) and applies only those changes to the revision's
own text (``base``), line by line and then word by word.  Where an edit touches text that the
round trip rewrote, the edit's version of that stretch wins.  The result is checked: read again,
it must give exactly the wikitext of the Markdown, or the whole page is written from the Markdown.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal, TypeVar

import yaml

from wikiconv.api import ConvertOptions, convert_document, parse
from wikiconv.diagnostics import Diagnostic
from wikiconv.mediawiki import Client, PageRevision, normalize_text
from wikiconv.model import Pos
from wikiconv.readers.front_matter import read_front_matter

T = TypeVar("T")
How = Literal["words", "words-wide", "lines"]
_TOKEN = re.compile(r"\w+|\s|[^\w\s]+")
_WORD = re.compile(r"[^\W_]")
_FENCE = re.compile(r"---[ \t]*\Z")
_CLOSING = re.compile(r"(?:---|\.\.\.)[ \t]*\Z")
_REVISION_KEY = re.compile(r"revision[ \t]*:")
_REFS = re.compile(r"references[ \t]*:")
REFERENCES_IGNORED = (
    "the front matter's references list is only a summary of the <ref>s in the text; "
    "changes to it are not pushed (edit the <ref>s instead)"
)


@dataclass(frozen=True)
class Revision:
    """The revision a pulled file is based on, as its front matter records it."""

    id: int
    timestamp: str


@dataclass
class LocalPage:
    """A hybrid file read for pushing: its title, base revision and wikitext."""

    title: str | None
    revision: Revision | None
    wikitext: str
    diagnostics: list[Diagnostic]


# -- pulling ----------------------------------------------------------------------------------


def page_markdown(page: PageRevision) -> str:
    """The hybrid Markdown of a page revision, its title and revision in the front matter."""
    doc = parse(page.text, source_name=page.title, source="wikitext")
    doc.title = page.title
    doc.meta["revision"] = {"id": page.revid, "timestamp": page.timestamp}
    return convert_document(doc, "markdown").text


def regenerate(wikitext: str, title: str) -> str:
    """The wikitext a pulled page gives back unedited: wikitext → hybrid → wikitext."""
    markdown = page_markdown(PageRevision(title, wikitext, 0, "", ""))
    return read_local(markdown, title).wikitext


# -- the local file ---------------------------------------------------------------------------


def front_matter_revision(meta: dict[str, Any]) -> Revision | None:
    """The ``revision: {id, timestamp}`` of front matter, None when absent or malformed."""
    value = meta.get("revision")
    if not isinstance(value, dict):
        return None
    revid, timestamp = value.get("id"), value.get("timestamp")
    if isinstance(revid, bool) or not isinstance(revid, (int, str)):
        return None
    try:
        number = int(revid)
    except ValueError:
        return None
    if isinstance(timestamp, datetime.datetime):  # an unquoted timestamp, read by YAML
        timestamp = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    return Revision(number, "" if timestamp is None else str(timestamp))


def read_local(markdown: str, source_name: str = "<string>") -> LocalPage:
    """Convert a hybrid file to wikitext (references as written when it was pulled)."""
    markdown = markdown.replace("\r\n", "\n").replace("\r", "\n")
    front = read_front_matter(markdown.split("\n"), source_name)
    revision = front_matter_revision(front.meta)
    # A pulled page's title is in the front matter: its level-1 headings stay headings.
    doc = parse(markdown, source_name=source_name, keep_h1=revision is not None)
    output = convert_document(doc, "wikitext", ConvertOptions(keep_h1=revision is not None))
    notes: list[Diagnostic] = []
    if revision is not None and "references" in front.meta:
        from wikiconv.writers.markdown_citations import citation_list

        # The list pull wrote is that of the page's wikitext: compare with this file's.
        if front.meta["references"] != citation_list(parse(output.text, source="wikitext")):
            line = next((i for i, text in enumerate(markdown.split("\n")) if _REFS.match(text)), 0)
            notes.append(Diagnostic(REFERENCES_IGNORED, Pos(line + 1, 1)))
    return LocalPage(doc.title, revision, output.text, [*notes, *output.diagnostics])


def set_revision(markdown: str, revision: Revision) -> str:
    """The file with its front matter's ``revision`` set, the rest of the text unchanged."""
    if "\r\n" in markdown:
        return set_revision(markdown.replace("\r\n", "\n"), revision).replace("\n", "\r\n")
    entry = yaml.safe_dump(
        {"revision": {"id": revision.id, "timestamp": revision.timestamp}},
        sort_keys=False,
        default_flow_style=False,
    )
    lines = markdown.split("\n")
    closing = None
    if lines and _FENCE.match(lines[0]):
        closing = next((i for i in range(1, len(lines)) if _CLOSING.match(lines[i])), None)
    if closing is None:
        return f"---\n{entry}---\n\n{markdown}"
    start = next((i for i in range(1, closing) if _REVISION_KEY.match(lines[i])), None)
    if start is None:
        start = end = closing
    else:
        end = start + 1
        while end < closing and (lines[end][:1] in (" ", "\t") or not lines[end].strip()):
            end += 1
        while end - 1 > start and not lines[end - 1].strip():
            end -= 1  # blank lines before the next key stay
    new_lines = [*lines[:start], *entry.rstrip("\n").split("\n"), *lines[end:]]
    result = "\n".join(new_lines)
    old_meta = read_front_matter(lines).meta
    new_meta = read_front_matter(new_lines).meta
    wanted = {**old_meta, "revision": {"id": revision.id, "timestamp": revision.timestamp}}
    if new_meta != wanted:  # an odd layout: write the whole front matter again
        dumped = yaml.safe_dump(
            wanted,
            sort_keys=False,
            allow_unicode=True,
            width=float("inf"),
            default_flow_style=False,
        )
        result = "\n".join(["---", *dumped.rstrip("\n").split("\n"), *lines[closing:]])
    return result


# -- the wiki ---------------------------------------------------------------------------------


def revision_text(client: Client, revid: int) -> PageRevision | None:
    """The text of one revision by id (None when it is gone or hidden)."""
    reply = client.request(
        {
            "action": "query",
            "prop": "revisions",
            "revids": revid,
            "rvprop": "ids|timestamp|content",
            "rvslots": "main",
        }
    )
    query = reply.get("query", {})
    if query.get("badrevids"):
        return None
    for info in query.get("pages", []):
        for rev in info.get("revisions", []):
            main = rev.get("slots", {}).get("main", {})
            if int(rev.get("revid", 0)) == revid and "content" in main:
                stamp = str(rev.get("timestamp", ""))
                return PageRevision(str(info["title"]), str(main["content"]), revid, stamp, "")
    return None


# -- merging ----------------------------------------------------------------------------------


def merged_text(base: str, title: str, new: str) -> tuple[str, str]:
    """The text to save for an edit of ``base`` that reads as ``new``, and how it was made."""
    # how: "unchanged" (base itself), the first way of rebase() whose result reads back as
    # new does, or "whole" (none did: the whole page is new).
    base, new = normalize_text(base), normalize_text(new)
    old = normalize_text(regenerate(base, title))
    wanted = regenerate(new, title)
    if old in (new, normalize_text(wanted)):  # the edit means what base says already
        return base, "unchanged"
    ways: tuple[How, ...] = ("words", "words-wide", "lines")
    for how in ways:
        text = normalize_text(rebase(base, old, new, how))
        if regenerate(text, title) == wanted:
            return text, how
    return new, "whole"


def rebase(base: str, old: str, new: str, how: How = "words") -> str:
    """``base`` with the changes from ``old`` (its round trip) to ``new`` (the edit) applied."""
    # Lines first; a stretch where an edit meets rewritten lines is merged again word by word
    # ("words"; "words-wide": an edit next to a rewritten word takes that word along), or is
    # replaced by the edit's lines ("lines").

    def by_words(b: Sequence[str], o: Sequence[str], n: Sequence[str]) -> list[str]:
        """Merge one stretch of lines again, word by word."""
        if how == "lines" or not n:
            return list(n)
        tb, to, tn = (_TOKEN.findall("\n".join(lines)) for lines in (b, o, n))
        merged = _merge(tb, to, tn, lambda _b, _o, edited: list(edited), how == "words-wide")
        return "".join(merged).split("\n")

    lines = _merge(base.split("\n"), old.split("\n"), new.split("\n"), by_words, wide=True)
    return "\n".join(lines)


Opcodes = list[tuple[str, int, int, int, int]]


def _merge(
    base: Sequence[T],
    old: Sequence[T],
    new: Sequence[T],
    resolve: Callable[[Sequence[T], Sequence[T], Sequence[T]], list[T]],
    wide: bool = True,
) -> list[T]:
    """A three-way merge where ``old`` is a rewrite of ``base`` and ``new`` an edit of ``old``."""
    # The changed stretches of both diffs, in old's positions, are gathered into clusters
    # (overlapping ones, those at an insertion's place and, when wide, touching ones join).
    # A cluster without an edit keeps base's text; one with an edit becomes what resolve
    # makes of its three versions.
    rewrite, edit = _opcodes(base, old), _opcodes(old, new)
    spans = [(j1, j2, False) for tag, _, _, j1, j2 in rewrite if tag != "equal"]
    spans += [(i1, i2, True) for tag, i1, i2, _, _ in edit if tag != "equal"]
    insertions = {start for start, end, _ in spans if start == end}
    clusters: list[tuple[int, int, bool]] = []
    for start, end, edited in sorted(spans):
        last_end = clusters[-1][1] if clusters else -1
        if start < last_end or (
            start == last_end and (wide or start == end or last_end in insertions)
        ):
            first, last, was_edited = clusters[-1]
            clusters[-1] = (first, max(last, end), was_edited or edited)
        else:
            clusters.append((start, end, edited))
    out: list[T] = []
    done = 0  # how much of base is already out
    for start, end, edited in clusters:
        if not edited:
            continue
        b1, b2 = _map(rewrite, start, False, True), _map(rewrite, end, False, False)
        n1, n2 = _map(edit, start, True, True), _map(edit, end, True, False)
        out.extend(base[done:b1])
        out.extend(resolve(base[b1:b2], old[start:end], new[n1:n2]))
        done = b2
    out.extend(base[done:])
    return out


def _opcodes(a: Sequence[T], b: Sequence[T]) -> Opcodes:
    """The diff of two sequences, where blank lines or punctuation alone anchor nothing."""
    # An unchanged stretch without a letter or digit between two changes joins them.
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    out: Opcodes = []
    for index, op in enumerate(ops):
        tag, a1, a2, b1, b2 = op
        weak = (
            tag == "equal"
            and 0 < index < len(ops) - 1
            and not any(_WORD.search(str(item)) for item in a[a1:a2])
        )
        if (tag != "equal" or weak) and out and out[-1][0] != "equal":
            out[-1] = ("replace", out[-1][1], a2, out[-1][3], b2)
        else:
            out.append(("replace", a1, a2, b1, b2) if weak else op)
    return out


def _map(opcodes: Opcodes, position: int, old_first: bool, at_start: bool) -> int:
    """Where a boundary in ``old`` (first if ``old_first``) falls in the diff's other side."""
    # A change that merely touches the boundary from outside is not the cluster's; one that is
    # empty on old's side at the boundary is.
    found: list[tuple[str, int, int, int, int]] = []
    for tag, a1, a2, b1, b2 in opcodes:
        m1, m2, o1, o2 = (a1, a2, b1, b2) if old_first else (b1, b2, a1, a2)
        if m1 <= position <= m2:
            found.append((tag, m1, m2, o1, o2))
    if not found:
        return 0
    tag, m1, m2, o1, o2 = found[0] if at_start else found[-1]
    if tag == "equal":
        return o1 + position - m1
    if at_start:
        return o2 if m1 < m2 == position else o1
    return o1 if m1 == position < m2 else o2
