"""MediaWiki XML dumps (export format 0.11), written page by page, and MediaWiki page titles.

The layout follows ``docs/export-0.11.xsd`` of MediaWiki core: ``<mediawiki>`` with ``version``
and ``xml:lang``, an optional ``<siteinfo>`` (sitename, dbname, base, generator, case,
namespaces, and the ``namespacealiases`` element the schema requires once siteinfo is present),
then ``<page>`` elements (title, ns, id, revision: id, timestamp, contributor, comment, model,
format, text, sha1). ``importDump.php`` reads it; the ``sha1`` is MediaWiki's base-36 form.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import BinaryIO

EXPORT_NS = "http://www.mediawiki.org/xml/export-0.11/"
EXPORT_VERSION = "0.11"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_URL = "http://www.mediawiki.org/xml/export-0.11.xsd"

# The namespaces of a default MediaWiki install (ns 4 and 5 are named after the site).
_NAMESPACES: tuple[tuple[int, str], ...] = (
    (-2, "Media"),
    (-1, "Special"),
    (0, ""),
    (1, "Talk"),
    (2, "User"),
    (3, "User talk"),
    (4, "{site}"),
    (5, "{site} talk"),
    (6, "File"),
    (7, "File talk"),
    (8, "MediaWiki"),
    (9, "MediaWiki talk"),
    (10, "Template"),
    (11, "Template talk"),
    (12, "Help"),
    (13, "Help talk"),
    (14, "Category"),
    (15, "Category talk"),
)
# Canonical names and aliases that also take a title out of the main namespace.
_NAMESPACE_ALIASES = ("Project", "Project talk", "Image", "Image talk")

# Characters MediaWiki never allows in a title ($wgLegalTitleChars excludes them).
_ILLEGAL_TITLE_RE = re.compile(r"[#<>\[\]|{}\x00-\x1f\x7f\ufffd]")
_BIDI_RE = re.compile("[\u200e\u200f\u202a-\u202e]")
_SPACE_RE = re.compile("[ _\u00a0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
# Characters XML 1.0 cannot carry, not even as character references.
_XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_TITLE_BYTES = 255


class TitleError(ValueError):
    """A title MediaWiki would refuse or put outside the main namespace."""


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """The ``<siteinfo>`` of a dump."""

    sitename: str = "Wiki"
    dbname: str = "wikidb"
    base: str = "http://localhost/wiki/Main_Page"
    generator: str = "wikiconv"
    case: str = "first-letter"

    def namespaces(self) -> list[tuple[int, str]]:
        """The namespace keys and names, with the project namespace named after the site."""
        site = self.sitename.replace("_", " ")
        return [(key, name.format(site=site)) for key, name in _NAMESPACES]


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    """What every revision of the dump shares: time, contributor and edit summary."""

    timestamp: str  # ISO 8601, UTC, e.g. 2024-05-01T12:00:00Z
    username: str = "wikiconv"
    user_id: int = 0
    comment: str = ""


# -- titles -----------------------------------------------------------------------------------


def normalize_title(title: str) -> str:
    """Normalise a title as MediaWiki does: NFC, ``_`` and blanks as one space, first upper."""
    text = _BIDI_RE.sub("", unicodedata.normalize("NFC", title))
    text = _SPACE_RE.sub(" ", text).strip()
    if text.startswith(":"):  # [[:Foo]] is the main-namespace page Foo
        text = text[1:].lstrip()
    if text and len(text[0].upper()) == 1:
        text = text[0].upper() + text[1:]
    return text


def page_title(title: str, site: SiteInfo | None = None) -> str:
    """Return the normalised main-namespace title, or raise :class:`TitleError` saying why."""
    text = normalize_title(title)
    if not text:
        raise TitleError("empty title")
    bad = _ILLEGAL_TITLE_RE.search(text)
    if bad:
        raise TitleError(f"title {text!r} contains {bad.group()!r}, which MediaWiki forbids")
    if re.search(r"%[0-9A-Fa-f]{2}|&[A-Za-z0-9#]+;|~{3}", text):
        raise TitleError(f"title {text!r} contains a %-escape, an entity or '~~~'")
    if text in (".", "..") or text.startswith(("./", "../")) or "/./" in text or "/../" in text:
        raise TitleError(f"title {text!r} is a relative path")
    if text.endswith(("/.", "/..")):
        raise TitleError(f"title {text!r} is a relative path")
    if len(text.encode("utf-8")) > MAX_TITLE_BYTES:
        raise TitleError(f"title is longer than {MAX_TITLE_BYTES} bytes")
    prefix, colon, _rest = text.partition(":")
    if colon:
        names = [name for _key, name in (site or SiteInfo()).namespaces() if name]
        folded = normalize_title(prefix).casefold()
        for name in (*names, *_NAMESPACE_ALIASES):
            if folded == name.casefold():
                raise TitleError(f"title {text!r} would be in the {name!r} namespace")
    return text


# -- values -----------------------------------------------------------------------------------


def sha1_base36(text: str) -> str:
    """MediaWiki's revision SHA-1: the SHA-1 of the UTF-8 text in base 36, 31 digits."""
    return _sha1_base36_of(text.encode("utf-8"))


def _sha1_base36_of(data: bytes) -> str:
    """The base-36 SHA-1 of bytes, 31 digits."""
    number = int.from_bytes(hashlib.sha1(data).digest(), "big")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = []
    while number:
        number, rest = divmod(number, 36)
        out.append(digits[rest])
    return "".join(reversed(out)).rjust(31, "0")


def base36_to_hex(value: str) -> str:
    """Convert a base-36 SHA-1 (as in dumps) to the 40-digit hex form the API reports."""
    return format(int(value, 36), "040x")


def parse_timestamp(value: str) -> str:
    """Parse an ISO 8601 date-time and return it in UTC as ``YYYY-MM-DDTHH:MM:SSZ``."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return format_timestamp(moment)


def format_timestamp(moment: datetime) -> str:
    """Format a date-time in UTC, to the second, with a ``Z``."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_timestamp() -> str:
    """The current time as a dump timestamp."""
    return format_timestamp(datetime.now(timezone.utc))


def xml_illegal_char(text: str) -> int:
    """Return the index of the first character XML 1.0 cannot carry, or -1."""
    match = _XML_ILLEGAL_RE.search(text)
    return match.start() if match else -1


def escape_text(text: str) -> str:
    """Escape character data; ``\\r`` becomes a reference so XML parsers keep it."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def escape_attr(text: str) -> str:
    """Escape an attribute value (double-quoted)."""
    return escape_text(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


# -- the writer -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageXml:
    """A page's title and text as dump XML: all of a ``<page>`` but its ids and revision info.

    :func:`render_page` makes it where the text is made (in a worker process), so the process
    writing the dump only joins strings.
    """

    title: str  # the escaped title
    text: str  # the <text> and <sha1> lines, escaped, and the closing tags
    sha1: str  # the text's base-36 SHA-1


def render_page(title: str, text: str) -> PageXml:
    """Escape and hash a page (``text`` must be XML-clean: see :func:`xml_illegal_char`)."""
    data = text.encode("utf-8")
    sha1 = _sha1_base36_of(data)
    return PageXml(
        escape_text(title),
        f'      <text xml:space="preserve" bytes="{len(data)}">{escape_text(text)}</text>\n'
        f"      <sha1>{sha1}</sha1>\n"
        "    </revision>\n"
        "  </page>\n",
        sha1,
    )


class DumpWriter:
    """Write a dump to a binary stream: :meth:`start`, then :meth:`page` per page, :meth:`end`."""

    def __init__(
        self, stream: BinaryIO, revision: RevisionInfo, site: SiteInfo | None = None
    ) -> None:
        """Wrap ``stream``; ``site=None`` leaves the optional ``<siteinfo>`` out."""
        self.stream = stream
        self.revision = revision
        self.site = site
        self.pages = 0
        rev = revision
        comment = f"      <comment>{escape_text(rev.comment)}</comment>\n" if rev.comment else ""
        self._revision_xml = (
            "</id>\n"
            f"      <timestamp>{rev.timestamp}</timestamp>\n"
            "      <contributor>\n"
            f"        <username>{escape_text(rev.username)}</username>\n"
            f"        <id>{rev.user_id}</id>\n"
            "      </contributor>\n"
            f"{comment}"
            "      <model>wikitext</model>\n"
            "      <format>text/x-wiki</format>\n"
        )

    def _write(self, text: str) -> None:
        """Write UTF-8 text."""
        self.stream.write(text.encode("utf-8"))

    def start(self) -> None:
        """Write the root element and the site information."""
        self._write(
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<mediawiki xmlns="{EXPORT_NS}" xmlns:xsi="{XSI_NS}" '
            f'xsi:schemaLocation="{EXPORT_NS} {SCHEMA_URL}" '
            f'version="{EXPORT_VERSION}" xml:lang="en">\n'
        )
        if self.site is None:
            return
        site = self.site
        lines = [
            "  <siteinfo>",
            f"    <sitename>{escape_text(site.sitename)}</sitename>",
            f"    <dbname>{escape_text(site.dbname)}</dbname>",
            f"    <base>{escape_text(site.base)}</base>",
            f"    <generator>{escape_text(site.generator)}</generator>",
            f"    <case>{escape_text(site.case)}</case>",
            "    <namespaces>",
        ]
        for key, name in site.namespaces():
            attrs = f'key="{key}" case="{escape_attr(site.case)}"'
            if name:
                lines.append(f"      <namespace {attrs}>{escape_text(name)}</namespace>")
            else:
                lines.append(f"      <namespace {attrs} />")
        lines += ["    </namespaces>", "    <namespacealiases />", "  </siteinfo>"]
        self._write("\n".join(lines) + "\n")

    def page(self, page_id: int, title: str, text: str, revision_id: int | None = None) -> str:
        """Write one page with one revision of ``text``; return the revision's base-36 SHA-1."""
        bad = xml_illegal_char(text)
        if bad >= 0:
            raise ValueError(f"U+{ord(text[bad]):04X} cannot be written in XML 1.0")
        rendered = render_page(title, text)
        self.write_page(page_id, rendered, revision_id)
        return rendered.sha1

    def write_page(self, page_id: int, page: PageXml, revision_id: int | None = None) -> None:
        """Write one page rendered by :func:`render_page`."""
        self._write(
            f"  <page>\n    <title>{page.title}</title>\n    <ns>0</ns>\n    <id>{page_id}</id>\n"
            f"    <revision>\n      <id>{revision_id or page_id}{self._revision_xml}{page.text}"
        )
        self.pages += 1

    def end(self) -> None:
        """Close the root element."""
        self._write("</mediawiki>\n")
