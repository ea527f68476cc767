"""Words before a name that are not part of it: descriptors ("the Swiss software engineer",
"former Google engineers", "the puppet master (tok dalang)"), role nouns without an article
("drummer Jess Okada"), and a job or kinship word opening a sentence ("Trumpeter A",
"Siblings A and B Ledesma"). Each function returns where the name starts and whether the
words name siblings, who share the last name."""

from __future__ import annotations

import re

from wikiconv.statements.sentences import Sentence

WORD_RE = re.compile(r"[^\W_][\w'’.&+#-]*")

_CAPITALISED_RUN_RE = re.compile(r"(?:\s(?-i:[A-Z])[\w'’-]*)+(?=\s(?-i:[a-z]))")
_ASIDE_RE = re.compile(r"\([^()]{1,60}\)\s+(?=(?-i:[A-Z]))")
_DESCRIPTOR_STOP = frozenset(
    "of in on at to for from with by near as than into onto about over under between among "
    "through via after before during since until and or but nor who which that whose where when "
    "while is was are were has had have be been being not no also its his her their this these "
    "those such other".split()
)
# "Lagos-based", "Karachi-based": a place or firm turned into a modifier, not part of a name
HYPHEN_MODIFIER_RE = re.compile(r"[^\W\d_][\w'’.]*-(?:based|born|owned|founded|listed|era)")
_KIN = frozenset(
    "siblings brothers sisters twins cousins couple spouses husband-and-wife father-and-son "
    "mother-and-daughter father-and-daughter mother-and-son".split()
)
_VERB_FORMS = ("starring", "including", "featuring", "with", "followed")
_DETERMINER_RE = re.compile(r"(?:the|a|an|his|her|their|its)\s+", re.IGNORECASE)
_NEXT_JOB_RE = re.compile(r" (?!(?:the|a|an|his|her|their|its)\b)(?-i:[a-z][a-z-]*) (?-i:[A-Z])")
_POSSESSIVE_DETS = frozenset({"his", "her", "their"})
_APPOSED_ROLE_RE = re.compile(r", (?:(?:the |a |an )?(?-i:[a-z][\w-]*) )?(?=(?-i:[A-Z]))")
_PLACE_UNITS = frozenset("village town city hamlet suburb district municipality county".split())


def skip_descriptor(
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
    while len(words) < 6 and cursor < end:
        word = WORD_RE.match(text, cursor, end)
        if word is None:
            return None
        value = word.group(0)
        name_next = value[0].isupper() or sentence.link_at(cursor) is not None
        apposed = _APPOSED_ROLE_RE.match(text, word.end(), end)
        owner = (
            det
            and det.group(0).strip().lower() in _POSSESSIVE_DETS
            or any(w.endswith(("'s", "’s")) for w in words)
        )
        if apposed and owner and not name_next:
            words.append(value.lower())  # "her grand-nephew, the notary Henri Vernier-Lacaze"
            cursor = apposed.end()
            continue
        if text[word.end() : word.end() + 1] != " " and not (name_next and words):
            return None  # a descriptor word is followed by a blank; the name need not be
        if value[0].isupper() and HYPHEN_MODIFIER_RE.fullmatch(value) and not words:
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
        elif value == "and" and words and words[-1] and _NEXT_JOB_RE.match(text, word.end(), end):
            words.append("and")  # "the singer and guitarist Bianca Soriano"
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


_PLURAL_ROLE_RE = re.compile(  # "former Opera Software employees Maya Chen and …"
    r"(?: (?-i:[A-Z])[\w&.'’-]*){0,3} (?-i:[a-z-]+)(?:ers|ors|ists|ians|ants|ents|ees|ives)"
    r"(?: and (?-i:[a-z-]+)s)? "
)
_ROLE_NOUNS_RE = re.compile(  # "fiddle player Ruth Akinyemi": a noun may stand before the role
    r"(?:(?:former|then|fellow|lead|founding)\s+)?(?:(?-i:[a-z-]+)\s+)?"
    r"(?-i:[a-z-]+)(?:er|or|ist|ian|ant|ent)"
    r"(?:(?:,\s+|\s+and\s+)(?-i:[a-z-]+)(?:er|or|ist|ian|ant|ent)){0,3}\s+"
)


def skip_role_nouns(text: str, pos: int, end: int) -> tuple[int, bool] | None:
    """Skip agent nouns before a name without an article: "singer and guitarist Callum
    Pryor", "drummer Jess Okada"."""
    found = _ROLE_NOUNS_RE.match(text, pos, end)
    if found is None or not text[found.end() : found.end() + 1].isupper():
        return None
    words = re.findall(r"[a-z-]+", found.group(0))
    if any(w in _DESCRIPTOR_STOP for w in words if w != "and"):
        return None
    return found.end(), False


def capitalised_role(
    text: str, pos: int, end: int, role_nouns: frozenset[str]
) -> tuple[int, bool] | None:
    """Skip a capitalised job or kinship word that opens a sentence before a name
    ("Trumpeter Kwabena Essuman", "Siblings Refugio and Amparo Ledesma"); return where the name
    starts and whether the word names siblings."""
    if pos and text[:pos].strip():
        return None
    word = WORD_RE.match(text, pos, end)
    if word is None or not word.group(0)[:1].isupper():
        return None
    lower = word.group(0).lower()
    after = word.end() + 1
    if text[word.end() : after] != " " or not text[after : after + 1].isupper():
        return None
    if lower in _KIN:
        return after, True
    return (after, False) if lower in role_nouns else None
