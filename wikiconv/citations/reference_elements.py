"""The elements after a reference's title: one sentence of its tail at a time.

A :class:`Tail` reads each sentence (markers such as "In", "Technical report" or "(Eds.)",
then locators, dates, "Place: Publisher") and each comma-separated piece of it (pages,
volume, news organisation, website, place, publisher, container) into the citation.
"""

from __future__ import annotations

from wikiconv.citations.citation import Citation, Contributor
from wikiconv.citations.dates import day_month, find_date, is_no_date
from wikiconv.citations.lazy_re import lazy_re
from wikiconv.citations.lexicon import fold, folded_phrases, lexicon
from wikiconv.citations.memo import per_reference
from wikiconv.citations.reference_kind import (
    is_issuer,
    is_news,
    is_publisher,
    join_known,
    journal_like,
    looks_like_place,
)
from wikiconv.citations.reference_locators import (
    compact_pages,
    is_page_range,
    set_date,
    take_edition,
    take_locators,
)
from wikiconv.citations.reference_parts import clean
from wikiconv.citations.reference_tokens import is_site

_EDITORS = lazy_re(
    r"^(?:(?:[Ii]n:?\s)?(?P<a>[^()]{1,200}?),?\s?(?:\((?:[Ee]ds?|[Hh]rsg)\.?\)|(?<=[\s,])(?:editors?|eds?\.?)(?=\W|$)),?"
    r"|(?:[Ee]dited by|[Ee]d\.(?: by)?|[Hh]erausgegeben von)\s(?P<b>[^,(]{1,120}))"
)
# A translator's name list ("Gregory Rabassa", "E. Grossman and H. de Onís"); "Trans. Amer.
# Math. Soc." (Transactions) is no name: abbreviated words other than initials are refused.
_WORD = r"(?:[a-z]{1,3}\s)?[^\W\d_][\w'’\-]+"  # "Rabassa", "de Onís"
_NAME = rf"(?:[A-Z]\.\s?){{0,3}}{_WORD}(?:\s(?:[A-Z]\.\s?)?{_WORD}){{0,3}}"
_TRANSLATOR = lazy_re(rf"{_NAME}(?:(?:,\s|\s(?:and|&)\s){_NAME}){{0,3}}")
# A parenthesised acronym naming the source just before it: "… Pattern Recognit. (CVPR)".
_ACRONYM = lazy_re(r"(?<=[\w.])\s\(((?=[a-z]*[A-Z][a-z]*[A-Z])[A-Z][A-Za-z]{1,9})\)")
_IN = lazy_re(r"^[Ii]n:?\s+")
_NUMBER = lazy_re(r"\d{1,7}")
_TRAILING_NUMBER = lazy_re(r"(.*[A-Za-z.].*?)\s(\d{1,5})")
_LAST_MODIFIED = lazy_re(
    r"(?i)\b(?:last modified|last updated|updated|published|posted)(?:\s+on)?:?"
    r"(?=\s*(?:\d|[A-Z][a-z]{2,8}\.?\s\d))"
)
_PLACE_PUBLISHER = lazy_re(
    r"^\s*\(?(?P<place>[A-Z][^:,;()]{1,30}(?:,\s?[A-Z][\w.]{0,12}\.?){0,2})\s?:\s?(?P<rest>[^:]+)$"
)
_GENRE_REPORT = lazy_re(
    r"(?i)\b(?:technical report|tech\.? rep(?:ort)?\.?|research report|working paper)\b[^,]*"
)
_GENRE_THESIS = lazy_re(
    r"(?i)\b(?:ph\.?\s?d\.?|master'?s|m\.?sc\.?|doctoral|diploma)?\s?(?:thesis|dissertation)\b"
)
_EDITOR_SEP = lazy_re(r",\s*(?:and\s|&\s)?|\s(?:and|&)\s")
_BRACKET = lazy_re(r"[()\[\]]")
_PIECE_SEP = lazy_re(r"[,;]")


# Quick tests that must hold wherever the patterns above can match (each ignores case as its
# pattern does): they spare most sentences the slower patterns.
_THESIS_WORD = lazy_re(r"(?i)thesis|dissertation")


def _may_name(genre: str, text: str) -> bool:
    """Tell whether ``text`` may hold the marker of ``genre`` (report words all hold a "p")."""
    if genre == "report":
        return "p" in text or "P" in text
    return _THESIS_WORD.search(text) is not None


def _may_name_editors(text: str) -> bool:
    """Tell whether ``text`` may hold an editor marker ("Eds", "edited by", "Hrsg")."""
    return "ed" in text or "Ed" in text or "rsg" in text or "erausgegeben" in text


@per_reference
def _translated_by(text: str) -> str:
    """The translator in "Translated by Gregory Rabassa" ("" when ``text`` names none)."""
    for phrase in lexicon().phrases["translated_by"]:
        if text.lower().startswith(phrase.lower()) and len(text) > len(phrase) + 1:
            rest = text[len(phrase) :]
            if (phrase.endswith(".") or rest[:1].isspace()) and _TRANSLATOR.fullmatch(rest.strip()):
                return rest.strip()
    return ""


def _parse_editor_names(text: str) -> list[Contributor]:
    people = []
    for piece in _EDITOR_SEP.split(text):
        piece = piece.strip(" ,.")
        if not piece:
            continue
        words = piece.split()
        people.append(Contributor(family=words[-1], given=" ".join(words[:-1])))
    return people


class Tail:
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

    def piece(self, text: str, last: bool) -> None:
        """Classify one comma-separated piece of the tail."""
        cit = self.cit
        lex = lexicon()
        text = clean(text)
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
        if folded in folded_phrases("to_appear"):
            return
        translator = _translated_by(text)
        if translator:
            self.notes.append(f"'{translator}' is the translator: not an author or container")
            return
        if is_no_date(text):
            return
        if is_page_range(text) and not cit.pages:
            cit.pages = compact_pages(text)
            self.notes.append(f"'{text}' read as pages: a bare range")
            return
        if _NUMBER.fullmatch(text):
            if cit.volume or not cit.container or last or len(text) > 5:
                if not cit.pages:
                    cit.pages = text
                    self.notes.append(f"'{text}' read as the page: a number after the source")
            else:
                cit.volume = text
                self.notes.append(f"'{text}' read as the volume: a number after the journal")
            return
        if ":" in text and not cit.publisher:
            place, _, pub = text.partition(":")
            if pub.strip() and looks_like_place(place.strip()):
                cit.location = cit.location or place.strip()
                cit.publisher = clean(pub)
                self.notes.append(f"'{text}' is 'Place: Publisher'")
                return
        # the last character must be a digit: a quick test before the backtracking pattern
        trailing = _TRAILING_NUMBER.fullmatch(text) if text[-1].isdecimal() else None
        if trailing and not cit.container and not cit.volume and not is_publisher(text):
            cit.container, cit.volume = trailing.group(1).strip(), trailing.group(2)
            self.notes.append(f"'{text}' is the journal and its volume")
            return
        if is_news(text):
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
        if looks_like_place(text) and (cit.publisher or cit.container or cit.title):
            cit.location = cit.location or text
            return
        journal_first = not cit.container and not self.in_book and journal_like(text)
        words = folded.split()
        book_first = (
            not cit.container
            and self.in_book
            and folded not in lex.publishers
            and len(words) > 3
            and words[-1] not in lex.publisher_words
        )  # "The Routledge handbook of …" after "In … (Eds.)" is the book, not its publisher
        journal_first = journal_first or book_first
        if is_publisher(text) and not cit.publisher and not journal_first:
            cit.publisher = text
            self.notes.append(f"'{text}' is the publisher: publisher name or word")
            return
        if not cit.container and not cit.publisher and not self.in_book and is_issuer(text):
            cit.publisher = text
            self.notes.append(f"'{text}' is the publisher: an agency or institution issues it")
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
            match = pattern.search(text) if _may_name(genre, text) else None
            if match:
                self.genre = genre
                self.notes.append(f"'{match.group(0).strip()}' marks a {genre}")
                text = text[: match.start()] + " " + text[match.end() :]
        text = take_edition(self.cit, text)
        editors = _EDITORS.match(text) if _may_name_editors(text) else None
        if editors and (editors.group("a") or editors.group("b")):
            names = editors.group("a") or editors.group("b") or ""
            if not self.cit.editors:
                self.cit.editors = _parse_editor_names(names)
            self.notes.append(f"'{names.strip()}' are editors")
            self.in_book = True
            text = text[editors.end() :]
        text, matched = take_locators(self.cit, text, self.notes)
        self.matched += matched
        if "ed" in text or "Ed" in text or "eD" in text or "ED" in text:
            text = _LAST_MODIFIED.sub(" ", text)  # each of its words ends in "ed"
        found = find_date(text)
        if found is not None:
            if set_date(self.cit, text, self.notes, "a date among the source's elements"):
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
        if "(" in text:
            text = _ACRONYM.sub(" \x00\\1\x01", text)  # "Proc. … (CVPR)": the acronym stays
        text = _BRACKET.sub(",", text).strip(" ,;.")
        text = text.replace("\x00", "(").replace("\x01", ")")
        place = _PLACE_PUBLISHER.match(text)
        if place and not self.cit.publisher and looks_like_place(place.group("place").strip()):
            rest = [p for p in _PIECE_SEP.split(place.group("rest")) if clean(p)]
            joined = join_known(rest)
            if joined:
                self.cit.location = self.cit.location or place.group("place").strip()
                self.cit.publisher = clean(joined[0])
                self.notes.append(f"'{place.group(0).strip()}' is 'Place: Publisher'")
                self.matched += 1
                text = ",".join(joined[1:])
        pieces = [p for p in _PIECE_SEP.split(text) if clean(p)]
        joined = join_known(pieces)
        for k, piece in enumerate(joined):
            self.piece(piece, last=k == len(joined) - 1)
