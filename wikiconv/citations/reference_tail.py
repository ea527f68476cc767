"""After the author list: the date, the title, and the tail of elements that follows it.

Each style orders the same elements differently; this module finds them by what they look
like rather than where they stand: locators by their shapes (``reference_locators.py``), dates
by ``dates.py``, publishers, news organisations, platforms and websites by the word lists in
``data/`` (``reference_kind.py``, which also picks the kind).  The tokens are cut into parts by
``reference_parts.py``; the tail's sentences and pieces are read by ``reference_elements.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wikiconv.citations.citation import Citation, Contributor
from wikiconv.citations.dates import find_date, is_no_date
from wikiconv.citations.lazy_re import lazy_re
from wikiconv.citations.lexicon import fold, lexicon
from wikiconv.citations.names import NameList
from wikiconv.citations.reference_elements import Tail
from wikiconv.citations.reference_kind import choose_kind, is_news
from wikiconv.citations.reference_locators import has_locator, is_year, set_date
from wikiconv.citations.reference_parts import Part, split_parts, strip_title
from wikiconv.citations.reference_tokens import Tok

_PAREN_AUTHOR = lazy_re(
    r"^(?P<n>[^\W\d_][\w'\-]+(?:\s(?:and|&)\s[^\W\d_][\w'\-]+)?)(?:\set\sal\.?)?,?\s(?P<y>\d{4})$"
)
_AND = lazy_re(r"\s(?:and|&)\s")
_NO_DATE_PAREN = lazy_re(r"\(\s?n\.\s?d\.\s?\)")
_TITLE_EDITION = lazy_re(r"\s\((?P<e>[^()]{1,20}?)\s?(?:ed|edn|edition)\.?\)$")
_TITLE_SUBTITLE = lazy_re(r"\s\(([^()]{3,80}:[^()]{2,80})\)$")
_NON_LETTER = lazy_re(r"[\W\d_]")
_END_PARENS = lazy_re(r"\(([^()]{1,60})\)\s*\.?\s*$")


@dataclass
class Reading:
    """How well one reading of the tail fits, for scoring."""

    score: float = 0.0
    leftovers: list[str] = field(default_factory=list)


def _head_date(parts: list[Part], cit: Citation, notes: list[str]) -> int:
    """Take a date standing right after the authors ("(2019)." or "2013."); return parts used."""
    if not parts:
        return 0
    first = parts[0]
    if first.kind == "PAREN_YEAR":
        if set_date(cit, first.text, notes, "in parentheses after the authors (author-date style)"):
            return 1
        return 0
    text = first.text.strip()
    if first.kind == "plain" and (is_year(text, suffix=True) or is_no_date(text)):
        if not is_no_date(text):
            set_date(cit, text, notes, "a year after the authors (author-date style)")
        return 1
    if first.kind == "plain" and _NO_DATE_PAREN.fullmatch(text):
        return 1
    return 0


def _title(
    parts: list[Part],
    k: int,
    names: NameList | None,
    toks: list[Tok],
    cit: Citation,
    notes: list[str],
) -> tuple[int, float, str]:
    """Pick the title from ``parts[k:]``; return the next part index and a score."""
    if k >= len(parts):
        return k, -1.0, ""
    part = parts[k]
    if part.kind == "MDLINK":
        cit.title = strip_title(part.text)
        notes.append(f"'{cit.title}' is the title: Markdown link text")
        return k + 1, 2.0, ""
    if part.kind in ("QUOTED", "SQUOTED", "ITALIC"):
        cit.title = strip_title(part.text)
        how = "italics" if part.kind == "ITALIC" else "quotation marks"
        notes.append(f"'{cit.title}' is the title: in {how}")
        return k + 1, 2.0, ""
    if part.kind != "plain":
        return k, -1.0, ""
    comma_style = names is not None and names.end < len(toks) and toks[names.end].type == "COMMA"
    end = k + 1
    while end < len(parts) and parts[end].kind == "plain" and parts[end].sentence == part.sentence:
        end += 1
    if not comma_style and end - k >= 3 and part.stop == ",":
        later = " ".join(p.text for p in parts[k + 1 : end])
        if has_locator(later):
            comma_style = True  # "Title, Journal, 37(7), pages 72-76": the title ends at its comma
    if comma_style:
        end = k + 1
    title = strip_title(" ".join(p.text + ("," if p.stop == "," else "") for p in parts[k:end]))
    extra = ""
    edition = _TITLE_EDITION.search(title)
    if edition:
        title, cit.edition = title[: edition.start()].rstrip(), edition.group("e")
        notes.append(f"'({edition.group('e')} ed.)' after the title is the edition")
    trailing = _TITLE_SUBTITLE.search(title)
    if trailing:
        title, extra = title[: trailing.start()].rstrip(), trailing.group(1)
    if not title or not any(c.isalpha() for c in title):
        return k, -1.0, ""
    cit.title = title
    why = (
        "first element after the authors, to the comma"
        if comma_style
        else "first sentence after the authors"
    )
    notes.append(f"'{title}' is the title: {why}")
    words = len(title.split())
    score = 1.2 if words <= 40 else 0.2
    if comma_style and words == 1 and part.stop == ".":
        score -= 0.5  # "Morrison, Toni. Beloved.": a given name, not a one-word title
    if len(_NON_LETTER.sub("", title)) <= 2:
        score -= 2.0  # "S." or "12" is no title
    if fold(title) in lexicon().publishers or is_news(title) or words <= 3 and find_date(title):
        score -= 1.5
    return end, score, extra


def _tail_parens(text: str, cit: Citation, notes: list[str]) -> str:
    """Read "(Ho et al., 2020)" at the end as the author and year when no authors were found."""
    match = _END_PARENS.search(text)
    if not match or cit.authors:
        return text
    found = _PAREN_AUTHOR.match(match.group(1).strip())
    if not found:
        return text
    cit.authors = [Contributor(family=n.strip()) for n in _AND.split(found.group("n"))]
    set_date(cit, found.group("y"), notes, "author-year in parentheses")
    notes.append(f"'{match.group(1)}' gives the authors and year: parenthetical author-date")
    return text[: match.start()]


def read_rest(
    text: str, toks: list[Tok], start: int, names: NameList | None, cit: Citation
) -> Reading:
    """Fill ``cit`` from the tokens after the author list; return how well it fitted."""
    notes: list[str] = []
    reading = Reading()
    parts = split_parts(text, toks, start)
    k = _head_date(parts, cit, notes)
    score = 0.8 if k else 0.0
    if names is None and parts and parts[0].kind in ("QUOTED", "ITALIC", "MDLINK", "SQUOTED"):
        score += 0.8
    title_kind = parts[k].kind if k < len(parts) else ""
    k, title_score, extra = _title(parts, k, names, toks, cit, notes)
    score += title_score
    tail = Tail(cit, notes)
    if extra:
        tail.sentence(extra)
    if k < len(parts):
        rest_parts = _tail_parts(text, toks, start, parts, k, cit, notes)
        sentence: list[Part] = []
        for part in rest_parts + [Part("end", [], "", "", -1)]:
            if sentence and (part.sentence != sentence[0].sentence or part.kind != "plain"):
                _tail_sentence(tail, sentence, text)
                sentence = []
            if part.kind == "plain":
                sentence.append(part)
            elif part.kind == "ITALIC":
                body = strip_title(part.text)
                if fold(body) in lexicon().databases or fold(body) in lexicon().platforms:
                    notes.append(f"'{body}' is a database or platform, not the container: dropped")
                elif not cit.container:
                    cit.container = body
                    tail.container_from = "italic"
                    notes.append(f"'{body}' is the container: italics after the title")
                elif not cit.publisher:
                    cit.publisher = body
            elif part.kind in ("QUOTED", "SQUOTED") and not cit.container:
                cit.container = strip_title(part.text)
                tail.container_from = "quoted"
    if cit.container and cit.publisher and fold(cit.container) == fold(cit.publisher):
        cit.publisher = ""
        notes.append("publisher dropped: it repeats the website's name")
    choose_kind(
        cit, notes, title_kind, genre=tail.genre, in_book=tail.in_book, platform=tail.platform
    )
    score += 0.6 * bool(cit.date) + 0.5 * bool(cit.container) + 0.4 * bool(cit.publisher)
    score += min(tail.matched, 3) * 0.3 + 0.5 * bool(cit.url or cit.identifiers)
    score -= 0.7 * len(tail.leftovers)
    if tail.leftovers:
        notes.append("left unassigned: " + "; ".join(f"'{x}'" for x in tail.leftovers))
    reading.score = score
    reading.leftovers = tail.leftovers
    cit.guesses.extend(notes)
    return reading


def _tail_parts(
    text: str,
    toks: list[Tok],
    start: int,
    parts: list[Part],
    k: int,
    cit: Citation,
    notes: list[str],
) -> list[Part]:
    """The parts of the tail from ``parts[k]`` on, cut as if the tail were all there is.

    Those are ``parts[k:]`` themselves unless the tail loses its end to a parenthetical
    author-date, starts with a period (which alone would end a sentence) or with the year
    only a head sets apart: then the tail's tokens are cut again.
    """
    first = parts[k].toks[0]
    rest = _tail_parens(text[first.start :], cit, notes)
    cut = first.start + len(rest)  # the tail read is text[first.start:cut]
    if toks[-1].end <= cut and first.type != "PERIOD" and parts[k].kind != "PAREN_YEAR":
        return parts[k:]
    j = start
    while toks[j] is not first:
        j += 1
    stop = j
    while stop < len(toks) and toks[stop].end <= cut:
        stop += 1
    return split_parts(text, toks, j, head=False, until=stop)


def _tail_sentence(tail: Tail, sentence: list[Part], text: str) -> None:
    """Read the sentence that these plain parts of ``text`` make up."""
    body = text[sentence[0].toks[0].start : sentence[-1].toks[-1].end]
    tail.sentence(body)
