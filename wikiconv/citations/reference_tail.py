"""After the author list: the date, the title, and the tail of elements that follows it.

Each style orders the same elements differently; this module finds them by what they look
like rather than where they stand: locators by their shapes (APA "12(3), 45–67", MLA "vol.
45, no. 2", Chicago "11, no. 1 (2017): 1–34", Vancouver "2002;347(4):284-7", Nature "596,
583–589 (2021)"), dates by ``dates.py``, publishers, news organisations, platforms and
websites by the word lists in ``data/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wikiconv.citations.citation import Citation, Contributor
from wikiconv.citations.dates import day_month, find_date, is_no_date
from wikiconv.citations.lexicon import fold, lexicon
from wikiconv.citations.names import NameList
from wikiconv.citations.reference_tokens import Tok, inner, is_abbreviation, is_site

_RANGE = r"[A-Za-z]{0,2}\d{1,9}(?:\s?[–—\-]\s?[A-Za-z]{0,2}\d{1,9})?"
_LOCATORS: list[tuple[str, re.Pattern[str]]] = [
    # Vancouver/ICMJE: 2002 Jul 25;347(4):284-7
    (
        "vancouver",
        re.compile(
            rf"(?P<date>(?:1[5-9]|20)\d\d(?:\s[A-Z][a-z]{{2}}(?:\s\d{{1,2}})?)?)\s?;\s?(?P<vol>\d{{1,6}}[A-Z]?)?"
            rf"(?:\s?\((?P<iss>[^()]{{1,20}})\))?(?:\s?:\s?(?P<pp>{_RANGE}))?"
        ),
    ),
    # Chicago: 11, no. 1 (Spring 2017): 1–34
    (
        "chicago",
        re.compile(
            rf"(?<![\w])(?P<vol>\d{{1,6}}),\s?no\.\s?(?P<iss>[\w–\-/]{{1,12}})\s?\((?P<date>[^()]{{1,40}})\)"
            rf"(?::\s?(?P<pp>{_RANGE}))?"
        ),
    ),
    # ACM: 36, 3 (1988), 454-469
    (
        "acm",
        re.compile(
            rf"(?<![\w])(?P<vol>\d{{1,6}}),\s(?P<iss>\d{{1,4}})\s\((?P<date>(?:1[5-9]|20)\d\d)\),\s?(?P<pp>{_RANGE})"
        ),
    ),
    # Nature: 596, 583–589 (2021)
    (
        "nature",
        re.compile(
            rf"(?<![\w])(?P<vol>\d{{1,6}}),\s(?P<pp>{_RANGE})\s\((?P<date>(?:1[5-9]|20)\d\d)\)"
        ),
    ),
    # Chicago without issue: 12 (2017): 45–67
    (
        "chicago-vol",
        re.compile(
            rf"(?<![\w])(?P<vol>\d{{1,6}})\s\((?P<date>[^()]{{0,30}}(?:1[5-9]|20)\d\d)\)(?::\s?(?P<pp>{_RANGE}))?"
        ),
    ),
    # APA/Harvard/Cora: 12(3), 45–67 | 5 (1), 33-42 | 39(1): 71 - 88 | 42(2-3)
    (
        "apa",
        re.compile(
            rf"(?<![\w.])(?P<vol>\d{{1,6}})\s?\((?P<iss>[^()]{{1,15}})\)(?:\s?[,:]\s?(?:pp?\.\s?|pages\s)?(?P<pp>{_RANGE}))?"
        ),
    ),
    # APA without issue, Harvard "16: 491-497", "60, 241- 253"
    (
        "volume-pages",
        re.compile(
            r"(?<![\w.\-–])(?P<vol>\d{1,6})\s?[,:]\s?(?P<pp>[A-Za-z]?\d{1,7}\s?[–—\-]\s?[A-Za-z]?\d{1,7})(?![\w])"
        ),
    ),
]
_VOLUME = re.compile(
    r"(?<![\w])(?:vol|Vol|VOL|volume|Volume|v|Bd|Jg|t|tome)\.?\s?(?P<v>[A-Z]{0,4}-?\s?\d[\w\-]{0,8}|[IVXLC]{1,6})(?![\w])"
)
_ISSUE = re.compile(
    r"(?<![\w])(?:no|No|NO|nr|Nr|nos|Nos|issue|Issue|iss|Heft|H|núm|n)\.?\s?(?P<i>\d[\w\-/–]{0,8})(?![\w])"
)
_PAGES = re.compile(
    rf"(?<![\w])(?:pp|p|pg|pages|page|S|Pp|P)\.?\s?(?P<p>{_RANGE}(?:,\s?[A-Za-z]?\d{{1,7}}[–—\-][A-Za-z]?\d{{1,7}})*)(?![\w])"
)
_EDITION = re.compile(
    r"\(?(?P<e>\d{1,3}(?:st|nd|rd|th|\.ª|e)?|[Rr]evised|[Rr]ev\.|[Ee]xpanded|[Ff]irst|[Ss]econd|[Tt]hird|[Nn]ew|[Ii]nternational)"
    r"\s?(?:ed|edn|edition|Aufl|éd)\.?\)?(?![\w])"
)
_EDITORS = re.compile(
    r"^(?:(?:[Ii]n:?\s)?(?P<a>[^()]{1,200}?),?\s?(?:\((?:[Ee]ds?|[Hh]rsg)\.?\)|(?<=[\s,])(?:editors?|eds?\.?)(?=\W|$)),?"
    r"|(?:[Ee]dited by|[Ee]d\.(?: by)?|[Hh]erausgegeben von)\s(?P<b>[^,(]{1,120}))"
)
_IN = re.compile(r"^[Ii]n:?\s+")
_LAST_MODIFIED = re.compile(
    r"(?i)\b(?:last modified|last updated|updated|published|posted)(?:\s+on)?:?"
    r"(?=\s*(?:\d|[A-Z][a-z]{2,8}\.?\s\d))"
)
_PLACE_PUBLISHER = re.compile(
    r"^\s*\(?(?P<place>[A-Z][^:,;()]{1,30}(?:,\s?[A-Z][\w.]{0,12}\.?){0,2})\s?:\s?(?P<rest>[^:]+)$"
)
_GENRE_REPORT = re.compile(
    r"(?i)\b(?:technical report|tech\.? rep(?:ort)?\.?|research report|working paper)\b[^,]*"
)
_GENRE_THESIS = re.compile(
    r"(?i)\b(?:ph\.?\s?d\.?|master'?s|m\.?sc\.?|doctoral|diploma)?\s?(?:thesis|dissertation)\b"
)
_PAREN_AUTHOR = re.compile(
    r"^(?P<n>[^\W\d_][\w'\-]+(?:\s(?:and|&)\s[^\W\d_][\w'\-]+)?)(?:\set\sal\.?)?,?\s(?P<y>\d{4})$"
)


@dataclass
class Part:
    """A run of tokens: one special token (title, link, paren group) or plain text to a stop."""

    kind: str  # "QUOTED", "SQUOTED", "ITALIC", "MDLINK", "PAREN_YEAR" (head only) or "plain"
    toks: list[Tok]
    text: str
    stop: str = ""  # punctuation that ended it: "." "," ";" "?" or ""
    sentence: int = 0


@dataclass
class Reading:
    """How well one reading of the tail fits, for scoring."""

    score: float = 0.0
    leftovers: list[str] = field(default_factory=list)


def _is_boundary(toks: list[Tok], j: int) -> bool:
    """Does the PERIOD at ``j`` end a sentence (not an abbreviation or ordinal)?"""
    tok = toks[j]
    if not tok.space_after and j + 1 < len(toks):
        return False
    if j == 0:
        return True
    prev = toks[j - 1]
    if prev.end != tok.start:
        return True
    if is_abbreviation(prev) and j + 1 < len(toks) and toks[j + 1].type not in ("QUOTED", "ITALIC"):
        return False  # "Proc. IEEE", "Comm. of the ACM", "N Engl J Med. 2002;…" continue
    if prev.type == "NUMBER" and prev.text[-2:] in ("st", "nd", "rd", "th"):
        return False
    # "Ph.D. thesis", "Stability.Ai": a dotted word that is no domain is an abbreviation
    return not (prev.type == "DOTTED" and not is_site(prev.text))


def split_parts(text: str, toks: list[Tok], start: int, head: bool = True) -> list[Part]:
    """Cut tokens from ``start`` into parts at sentence stops, commas and special tokens."""
    parts: list[Part] = []
    sentence = 0
    run: list[Tok] = []

    def flush(stop: str) -> None:
        nonlocal sentence
        if run:
            parts.append(Part("plain", list(run), text[run[0].start : run[-1].end], stop, sentence))
            run.clear()
        elif parts and stop and not parts[-1].stop:
            parts[-1].stop = stop
        if stop in (".", ";", "?", "!"):
            sentence += 1

    j = start
    while j < len(toks):
        tok = toks[j]
        kind = tok.type
        at_head = head and not parts and not run
        if kind in ("QUOTED", "SQUOTED", "ITALIC", "MDLINK") or (kind == "PAREN_YEAR" and at_head):
            flush("")
            parts.append(Part(kind, [tok], inner(tok).strip(), "", sentence))
            body = inner(tok).rstrip()
            if body.endswith((".", "?", "!")) and kind != "PAREN_YEAR":
                sentence += 1
        elif kind == "PERIOD" and _is_boundary(toks, j):
            flush(".")
        elif kind in ("COMMA", "SEMI"):
            flush("," if kind == "COMMA" else ";")
        elif kind in ("QMARK", "EXCL") and tok.space_after:
            run.append(tok)
            flush("?")
        else:
            run.append(tok)
        j += 1
    flush("")
    return parts


def _clean(text: str) -> str:
    text = text.strip()
    text = re.sub(r"^[\s,;:.\-–—]+", "", text)
    text = re.sub(r"[\s,;:\-–—]+$", "", text)
    if text.endswith(".") and not re.search(
        r"(?:\b[A-Z]|\b(?:Inc|Ltd|Co|Corp|Jr|St|Proc|Conf|al))\.$", text
    ):
        text = text[:-1].rstrip()
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    return text


def _strip_title(text: str) -> str:
    text = text.strip()
    while text and text[-1] in ",;:":
        text = text[:-1].rstrip()
    last = re.search(r"(\w+)\.$", text)
    if last and (last.group(1) in lexicon().abbreviations or re.fullmatch(r"[A-Z]", last.group(1))):
        return text  # "J. Basic Eng.", "Proc. IEEE Conf." keep their abbreviating period
    if text.endswith(".") and not re.search(r"(?:\.\.|\bal)\.$", text):
        text = text[:-1]
    return text.strip()


def _set_date(cit: Citation, text: str, notes: list[str], why: str) -> bool:
    found = find_date(text)
    if found is None:
        return False
    if cit.date is None:
        cit.date = found.date
        notes.append(f"'{text[found.start : found.end]}' is the date: {why}")
        return True
    same_year = cit.date.year == found.date.year
    if same_year and cit.date.month is None and found.date.month is not None:
        cit.date = found.date
        notes.append(f"'{text[found.start : found.end]}' makes the date more precise")
    return same_year


def _looks_like_place(text: str) -> bool:
    lex = lexicon()
    folded = fold(text)
    if folded in lex.places:
        return True
    pieces = [p.strip() for p in text.split(",")]
    first = fold(pieces[0]).split()
    if not first or len(first) > 3 or set(first) & (lex.org_words | lex.publisher_words):
        return False
    if len(pieces) > 1 and all(p in lex.region_codes or fold(p) in lex.places for p in pieces[1:]):
        return True
    if pieces[-1] in lex.region_codes and len(pieces) > 1:
        return True
    return bool(re.fullmatch(r"[A-Z][\w.]+(?: [A-Z][\w.]+){0,2} \([A-Z]{2}\)", text))


def _is_publisher(text: str) -> bool:
    lex = lexicon()
    folded = fold(text)
    if folded in lex.publishers:
        return True
    words = folded.split()
    return bool(words) and any(w in lex.publisher_words for w in words) and len(words) <= 7


def _is_news(text: str) -> bool:
    folded = fold(text)
    news = lexicon().news
    return folded in news or (folded.startswith("the ") and folded[4:] in news)


def _journal_like(text: str, strong: bool = False) -> bool:
    lex = lexicon()
    words = set(fold(text).split())
    if words & lex.journal_words or words & lex.conference_cues:
        return True
    return not strong and bool(words & lex.subject_words)


def _parse_editor_names(text: str) -> list[Contributor]:
    people = []
    for piece in re.split(r",\s*(?:and\s|&\s)?|\s(?:and|&)\s", text):
        piece = piece.strip(" ,.")
        if not piece:
            continue
        words = piece.split()
        people.append(Contributor(family=words[-1], given=" ".join(words[:-1])))
    return people


class _Tail:
    """The elements after the title, assigned one at a time."""

    def __init__(self, cit: Citation, notes: list[str]) -> None:
        self.cit = cit
        self.notes = notes
        self.in_book = False
        self.genre = ""
        self.leftovers: list[str] = []
        self.matched = 0
        self.container_from = ""
        self.platform = False

    def locators(self, text: str) -> str:
        cit = self.cit
        for name, pattern in _LOCATORS:
            match = pattern.search(text)
            if match is None:
                continue
            groups = match.groupdict()
            if name == "volume-pages" and (cit.volume or cit.pages):
                continue
            if name == "apa" and groups.get("iss") and find_date(groups["iss"]):
                continue
            vol, iss, pp = groups.get("vol"), groups.get("iss"), groups.get("pp")
            if vol and not cit.volume:
                cit.volume = vol.strip()
            if iss and not cit.issue:
                cit.issue = iss.strip()
            if pp and re.fullmatch(r"(?:1[5-9]|20)\d\d", pp.strip()):
                _set_date(cit, pp, self.notes, "a year after the locators")
            elif pp and not cit.pages:
                cit.pages = pp.replace(" ", "")
            if groups.get("date"):
                _set_date(cit, groups["date"], self.notes, f"{name} locator")
            self.notes.append(f"'{match.group(0)}' read as {name} volume/issue/pages")
            self.matched += 1
            text = text[: match.start()] + " " + text[match.end() :]
            break
        for pattern, attr in ((_VOLUME, "volume"), (_ISSUE, "issue"), (_PAGES, "pages")):
            match = pattern.search(text)
            if match and not getattr(self.cit, attr):
                value = (
                    match.group(1).replace(" ", "") if attr == "pages" else match.group(1).strip()
                )
                setattr(self.cit, attr, value)
                self.matched += 1
                text = text[: match.start()] + " " + text[match.end() :]
        return text

    def piece(self, text: str, last: bool) -> None:
        """Classify one comma-separated piece of the tail."""
        cit = self.cit
        lex = lexicon()
        text = _clean(text)
        folded = fold(text)
        if not folded or not any(c.isalnum() for c in text):
            return
        if folded in lex.databases or folded in lex.platforms:
            self.platform = self.platform or folded in lex.platforms
            self.notes.append(
                f"'{text}' is a platform or database, not the work's container: dropped"
            )
            return
        if folded.startswith("on ") and folded[3:] in lex.platforms:
            self.notes.append(f"'{text[3:]}' is a platform, not the work's container: dropped")
            return
        if any(folded == fold(p) for p in lex.phrases["to_appear"]):
            return
        if is_no_date(text):
            return
        if re.fullmatch(r"[A-Za-z]?\d{1,7}\s?[–—\-]\s?[A-Za-z]?\d{1,7}", text) and not cit.pages:
            cit.pages = text.replace(" ", "")
            self.notes.append(f"'{text}' read as pages: a bare range")
            return
        if re.fullmatch(r"\d{1,5}", text):
            if cit.volume or not cit.container or last:
                if not cit.pages:
                    cit.pages = text
                    self.notes.append(f"'{text}' read as the page: a number after the source")
            else:
                cit.volume = text
                self.notes.append(f"'{text}' read as the volume: a number after the journal")
            return
        if ":" in text and not cit.publisher:
            place, _, pub = text.partition(":")
            if pub.strip() and _looks_like_place(place.strip()):
                cit.location = cit.location or place.strip()
                cit.publisher = _clean(pub)
                self.notes.append(f"'{text}' is 'Place: Publisher'")
                return
        trailing = re.fullmatch(r"(.*[A-Za-z.].*?)\s(\d{1,5})", text)
        if trailing and not cit.container and not cit.volume and not _is_publisher(text):
            cit.container, cit.volume = trailing.group(1).strip(), trailing.group(2)
            self.notes.append(f"'{text}' is the journal and its volume")
            return
        if _is_news(text):
            if not cit.container:
                cit.container = text
                self.notes.append(f"'{text}' is the newspaper: known news organisation")
            return
        if is_site(text) and " " not in text:
            if not cit.container:
                cit.container = text
                suffix = text.split("/")[0].rsplit(".", 1)[-1]
                self.notes.append(f"'{text}' is the website: domain suffix '.{suffix}'")
            return
        if _looks_like_place(text) and (cit.publisher or cit.container or cit.title):
            cit.location = cit.location or text
            return
        journal_first = not cit.container and not self.in_book and _journal_like(text)
        if _is_publisher(text) and not cit.publisher and not journal_first:
            cit.publisher = text
            self.notes.append(f"'{text}' is the publisher: publisher name or word")
            return
        if not cit.container and not self.genre:
            cit.container = text
            self.container_from = "plain"
            self.notes.append(f"'{text}' is the container: first element after the title")
            return
        if not cit.publisher and (
            self.in_book
            or self.genre
            or cit.container
            or any(w in lex.org_words for w in folded.split())
        ):
            cit.publisher = text
            self.notes.append(f"'{text}' is the publisher: an organisation after the source")
            return
        self.leftovers.append(text)

    def sentence(self, text: str) -> None:
        """Read one sentence of the tail: markers first, then locators, dates and pieces."""
        text = text.strip()
        if text in ("In", "in", "In:", "in:"):
            self.in_book = True
            return
        if _IN.match(text):
            self.in_book = True
            text = _IN.sub("", text, count=1)
        for genre, pattern in (("report", _GENRE_REPORT), ("thesis", _GENRE_THESIS)):
            match = pattern.search(text)
            if match:
                self.genre = genre
                self.notes.append(f"'{match.group(0).strip()}' marks a {genre}")
                text = text[: match.start()] + " " + text[match.end() :]
        edition = _EDITION.search(text)
        if edition:
            self.cit.edition = self.cit.edition or edition.group("e")
            text = text[: edition.start()] + " " + text[edition.end() :]
        editors = _EDITORS.match(text)
        if editors and (editors.group("a") or editors.group("b")):
            names = editors.group("a") or editors.group("b") or ""
            if not self.cit.editors:
                self.cit.editors = _parse_editor_names(names)
            self.notes.append(f"'{names.strip()}' are editors")
            self.in_book = True
            text = text[editors.end() :]
        text = self.locators(text)
        found = find_date(text)
        if found is not None:
            if _set_date(self.cit, text, self.notes, "a date among the source's elements"):
                text = text[: found.start] + " " + text[found.end :]
        elif self.cit.date is not None and self.cit.date.month is None:
            for piece in text.split(","):
                dm = day_month(piece.strip(" ."))
                if dm:
                    self.cit.date = type(self.cit.date)(self.cit.date.year, dm[0], dm[1])
                    self.notes.append(
                        f"'{piece.strip()}' completes the year given after the authors"
                    )
                    text = text.replace(piece, " ", 1)
                    break
        text = _LAST_MODIFIED.sub(" ", text)
        text = re.sub(r"[()\[\]]", ",", text).strip(" ,;.")
        place = _PLACE_PUBLISHER.match(text)
        if place and not self.cit.publisher and _looks_like_place(place.group("place").strip()):
            rest = [p for p in re.split(r"[,;]", place.group("rest")) if _clean(p)]
            joined = self._join_known(rest)
            if joined:
                self.cit.location = self.cit.location or place.group("place").strip()
                self.cit.publisher = _clean(joined[0])
                self.notes.append(f"'{place.group(0).strip()}' is 'Place: Publisher'")
                self.matched += 1
                text = ",".join(joined[1:])
        pieces = [p for p in re.split(r"[,;]", text) if _clean(p)]
        joined = self._join_known(pieces)
        for k, piece in enumerate(joined):
            self.piece(piece, last=k == len(joined) - 1)

    @staticmethod
    def _join_known(pieces: list[str]) -> list[str]:
        """Rejoin comma pieces that form a known publisher ("Farrar, Straus and Giroux")."""
        out: list[str] = []
        k = 0
        publishers = lexicon().publishers
        while k < len(pieces):
            for width in (3, 2):
                if k + width <= len(pieces):
                    candidate = ", ".join(p.strip() for p in pieces[k : k + width])
                    if fold(candidate) in publishers or _looks_like_place(candidate.strip()):
                        out.append(candidate)
                        k += width
                        break
            else:
                out.append(pieces[k])
                k += 1
        return out


def _head_date(parts: list[Part], cit: Citation, notes: list[str]) -> int:
    """Take a date standing right after the authors ("(2019)." or "2013."); return parts used."""
    if not parts:
        return 0
    first = parts[0]
    if first.kind == "PAREN_YEAR":
        if _set_date(
            cit, first.text, notes, "in parentheses after the authors (author-date style)"
        ):
            return 1
        return 0
    text = first.text.strip()
    if first.kind == "plain" and (
        re.fullmatch(r"(?:1[5-9]|20)\d\d[a-z]?", text) or is_no_date(text)
    ):
        if not is_no_date(text):
            _set_date(cit, text, notes, "a year after the authors (author-date style)")
        return 1
    if first.kind == "plain" and re.fullmatch(r"\(\s?n\.\s?d\.\s?\)", text):
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
        cit.title = _strip_title(part.text)
        notes.append(f"'{cit.title}' is the title: Markdown link text")
        return k + 1, 2.0, ""
    if part.kind in ("QUOTED", "SQUOTED", "ITALIC"):
        cit.title = _strip_title(part.text)
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
        if any(pattern.search(later) for _, pattern in _LOCATORS) or _PAGES.search(later):
            comma_style = True  # "Title, Journal, 37(7), pages 72-76": the title ends at its comma
    if comma_style:
        end = k + 1
    title = _strip_title(" ".join(p.text + ("," if p.stop == "," else "") for p in parts[k:end]))
    extra = ""
    edition = re.search(r"\s\((?P<e>[^()]{1,20}?)\s?(?:ed|edn|edition)\.?\)$", title)
    if edition:
        title, cit.edition = title[: edition.start()].rstrip(), edition.group("e")
        notes.append(f"'({edition.group('e')} ed.)' after the title is the edition")
    trailing = re.search(r"\s\(([^()]{3,80}:[^()]{2,80})\)$", title)
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
    if len(re.sub(r"[\W\d_]", "", title)) <= 2:
        score -= 2.0  # "S." or "12" is no title
    if fold(title) in lexicon().publishers or _is_news(title) or find_date(title) and words <= 3:
        score -= 1.5
    return end, score, extra


def _kind(cit: Citation, tail: _Tail, notes: list[str], title_kind: str) -> None:
    container = cit.container
    news = bool(container) and _is_news(container)
    author_news = not container and any(
        p.organization and _is_news(p.organization) for p in cit.authors
    )
    journalish = bool(container) and (
        bool(cit.volume or cit.issue)
        or _journal_like(container, strong=True)
        or (bool(cit.pages) and not tail.in_book)
        or (_journal_like(container) and not cit.url and not cit.publisher)
    )
    if tail.genre == "thesis":
        cit.kind, why = "generic", "a thesis"
    elif tail.genre == "report":
        cit.kind, why = "generic", "a report"
    elif news or author_news:
        cit.kind, why = "news", "the source is a news organisation"
    elif (
        container
        and not _journal_like(container, strong=True)
        and not (cit.volume or cit.issue)
        and (cit.editors or tail.in_book or (cit.publisher and (cit.pages or not cit.url)))
        and (cit.editors or cit.publisher or cit.pages)
    ):
        cit.kind, why = "book", "a part of a book: a container with editors or a publisher"
    elif journalish:
        cit.kind, why = "journal", "a journal or proceedings with volume, issue or pages"
    elif container and (is_site(container) or cit.url):
        cit.kind, why = "web", "a website with a URL or domain name"
    elif (
        "isbn" in cit.identifiers
        or (cit.publisher and not container)
        or (title_kind == "ITALIC" and not container and not cit.url)
    ):
        cit.kind, why = "book", "a title with a publisher, an ISBN or italics and no container"
    elif cit.url or cit.archive_url:
        cit.kind, why = "web", "a URL and no journal or publisher"
    elif ("arxiv" in cit.identifiers or "doi" in cit.identifiers) and cit.title:
        cit.kind, why = "journal", "a titled work with a DOI or arXiv id"
    elif container:
        cit.kind, why = "web", "a named website without volume, issue or publisher"
    elif tail.platform and cit.title:
        cit.kind, why = "web", "a page on a platform"
    else:
        cit.kind, why = "generic", "nothing marks a type"
    notes.append(f"kind '{cit.kind}': {why}")


def _tail_parens(text: str, cit: Citation, notes: list[str]) -> str:
    """Read "(Ho et al., 2020)" at the end as the author and year when no authors were found."""
    match = re.search(r"\(([^()]{1,60})\)\s*\.?\s*$", text)
    if not match or cit.authors:
        return text
    found = _PAREN_AUTHOR.match(match.group(1).strip())
    if not found:
        return text
    cit.authors = [
        Contributor(family=n.strip()) for n in re.split(r"\s(?:and|&)\s", found.group("n"))
    ]
    _set_date(cit, found.group("y"), notes, "author-year in parentheses")
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
    tail = _Tail(cit, notes)
    if extra:
        tail.sentence(extra)
    if k < len(parts):
        rest_start = parts[k].toks[0].start
        rest = text[rest_start:]
        rest = _tail_parens(rest, cit, notes)
        rest_parts = split_parts(rest, _retokenize(toks, rest_start, len(rest)), 0, head=False)
        sentence: list[Part] = []
        for part in rest_parts + [Part("end", [], "", "", -1)]:
            if sentence and (part.sentence != sentence[0].sentence or part.kind != "plain"):
                _tail_sentence(tail, sentence, rest)
                sentence = []
            if part.kind == "plain":
                sentence.append(part)
            elif part.kind == "ITALIC":
                body = _strip_title(part.text)
                if fold(body) in lexicon().databases or fold(body) in lexicon().platforms:
                    notes.append(f"'{body}' is a database or platform, not the container: dropped")
                elif not cit.container:
                    cit.container = body
                    tail.container_from = "italic"
                    notes.append(f"'{body}' is the container: italics after the title")
                elif not cit.publisher:
                    cit.publisher = body
            elif part.kind in ("QUOTED", "SQUOTED") and not cit.container:
                cit.container = _strip_title(part.text)
                tail.container_from = "quoted"
    if cit.container and cit.publisher and fold(cit.container) == fold(cit.publisher):
        cit.publisher = ""
        notes.append("publisher dropped: it repeats the website's name")
    _kind(cit, tail, notes, title_kind)
    score += 0.6 * bool(cit.date) + 0.5 * bool(cit.container) + 0.4 * bool(cit.publisher)
    score += min(tail.matched, 3) * 0.3 + 0.5 * bool(cit.url or cit.identifiers)
    score -= 0.7 * len(tail.leftovers)
    if tail.leftovers:
        notes.append("left unassigned: " + "; ".join(f"'{x}'" for x in tail.leftovers))
    reading.score = score
    reading.leftovers = tail.leftovers
    cit.guesses.extend(notes)
    return reading


def _retokenize(toks: list[Tok], offset: int, length: int) -> list[Tok]:
    """The tokens from ``offset`` on, re-based so that offsets index the tail string."""
    return [
        Tok(t.type, t.text, t.start - offset, t.end - offset, t.space_after)
        for t in toks
        if t.start >= offset and t.end - offset <= length
    ]


def _tail_sentence(tail: _Tail, sentence: list[Part], rest: str) -> None:
    body = rest[sentence[0].toks[0].start : sentence[-1].toks[-1].end]
    tail.sentence(body)
