"""What a reference is: word-list tests for its elements, and the CS1 kind they add up to.

Places, publishers, news organisations and journals are recognised by the word lists in
``data/`` (through ``lexicon.py``); :func:`choose_kind` weighs them with the locators and
markers the tail reader found.
"""

from __future__ import annotations

import re

from wikiconv.citations.citation import Citation
from wikiconv.citations.lexicon import fold, lexicon
from wikiconv.citations.memo import per_reference
from wikiconv.citations.reference_tokens import is_site


@per_reference
def looks_like_place(text: str) -> bool:
    """Tell whether ``text`` names a place ("London", "Cambridge, MA", "Springfield (IL)")."""
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


@per_reference
def is_publisher(text: str) -> bool:
    """Tell whether ``text`` is a known publisher or a short name with a publisher word."""
    lex = lexicon()
    folded = fold(text)
    if folded in lex.publishers:
        return True
    words = folded.split()
    return bool(words) and any(w in lex.publisher_words for w in words) and len(words) <= 7


@per_reference
def is_issuer(text: str) -> bool:
    """Tell whether ``text`` names a body that issues pages or reports (an agency, a ministry).

    Such a body is the publisher of a web page or report, not its site or container.
    """
    lex = lexicon()
    words = fold(text).split()
    if not words or len(words) > 12 or journal_like(text, strong=True) or is_news(text):
        return False
    return any(w in lex.issuer_words or w.endswith(lex.issuer_suffixes) for w in words)


@per_reference
def is_news(text: str) -> bool:
    """Tell whether ``text`` is a known news organisation (with or without "The")."""
    folded = fold(text)
    news = lexicon().news
    return folded in news or (folded.startswith("the ") and folded[4:] in news)


@per_reference
def news_like(text: str) -> bool:
    """Tell whether ``text`` is shaped like a newspaper's name ("Daily Herald", "Aftenbladet")."""
    lex = lexicon()
    words = fold(text).split()
    if not words or len(words) > 6 or journal_like(text, strong=True) or is_site(text):
        return False
    return words[-1] in lex.news_words or any(w.endswith(lex.news_suffixes) for w in words)


def journal_like(text: str, strong: bool = False) -> bool:
    """Tell whether ``text`` reads as a journal or proceedings (``strong``: no subject words)."""
    journal, subject = _journal_marks(text)
    return journal or (not strong and subject)


@per_reference
def _journal_marks(text: str) -> tuple[bool, bool]:
    """Whether ``text`` holds a journal word or conference cue, and whether a subject word."""
    lex = lexicon()
    words = set(fold(text).split())
    if words & lex.journal_words or words & lex.conference_cues:
        return True, False
    return False, bool(words & lex.subject_words)


def join_known(pieces: list[str]) -> list[str]:
    """Rejoin comma pieces that form a known publisher ("Farrar, Straus and Giroux") or place."""
    out: list[str] = []
    k = 0
    publishers = lexicon().publishers
    while k < len(pieces):
        for width in (3, 2):
            if k + width <= len(pieces):
                candidate = ", ".join(p.strip() for p in pieces[k : k + width])
                if fold(candidate) in publishers or looks_like_place(candidate.strip()):
                    out.append(candidate)
                    k += width
                    break
        else:
            out.append(pieces[k])
            k += 1
    return out


def choose_kind(
    cit: Citation,
    notes: list[str],
    title_kind: str,
    *,
    genre: str,
    in_book: bool,
    platform: bool,
) -> None:
    """Set ``cit.kind`` from what was read, and note why.

    ``genre`` ("thesis", "report" or ""), ``in_book`` and ``platform`` are what the tail reader
    saw; ``title_kind`` is how the title was marked ("ITALIC", "QUOTED", … or "plain").
    """
    container = cit.container
    news = bool(container) and (is_news(container) or news_like(container))
    author_news = not container and any(
        p.organization and is_news(p.organization) for p in cit.authors
    )
    journalish = bool(container) and (
        bool(cit.volume or cit.issue)
        or journal_like(container, strong=True)
        or (bool(cit.pages) and not in_book)
        or (journal_like(container) and not cit.url and not cit.publisher)
    )
    dated_page = (
        bool(container)
        and not (cit.volume or cit.issue or in_book or cit.editors)
        and cit.date is not None
        and cit.date.day is not None
        and bool(re.fullmatch(r"[A-Z]?\d{1,3}", cit.pages))
        and not journal_like(container)
    )  # "Sunnmørsposten. p. 12." after a full date: a page of a newspaper issue
    if genre == "thesis":
        cit.kind, why = "generic", "a thesis"
    elif genre == "report":
        cit.kind, why = "generic", "a report"
    elif news or author_news:
        cit.kind, why = "news", "the source is a news organisation"
    elif dated_page:
        cit.kind, why = "news", "one page of a source dated to the day, without volume or issue"
    elif (
        container
        and not journal_like(container, strong=True)
        and not (cit.volume or cit.issue)
        and (cit.editors or in_book or (cit.publisher and (cit.pages or not cit.url)))
        and (cit.editors or cit.publisher or cit.pages)
    ):
        cit.kind, why = "book", "a part of a book: a container with editors or a publisher"
    elif journalish:
        cit.kind, why = "journal", "a journal or proceedings with volume, issue or pages"
    elif container and (is_site(container) or cit.url):
        cit.kind, why = "web", "a website with a URL or domain name"
    elif (
        not container
        and cit.publisher
        and "isbn" not in cit.identifiers
        and (
            is_issuer(cit.publisher)
            or any(p.organization and is_issuer(p.organization) for p in cit.authors)
        )
        and (cit.url or title_kind in ("QUOTED", "MDLINK"))
    ):
        cit.kind, why = "web", "a page issued by an agency or institution"
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
    elif platform and cit.title:
        cit.kind, why = "web", "a page on a platform"
    else:
        cit.kind, why = "generic", "nothing marks a type"
    notes.append(f"kind '{cit.kind}': {why}")
