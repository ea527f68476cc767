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
_FOLLOW_RE = re.compile(
    r"\s*(?:$|[,.;:)\]!?–—]|\(|'s\b|’s\b|(?:and|or|&|in|on|at|for|from|to|with|as|who|which|whose"
    r"|where|when|while|after|before|during|under|since|until|through|via|by|among|among|than"
    r"|were|was|is|are|have|has|had|also|respectively|each|both|of)\b)"
)
_NOTE_RE = re.compile(r"\s*\((?![^()]*\b(?:and|&)\b)[^()]{1,60}\)(?=\s*(?:,|and\b|&))")
_SEPARATOR_RE = re.compile(r"\s*(?:,\s*(?:and|&)\s+|,\s*|\s+(?:and|&)\s+)")
_WORD_RE = re.compile(r"[^\W_][\w'’.&+#-]*")
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LAST_YEAR_RE = re.compile(r"\d{3,4}(?!.*\d{3,4})")
_MONTH_RE = re.compile(_MONTH)
_DAY_NUMBER_RE = re.compile(r"\d{1,2}")
_AMOUNT_RE = re.compile(
    r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d[\d,]*(?:\.\d+)?)(?:\s+(thousand|million|billion))?"
)
_THE_RE = re.compile(r"the\s+")
_NAME_SUFFIX_RE = re.compile(r",\s+(?:Inc\.|Ltd\.|LLC|L\.L\.C\.|Jr\.|Sr\.|Co\.|Corp\.|PLC|plc)")


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
    opener = _capitalised_role(text, _skip_space(text, pos), end, role_nouns)
    if opener is not None:
        pos, kin = opener
    while True:
        pos = _skip_space(text, pos)
        item = _item_at(sentence, pos, end, strict)
        if item is None:  # "the Swiss software engineer Lukas Brunner", "brothers Tor and …"
            skipped = _skip_descriptor(sentence, pos, end, first=not found)
            skipped = skipped or _skip_role_nouns(text, pos, end)
            appositive = _APPOSITIVE_RE.match(text, pos, end) if found else None
            if skipped is None and appositive is not None:
                # "A, a former analyst at B, and C": skip the appositive
                pos = appositive.end()
                skipped = (pos, False) if _item_at(sentence, pos, end, strict) else None
                skipped = skipped or _skip_descriptor(sentence, pos, end, first=False)
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
            role = _ROLE_RE.match(text, after, end)
            after = role.end() if role else after
        sep = (_CAST_SEPARATOR_RE if roles else _SEPARATOR_RE).match(text, after, end)
        if not sep:
            if roles and after != item.end:
                found[-1] = Found(item.value, item.start, after)  # the role is the item's
            break
        pos = sep.end()
    if kin and len(found) >= 2:
        found = _share_surname(found)
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
        item = Found(ItemValue(name[0]), at, name[1])
    if not _FOLLOW_RE.match(text, item.end, end if strict else len(text)):
        return None  # "Google engineers": the name is a modifier, not the value
    return item


# "A, a former analyst at B, and C": the list goes on only with "and" (without it, what
# follows the comma ends the appositive: "X, a company based in Delft, Netherlands")
_APPOSITIVE_RE = re.compile(r"(?:an?|the)\s+(?-i:[a-z])[^,;()]{0,80}?,\s+(?:and|&)\s+")
_CAPITALISED_RUN_RE = re.compile(r"(?:\s(?-i:[A-Z])[\w'’-]*)+(?=\s(?-i:[a-z]))")
_ASIDE_RE = re.compile(r"\([^()]{1,60}\)\s+(?=(?-i:[A-Z]))")
_DESCRIPTOR_STOP = frozenset(
    "of in on at to for from with by near as than into onto about over under between among "
    "through via after before during since until and or but nor who which that whose where when "
    "while is was are were has had have be been being not no also its his her their this these "
    "those such other".split()
)
_HYPHEN_MODIFIER_RE = re.compile(r"[^\W\d_][\w'’.]*-(?:based|born|owned|founded|listed|era)")
_KIN = frozenset(
    "siblings brothers sisters twins cousins couple spouses husband-and-wife father-and-son "
    "mother-and-daughter father-and-daughter mother-and-son".split()
)
_VERB_FORMS = ("starring", "including", "featuring", "with", "followed")
_DETERMINER_RE = re.compile(r"(?:the|a|an|his|her|their|its)\s+", re.IGNORECASE)
_PLACE_UNITS = frozenset("village town city hamlet suburb district municipality county".split())


def _skip_descriptor(
    sentence: Sentence, pos: int, end: int, first: bool = True
) -> tuple[int, bool] | None:
    """Skip a short common-noun phrase before a name ("the aeronautical engineers",
    "the Swiss software engineer", "the village of"); return where the name starts and whether
    the phrase names siblings (who share the last name: "Fiona and Callum McRae")."""
    text = sentence.text
    det = _DETERMINER_RE.match(text, pos, end)
    if det is None and (not first or text.startswith(_VERB_FORMS, pos)):
        return None  # "directed by A and starring B": a list goes on only with "the"
    cursor = det.end() if det else pos
    words: list[str] = []
    while len(words) < 4 and cursor < end:
        word = _WORD_RE.match(text, cursor, end)
        if word is None:
            return None
        value = word.group(0)
        name_next = value[0].isupper() or sentence.link_at(cursor) is not None
        if text[word.end() : word.end() + 1] != " " and not (name_next and words):
            return None  # a descriptor word is followed by a blank; the name need not be
        if value[0].isupper() and _HYPHEN_MODIFIER_RE.fullmatch(value) and not words:
            words.append(value.lower())  # "the Lagos-based Ventures Platform"
        elif (value[0].isupper() or sentence.link_at(cursor) is not None) and _modifies_noun(
            text, word.end(), end
        ):
            words.append(value.lower())  # "former Google engineers Maya Chen and …"
        elif value[0].isupper() or sentence.link_at(cursor) is not None:
            if words and words[-1] not in _DESCRIPTOR_STOP or words[-1:] == ["of"]:
                break  # a name follows the descriptor
            if words or not det:
                return None
            words.append("")  # a modifier such as "Swiss" right after the determiner
            run = _CAPITALISED_RUN_RE.match(text, word.end(), end)  # "the Sri Lankan writer"
            if run is not None:
                cursor = run.end() + 1
                continue
        elif value.lower() in _DESCRIPTOR_STOP and not (
            value == "of" and words and words[-1] in _PLACE_UNITS
        ):
            return None
        else:
            words.append(value.lower())
        cursor = word.end() + 1
        aside = _ASIDE_RE.match(text, cursor, end)  # "the puppet master (tok dalang) Che Mat"
        if aside is not None and words and words[-1]:
            cursor = aside.end()
    else:
        return None
    if not any(words) or (words[-1] == "of" and len(words) < 2):
        return None
    return cursor, words[-1] in _KIN


def _modifies_noun(text: str, at: int, end: int) -> bool:
    """Tell whether the capitalised word ending at ``at`` modifies a plural role noun that a
    name follows ("Google engineers Maya Chen")."""
    found = _PLURAL_ROLE_RE.match(text, at, end)
    return found is not None and text[found.end() : found.end() + 1].isupper()


_PLURAL_ROLE_RE = re.compile(
    r" (?-i:[a-z-]+)(?:ers|ors|ists|ians|ants|ents|ees|ives)(?: and (?-i:[a-z-]+)s)? "
)
_ROLE_RE = re.compile(r"\s+as\s+[^,;()]*?(?=\s*(?:[,;.]|$)|\s+(?:and|alongside|opposite|with)\s)")
_CAST_SEPARATOR_RE = re.compile(
    r"\s*(?:,\s*(?:(?:and|&|alongside|opposite|with)\s+)?|\s(?:and|&|alongside|opposite|with)\s+)"
)
_ROLE_NOUNS_RE = re.compile(
    r"(?:(?:former|then|fellow|lead|founding)\s+)?(?-i:[a-z-]+)(?:er|or|ist|ian|ant|ent)"
    r"(?:(?:,\s+|\s+and\s+)(?-i:[a-z-]+)(?:er|or|ist|ian|ant|ent)){0,3}\s+"
)


def _skip_role_nouns(text: str, pos: int, end: int) -> tuple[int, bool] | None:
    """Skip agent nouns before a name without an article: "singer and guitarist Callum
    Pryor", "drummer Jess Okada"."""
    found = _ROLE_NOUNS_RE.match(text, pos, end)
    if found is None or not text[found.end() : found.end() + 1].isupper():
        return None
    words = re.findall(r"[a-z-]+", found.group(0))
    if any(w in _DESCRIPTOR_STOP for w in words if w != "and"):
        return None
    return found.end(), False


def _capitalised_role(
    text: str, pos: int, end: int, role_nouns: frozenset[str]
) -> tuple[int, bool] | None:
    """Skip a capitalised job or kinship word that opens a sentence before a name
    ("Trumpeter Kwabena Essuman", "Siblings Refugio and Amparo Ledesma"); return where the name
    starts and whether the word names siblings."""
    if pos and text[:pos].strip():
        return None
    word = _WORD_RE.match(text, pos, end)
    if word is None or not word.group(0)[:1].isupper():
        return None
    lower = word.group(0).lower()
    after = word.end() + 1
    if text[word.end() : after] != " " or not text[after : after + 1].isupper():
        return None
    if lower in _KIN:
        return after, True
    return (after, False) if lower in role_nouns else None


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
