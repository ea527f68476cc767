"""Raw HTML in wikitext: MediaWiki's allowed tags kept, the rest dropped, text escaped."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from wikiconv.html_tags import anchor_href
from wikiconv.writers import wikitext_escape as esc

# CommonMark §6.6: comments, tags with quoted attributes, processing instructions, declarations.
_ATTRIBUTE = r"""\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
_HTML_TAG = re.compile(
    r"(?P<comment><!-->|<!--->|<!--.*?-->)"
    rf"|<(?P<open>[A-Za-z][A-Za-z0-9-]*)(?:{_ATTRIBUTE})*\s*/?>"
    r"|</(?P<close>[A-Za-z][A-Za-z0-9-]*)\s*>"
    r"|(?P<other><\?.*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[.*?\]\]>)",
    re.DOTALL,
)
# Elements whose content a browser never shows.
_HIDDEN_CONTENT = frozenset({"script", "style"})


def write_raw_html(
    html: str, warn: Callable[[str], None], line_start: bool = True, one_line: bool = False
) -> str:
    """Raw HTML: allowed tags kept, others dropped with a warning, text escaped.

    ``one_line`` joins the lines outside ``<pre>`` with spaces (the same whitespace to
    HTML): MediaWiki would otherwise wrap each bare text line of an HTML block in ``<p>``.
    """
    out: list[str] = []
    pos = 0
    raw_depth = 0  # inside <pre> MediaWiki takes text literally and shows tags as text
    hidden = False  # inside <script> or <style>: content dropped too (both set by _tags)
    link_closer: str | None = None  # inside a link made from <a href>: its "]" or "]]"
    label_start = 0
    last_close: int | None = None  # found once, when the first <a href> is met

    def add_text(text: str) -> None:
        nonlocal line_start
        if not hidden and text:
            if raw_depth:
                out.append(text)
            else:
                if one_line or link_closer is not None:
                    text = text.replace("\n", " ")
                escaped = _html_text(text, line_start)
                out.append(esc.escape_external_label(escaped) if link_closer == "]" else escaped)
            line_start = text.endswith("\n")

    for match, name, raw_depth, hidden in _tags(html):
        if match is None:  # the state the text after the last tag is read in
            break
        add_text(html[pos : match.start()])
        pos = match.end()
        tag = match.group(0)
        if hidden:
            continue
        if match.group("comment"):  # MediaWiki drops comments before it reads line starts
            out.append("<!---->" if tag in ("<!-->", "<!--->") else tag)
            continue
        line_start = False
        if name == "a" and raw_depth == 0:  # <a href>…</a> becomes a link, as in a paragraph
            if match.group("open") and link_closer is None:
                if last_close is None:
                    last_close = _last_anchor_close(html)
                ends = _anchor_link(tag) if pos <= last_close else None
                if ends is not None:
                    out.append(ends[0])
                    link_closer, label_start = ends[1], len(out)
                    continue
            elif match.group("close") and link_closer is not None:
                if len(out) == label_start:  # "[[x|]]" would be the pipe trick
                    out.append("<nowiki/>")
                out.append(link_closer)
                link_closer = None
                continue
        if name == "pre" or (raw_depth == 0 and name and esc.is_allowed_tag(name)):
            out.append(tag.replace("\n", " ") if one_line and not raw_depth else tag)
        else:
            warn(f"HTML {tag[:40]!r} has no wikitext form; dropped")
    add_text(html[pos:])
    if link_closer is not None:  # never left open, whatever the tags say
        out.append(link_closer)
    return "".join(out)


def _anchor_link(tag: str) -> tuple[str, str] | None:
    """The link markup for an ``<a href>`` open tag, else None."""
    found = anchor_href(tag)
    return None if found is None else esc.link_markup(found[0])


def _tags(html: str) -> Iterator[tuple[re.Match[str] | None, str, int, bool]]:
    """Each tag or comment of raw HTML, its lowercased name, and the state it is read in:
    the ``<pre>`` depth and whether it lies inside ``<script>``/``<style>`` (whose end tag
    is inside too); last, ``None`` with the state after the last tag. The one place that
    follows that state, for the writer and its look-ahead."""
    raw_depth, hidden = 0, None
    for match in _HTML_TAG.finditer(html):
        name = (match.group("open") or match.group("close") or "").lower()
        yield match, name, raw_depth, hidden is not None
        if hidden is not None:
            hidden = None if match.group("close") and name == hidden else hidden
        elif name == "pre":
            raw_depth = max(0, raw_depth + (-1 if match.group("close") else 1))
        elif match.group("open") and name in _HIDDEN_CONTENT and not match.group(0).endswith("/>"):
            hidden = name
    yield None, "", raw_depth, hidden is not None


def _last_anchor_close(html: str) -> int:
    """Where the last ``</a>`` that :func:`write_raw_html` will see as a tag starts, or -1:
    ``</a>`` inside a comment, ``<pre>``, ``<script>`` or ``<style>`` closes nothing."""
    last = -1
    for match, name, raw_depth, hidden in _tags(html):
        if match and not hidden and raw_depth == 0 and match.group("close") and name == "a":
            last = match.start()
    return last


def _html_text(text: str, line_start: bool) -> str:
    """Text between tags of raw HTML: wiki hazards neutralised, HTML entities kept."""
    lines = [esc.escape_wiki_markup(line) for line in text.split("\n")]
    return "\n".join(
        esc.escape_line_start(line) if i > 0 or line_start else line for i, line in enumerate(lines)
    )
