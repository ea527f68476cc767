"""Read statement values out of sentence text: dates at their precision, numbers, names.

Names come from the sentence's wikilinks where there are any (a wikilink is an exact page
name), else from the name as written: a run of capitalised words, with the usual lower-case
particles inside ("University of Tartu", "Ludwig van Beethoven"). A list ``A, B, and C`` gives
one value per member; a name followed by a word that continues the noun phrase ("Google
engineers") is not a value at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from wikiconv.statements.name_descriptors import (
    HYPHEN_MODIFIER_RE,
    capitalised_role,
    skip_descriptor,
    skip_role_nouns,
)
from wikiconv.statements.name_descriptors import WORD_RE as _WORD_RE
from wikiconv.statements.sentences import LinkSpan, Sentence
from wikiconv.statements.statement import ItemValue, QuantityValue, TimeValue

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(?-i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?<![\w$€£.,/-])\d{3,4}(?![\w%]|,\d|\.\d|\s*(?:BC|BCE)\b)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_PART = (
    r"(?:(?-i:early|mid|late)[- ]|(?:the\s+)?(?-i:spring|summer|autumn|fall|winter)\s+(?:of\s+)?)"
)
DATE_PATTERN = (
    rf"(?:{_MONTH}\s+{_DAY},?\s+{_YEAR}|(?<!\d){_DAY}\s+{_MONTH},?\s+{_YEAR}"
    rf"|{_MONTH},?\s+{_YEAR}|\d{{4}}-\d{{2}}-\d{{2}}(?!\d)|{_PART}?{_YEAR})"
)
NUMBER_PATTERN = (
    r"(?:(?:about|approximately|around|roughly|some|an estimated|circa|c\.|nearly|almost"
    r"|more than|over|just over|just under)\s+)?"
    r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]?\d)"
    r"|\d+(?:\.\d+)?)(?![\d,]\d)"
    r"(?:\s+(?:thousand|million|billion))?"
)
_MULTIPLIERS = {"thousand": 1000, "million": 10**6, "billion": 10**9}

CONNECTORS = frozenset(
    "of de da del della di do dos das van von der den ter la le les du y the for and-the on upon"
    " al el bin ibn zu".split()
)
NOT_NAMES = frozenset(
    "The A An It He She They We I This That These Those Its His Her Their Our In On At By For "
    "From With As After Before During Since Until While When Where Which Who Whose Also And But "
    "Or However Today Currently Later Then".split()
) | frozenset(MONTHS)
ABBREVIATED = frozenset("Inc Ltd Co Corp Jr Sr St Mt Ft Dr Bros Ltda".split())
_FOLLOW_RE = re.compile(  # "the Vardhana Industries group since 1996": the group is the name
    r"(?:\s+(?-i:group|conglomerate)\b)?\s*(?:$|[,.;:)\]!?–—]|\(|'s\b|’s\b|(?:and|or|&|in|on|at|for|from|to|with|as|who|which|whose"
    r"|where|when|while|after|before|during|under|since|until|through|via|by|among|than|into"
    r"|near|outside|within|across|around|along|toward|towards|beside|using|including|together"
    r"|were|was|is|are|have|has|had|also|respectively|each|both|of)\b"
    # a verb, not a noun the name modifies: "led by Tiger Global Management followed in June"
    r"|(?!(?:based|owned|listed|born|backed|funded|headquartered|registered|educated|trained)\b)"
    r"(?-i:[a-z]{2,}ed)\b(?!\s+(?-i:[a-z]+s)\b))"  # not "Oxford educated engineers"
)
_NOTE_RE = re.compile(r"\s*\((?![^()]*\b(?:and|&)\b)[^()]{1,60}\)(?=\s*(?:,|and\b|&))")
_SEPARATOR_RE = re.compile(  # "by Mägi and Tooming together with the drummer Siim Rebane"
    r"\s*(?:,\s*(?:and|&)\s+|,\s*|\s+(?:and|&)\s+|\s+(?:together|along)\s+with\s+)"
)
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LAST_YEAR_RE = re.compile(r"\d{3,4}(?!.*\d{3,4})")
_MONTH_RE = re.compile(_MONTH)
_DAY_NUMBER_RE = re.compile(r"\d{1,2}")
_AMOUNT_RE = re.compile(
    r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d[\d,]*(?:\.\d+)?)(?:\s+(thousand|million|billion))?"
)
_THE_RE = re.compile(r"the\s+")
_NAME_SUFFIX_RE = re.compile(  # "EDUCA Holding a.s.", "Alföld Média Zrt.", "Acme, Inc."
    r",?\s+(?:Inc\.|Ltd\.|LLC|L\.L\.C\.|Jr\.|Sr\.|Co\.|Corp\.|PLC|plc|a\.s\.|s\.r\.o\."
    r"|Zrt\.|Kft\.|Nyrt\.|S\.A\.|S\.L\.|S\.p\.A\.|S\.r\.l\.|GmbH|AG|SE|N\.V\.|B\.V\.|A/S|ASA|AB|Oy|Oyj|OÜ|AS)"
    r"(?![\w/])"
)


def parse_date(text: str) -> TimeValue | None:
    """Read a date matched by :data:`DATE_PATTERN` as a TimeValue at its precision."""
    text = text.strip()
    iso = _ISO_DATE_RE.fullmatch(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        return _checked(year, month, day)
    year_match = _LAST_YEAR_RE.search(text)
    if not year_match:
        return None
    year = int(year_match.group(0))
    month_match = _MONTH_RE.search(text)
    if not month_match:
        return TimeValue(year, precision=9)
    month = MONTHS[month_match.group(0).rstrip(".")]
    rest = text[: year_match.start()].replace(month_match.group(0), " ")
    day_match = _DAY_NUMBER_RE.search(rest)
    if not day_match:
        return TimeValue(year, month, precision=10)
    return _checked(year, month, int(day_match.group(0)))


def _checked(year: int, month: int, day: int) -> TimeValue | None:
    """Return a day-precision TimeValue if the date exists."""
    import calendar

    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return TimeValue(year, month, day, precision=11)


def parse_number(text: str) -> QuantityValue | None:
    """Read a number matched by :data:`NUMBER_PATTERN` ("1,600", "8.8 million") as a quantity."""
    match = _AMOUNT_RE.search(text)
    if not match:
        return None
    try:
        amount = Decimal(re.sub(r"[,\s\u00a0\u202f]", "", match.group(1)))
    except InvalidOperation:
        return None
    if match.group(2):
        amount *= _MULTIPLIERS[match.group(2)]
    if amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))
    return QuantityValue(f"+{amount.normalize():f}" if amount else "+0")


@dataclass(frozen=True, slots=True)
class Found:
    """An item value read from a sentence, with the text span it came from."""

    value: ItemValue
    start: int
    end: int


def read_name(text: str, pos: int, end: int, links: list[LinkSpan]) -> tuple[str, int] | None:
    """Read a capitalised name at ``pos`` (not running into a link); return it and its end."""
    stop = min([end] + [link.start for link in links if pos < link.start < end])
    words: list[tuple[int, int]] = []
    cursor = pos
    while cursor < stop:
        match = _WORD_RE.match(text, cursor, stop)
        if not match:
            break
        word = match.group(0)
        if word[0].isupper() or (words and word.isdigit()):
            words.append((match.start(), match.end()))
        elif words and word in CONNECTORS:
            ahead = _WORD_RE.match(text, match.end() + 1, stop)
            if not (
                text[match.end() : match.end() + 1] == " " and ahead and ahead.group(0)[0].isupper()
            ):
                break
            words.append((match.start(), match.end()))
        else:
            break
        cursor = match.end()
        if text[cursor : cursor + 1] != " ":
            break
        cursor += 1
    while words and text[words[-1][0] : words[-1][1]] in CONNECTORS:
        words.pop()
    if not words:
        return None
    name_end = words[-1][1]
    last = text[words[-1][0] : name_end]
    if last.endswith(".") and not _keeps_period(last):
        name_end -= 1
    suffix = _NAME_SUFFIX_RE.match(text, name_end, stop)
    if suffix:
        name_end = suffix.end()
    name = text[pos:name_end].strip()
    if not name or name in NOT_NAMES or name.split()[0] in NOT_NAMES - {"The"}:
        return None
    return name, name_end


def _keeps_period(word: str) -> bool:
    """Tell whether a word's final period is part of it ("Inc.", "J.", "U.S.")."""
    bare = word[:-1]
    return bare in ABBREVIATED or (len(bare) == 1 and bare.isupper()) or "." in bare


def read_items(
    sentence: Sentence,
    start: int,
    end: int,
    many: bool = True,
    strict: bool = False,
    roles: bool = False,
    role_nouns: frozenset[str] = frozenset(),
) -> list[Found]:
    """Read one item (or a list of them) starting at ``start``; ``strict`` wants the whole span;
    ``roles`` reads a cast list ("A as Anselmo, alongside B as the teacher Pilar");
    ``role_nouns`` are jobs that may open the span capitalised ("Trumpeter A and guitarist B")."""
    text = sentence.text
    found: list[Found] = []
    pos = start
    kin = False
    # "A as Sule, her chief of staff; B as the Senate President; and C as …": semicolons
    # separate the cast, and a role may hold commas
    role_re, cast_sep_re = _ROLE_RE, _CAST_SEPARATOR_RE
    if roles and ";" in text[start:end]:
        role_re, cast_sep_re = _SEMICOLON_ROLE_RE, _SEMICOLON_SEPARATOR_RE
    opener = capitalised_role(text, _skip_space(text, pos), end, role_nouns)
    if opener is not None:
        pos, kin = opener
    while True:
        pos = _skip_space(text, pos)
        item = _item_at(sentence, pos, end, strict)
        if item is None:  # "the Swiss software engineer Lukas Brunner", "brothers Tor and …"
            skipped = skip_descriptor(sentence, pos, end, first=not found)
            skipped = skipped or skip_role_nouns(text, pos, end)
            appositive = _APPOSITIVE_RE.match(text, pos, end) if found else None
            if skipped is None and appositive is not None:
                # "A, a former analyst at B, and C": skip the appositive
                pos = appositive.end()
                skipped = (pos, False) if _item_at(sentence, pos, end, strict) else None
                skipped = skipped or skip_descriptor(sentence, pos, end, first=False)
            if skipped is None:
                break
            item = _item_at(sentence, skipped[0], end, strict)
            if item is None:
                break
            kin = kin or skipped[1]
        found.append(item)
        if not many:
            break
        after = item.end
        note = _NOTE_RE.match(text, after, end)  # "Kim Da-eun (vocals, guitar) and …"
        after = note.end() if note else after
        if roles:
            role = role_re.match(text, after, end)
            after = role.end() if role else after
        sep = (cast_sep_re if roles else _SEPARATOR_RE).match(text, after, end)
        if not sep:
            if roles and after != item.end:
                found[-1] = Found(item.value, item.start, after)  # the role is the item's
            break
        pos = sep.end()
    if kin and len(found) >= 2:
        found = _share_surname(found)
    found = _join_org_names(text, found)
    if strict:
        last = found[-1].end if found else start
        if text[last:end].strip(" ,.") or not found:
            return []
    return found


def _item_at(sentence: Sentence, pos: int, end: int, strict: bool) -> Found | None:
    """Read a link or a name at ``pos`` (after "the"), if it is not a modifier of a noun."""
    text = sentence.text
    article = _THE_RE.match(text, pos, end)
    at = article.end() if article else pos
    link = sentence.link_at(at)
    if link is not None and link.end <= end:
        item = Found(ItemValue(link.target, from_wikilink=True), at, link.end)
    else:
        name = read_name(text, at, end, sentence.links)
        if name is None:
            return None
        first, _, rest = name[0].partition(" ")  # "the Karachi-based Indus Crescent Group"
        based = rest and HYPHEN_MODIFIER_RE.fullmatch(first)
        item = Found(ItemValue(rest if based else name[0]), at, name[1])
    if not _FOLLOW_RE.match(text, item.end, end if strict else len(text)):
        return None  # "Google engineers": the name is a modifier, not the value
    return item


# "A, a former analyst at B, and C": the list goes on only with "and" (without it, what
# follows the comma ends the appositive: "X, a company based in Delft, Netherlands")
_APPOSITIVE_RE = re.compile(r"(?:an?|the)\s+(?-i:[a-z])[^,;()]{0,80}?,\s+(?:and|&)\s+")
_ROLE_RE = re.compile(r"\s+as\s+[^,;()]*?(?=\s*(?:[,;.]|$)|\s+(?:and|alongside|opposite|with)\s)")
_SEMICOLON_ROLE_RE = re.compile(
    r"\s+as\s+[^;()]*?(?=\s*(?:;|\.?$)|,\s+(?:with|alongside|opposite|and)\s+(?-i:[A-Z]))"
)
_SEMICOLON_SEPARATOR_RE = re.compile(
    r"\s*(?:;\s*(?:(?:and|&)\s+)?|,\s+(?:with|alongside|opposite|and)\s+(?=(?-i:[A-Z])))"
)
_CAST_SEPARATOR_RE = re.compile(
    r"\s*(?:,\s*(?:(?:and|&|alongside|opposite|with)\s+)?|\s(?:and|&|alongside|opposite|with)\s+)"
)


def _join_org_names(text: str, found: list[Found]) -> list[Found]:
    """Read "A Education and C Foundation" as one name ("the Tuncel Education and Culture
    Foundation"): a name of two or more words ending in a field of activity, "and", and a
    name ending in an organisation word, both as written (not links)."""
    out: list[Found] = []
    for item in found:
        last = out[-1] if out else None
        if (
            last is not None
            and not last.value.from_wikilink
            and not item.value.from_wikilink
            and text[last.end : item.start] == " and "
            and " " in last.value.name
            and item.value.name.rsplit(" ", 1)[-1] in _ORG_WORDS
            and last.value.name.rsplit(" ", 1)[-1] in _FIELD_WORDS
            and item.value.name.split(" ", 1)[0] in _FIELD_WORDS  # "Culture Foundation"
        ):
            out[-1] = Found(ItemValue(text[last.start : item.end]), last.start, item.end)
        else:
            out.append(item)
    return out


_FIELD_WORDS = frozenset(
    "Education Science Sciences Arts Culture Research Development Health Technology Industry "
    "Trade Commerce Agriculture Sport Sports Heritage Environment Welfare Letters".split()
)
_ORG_WORDS = frozenset(
    "Foundation Trust Society Association Council Institute Institution Fund Federation "
    "Union Centre Center Museum Ministry Agency Authority Corporation Company Department "
    "Commission Board Bank Group".split()
)


def _share_surname(found: list[Found]) -> list[Found]:
    """Give one-word names before the last of a list the last one's surname."""
    last = found[-1].value
    if last.from_wikilink or " " not in last.name:
        return found
    surname = last.name.split(" ", 1)[1]  # "Anselmo and Teodoro Quintanilla Barrio"
    out = []
    for item in found[:-1]:
        if " " not in item.value.name and not item.value.from_wikilink:
            item = Found(ItemValue(f"{item.value.name} {surname}"), item.start, item.end)
        out.append(item)
    return [*out, found[-1]]


def _skip_space(text: str, pos: int) -> int:
    """Return the first non-blank offset at or after ``pos``."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos
