"""Author and editor lists at the head of a reference, in each style's name order."""

from __future__ import annotations

from dataclasses import dataclass, field

from wikiconv.citations.citation import Contributor
from wikiconv.citations.lexicon import fold, lexicon
from wikiconv.citations.memo import per_reference
from wikiconv.citations.reference_tokens import SPECIAL, Tok

PARTICLES = frozenset(
    "de da di du del della der den van von vom zu ten ter le la les dos das do".split()
    + ["bin", "ibn", "al", "el"]
)
EDITOR_MARKS = frozenset(
    {"ed", "eds", "editor", "editors", "hrsg", "dir", "coord", "(ed)", "(eds)"}
)


@dataclass
class NameList:
    """A parsed list of names: who, where the list ends, and in which order names were written."""

    people: list[Contributor]
    end: int  # index of the first token after the list (and its editor mark, if any)
    # "inverted", "first-inverted", "direct", "vancouver", "family-initials" or "organisation"
    form: str
    editors: bool = False
    et_al: bool = False
    score: float = 0.0
    notes: list[str] = field(default_factory=list)


def _kind(tok: Tok) -> str:
    """Classify a token for name scanning: I(nitials) C(apitalised) U(pper initials) P(article)."""
    t = tok.type
    if t == "INITIALS":
        return "I"
    if t == "WORD":
        text = tok.text
        low = text.lower()
        if low in ("and", "und", "et", "y", "e", "en"):
            return "&"
        if low in PARTICLES and text[0].islower():
            return "P"
        if text.isupper() and len(text) <= 3 and text.isalpha():
            return "U"
        if text[0].isupper():
            return "C"
        return "x"
    if t == "AMP":
        return "&"
    if t == "ET_AL":
        return "E"
    if t == "ELLIPSIS":
        return "M"
    return {"COMMA": ",", "SEMI": ";", "PERIOD": "."}.get(t, "x")


def _is_org_word(tok: Tok) -> bool:
    lex = lexicon()
    w = tok.word
    return w in lex.org_words or w in lex.legal_suffixes or w in lex.known_organisations


def _terminates(toks: list[Tok], j: int) -> bool:
    """Tell whether a name list may end before token ``j``."""
    if j >= len(toks):
        return True
    tok = toks[j]
    if tok.type in SPECIAL or tok.type in ("NUMBER", "VANCOUVER_LOC", "LPAR"):
        return True
    if tok.type in ("PERIOD", "COMMA", "COLON"):
        return True
    prev = toks[j - 1] if j > 0 else None
    # "Knopfmacher, A., and Warlimont, R. Distinct degree ...": an initial's own dot ends it
    return bool(prev is not None and prev.type == "INITIALS" and tok.type == "WORD")


def _editor_mark(toks: list[Tok], j: int) -> int:
    """Return the index after an editor mark (", eds.", "(Ed.)", ", editors,") at ``j``, or -1."""
    k = j
    if k < len(toks) and toks[k].type == "COMMA":
        k += 1
    if k < len(toks) and toks[k].type == "LPAR":
        if k + 1 < len(toks) and toks[k + 1].word in EDITOR_MARKS:
            m = k + 2
            while m < len(toks) and toks[m].type in ("PERIOD",):
                m += 1
            if m < len(toks) and toks[m].type == "RPAR":
                return m + 1
        return -1
    if k < len(toks) and toks[k].type == "WORD" and toks[k].word in EDITOR_MARKS:
        k += 1
        if k < len(toks) and toks[k].type in ("PERIOD", "COMMA"):
            k += 1
        return k
    return -1


def _person(family: list[Tok], given: list[Tok]) -> Contributor:
    fam = " ".join(t.text for t in family)
    giv = " ".join(t.text for t in given)
    return Contributor(family=fam, given=giv)


def _finish(toks: list[Tok], people: list[Contributor], j: int, form: str, et_al: bool) -> NameList:
    result = NameList(people, j, form, et_al=et_al)
    mark = _editor_mark(toks, j)
    if mark > 0:
        result.editors = True
        result.end = mark
    return result


def _separator(kinds: list[str], j: int) -> tuple[int, bool]:
    """Skip a name separator (",", ", and", "&", ";"); return (next index, saw et al)."""
    n = len(kinds)
    k = j
    if k < n and kinds[k] in ",;":
        k += 1
        while k < n and kinds[k] in ",;":
            k += 1
    if k < n and kinds[k] == "M":  # APA 7 "…, . . . Last, F." omits middle authors
        k += 1
    if k < n and kinds[k] == "&":
        k += 1
    if k < n and kinds[k] == "E":
        k += 1
        if k < n and kinds[k] == ".":
            k += 1
        return k, True
    return k, False


def scan_inverted(toks: list[Tok], kinds: list[str], first_only: bool = False) -> NameList | None:
    """APA/Harvard/CS1 "Family, G. G., & Family, G." or MLA/Chicago first name inverted."""
    people: list[Contributor] = []
    i, n, et_al = 0, len(kinds), False
    last_end = 0
    while i < n:
        if first_only and people:
            direct = _direct_name(toks, kinds, i)
            if direct is None:
                break
            people.append(direct[0])
            last_end = i = direct[1]
        else:
            j = i
            while j < n and kinds[j] == "P":
                j += 1
            if j >= n or kinds[j] != "C":
                break
            j += 1
            if j < n and kinds[j] == "C" and j + 1 < n and kinds[j + 1] == ",":
                j += 1  # two-word family name "De Souza, A."
            if j >= n or kinds[j] != ",":
                break
            family = toks[i:j]
            g = j + 1
            while g < n and g - j - 1 < 4 and kinds[g] in "IC":
                g += 1
            # back off a greedy given-name run until what follows can end or continue the list
            while g > j + 1 and not (_terminates(toks, g) or kinds[g] in "&;E"):
                g -= 1
            if g == j + 1:
                break
            if any(_is_org_word(t) for t in family):
                break
            people.append(_person(family, toks[j + 1 : g]))
            last_end = i = g
        k, saw = _separator(kinds, i)
        if saw:
            et_al = True
            last_end = k
            break
        if k == i:
            break
        i = k
    if not people:
        return None
    return _finish(toks, people, last_end, "first-inverted" if first_only else "inverted", et_al)


def _direct_name(toks: list[Tok], kinds: list[str], i: int) -> tuple[Contributor, int] | None:
    """One "G. G. Family" / "Given Family" name starting at ``i``."""
    n = len(kinds)
    j = i
    while j < n and kinds[j] in "ICP" and j - i < 6:
        j += 1
    # the family name is the last capitalised word (with its particles)
    end = j
    while end > i and kinds[end - 1] != "C":
        end -= 1
    if end - i < 2 or kinds[end - 1] != "C":
        return None
    if end < n and end != j:
        return None
    if not _terminates(toks, end) and kinds[end] not in "&E":
        return None
    f = end - 1
    while f > i and kinds[f - 1] == "P":
        f -= 1
    given = toks[i:f]
    if not given or any(k == "P" for k in kinds[i:f]):
        return None
    first = toks[i]
    if any(_is_org_word(t) for t in toks[i:end]):
        return None
    if first.type == "WORD" and first.word in lexicon().not_given_names:
        return None
    return _person(toks[f:end], given), end


def scan_direct(toks: list[Tok], kinds: list[str]) -> NameList | None:
    """IEEE/Cora/Chicago notes "A. B. Family, C. Family, and D. Family" or "Given Family"."""
    people: list[Contributor] = []
    i, n, et_al, last_end = 0, len(kinds), False, 0
    while i < n:
        found = _direct_name(toks, kinds, i)
        if found is None:
            break
        people.append(found[0])
        last_end = i = found[1]
        k, saw = _separator(kinds, i)
        if saw:
            et_al, last_end = True, k
            break
        if k == i:
            break
        i = k
    if not people:
        return None
    return _finish(toks, people, last_end, "direct", et_al)


def scan_vancouver(toks: list[Tok], kinds: list[str]) -> NameList | None:
    """Vancouver/ICMJE "Family AB, Family C, et al." (initials without dots)."""
    people: list[Contributor] = []
    i, n, et_al, last_end = 0, len(kinds), False, 0
    org_words = lexicon().org_words
    while i < n:
        j = i
        while j < n and kinds[j] in "PC" and j - i < 3:
            j += 1
        if j == i or kinds[j - 1] != "C" or j >= n:
            break
        initials = toks[j]
        # a last single initial swallows the list's full stop: "Chiu V." lexes as initials
        last_initial = kinds[j] == "I" and len(initials.text) == 2
        if kinds[j] != "U" and not last_initial:
            break
        if any(_is_org_word(t) for t in toks[i:j]) or initials.word in org_words:
            break
        people.append(
            Contributor(family=" ".join(t.text for t in toks[i:j]), given=initials.text.rstrip("."))
        )
        last_end = i = j + 1
        if last_initial:
            break
        k, saw = _separator(kinds, i)
        if saw:
            et_al, last_end = True, k
            break
        if k == i:
            break
        i = k
    if not people or (
        not et_al and last_end < n and kinds[last_end] not in ".," and kinds[last_end - 1] != "I"
    ):
        return None
    return _finish(toks, people, last_end, "vancouver", et_al)


def scan_family_initials(toks: list[Tok], kinds: list[str]) -> NameList | None:
    """ "Harrison R.M., Stedman J. and Derwent D." (family first, dotted initials, no comma)."""
    people: list[Contributor] = []
    i, n, et_al, last_end = 0, len(kinds), False, 0
    while i + 1 < n and kinds[i] == "C" and kinds[i + 1] == "I":
        g = i + 1
        while g < n and kinds[g] == "I":
            g += 1
        people.append(_person(toks[i : i + 1], toks[i + 1 : g]))
        last_end = i = g
        k, saw = _separator(kinds, i)
        if saw:
            et_al, last_end = True, k
            break
        if k == i:
            break
        i = k
    if not people or (last_end < n and toks[last_end].type == "WORD"):
        return None
    return _finish(toks, people, last_end, "family-initials", et_al)


_ORG_LINKS = frozenset({"of", "for", "the", "on", "de", "du", "des", "für"})


def _org_continues(toks: list[Tok], kinds: list[str], j: int) -> bool:
    """May token ``j`` be part of a corporate name that started at token 0?"""
    tok, k, n = toks[j], kinds[j], len(toks)
    if k in "CU" or (k == "&" and j > 0) or (tok.type == "DOTTED" and j == 0):
        return True
    if tok.type == "WORD" and tok.text in _ORG_LINKS:
        return True
    if tok.type == "INITIALS" and len(tok.text) > 2:
        return j + 1 < n and kinds[j + 1] in "CU"  # "U.S. Department of ..."
    # the dot of "Inc." or "Ltd."
    return k == "." and j > 0 and toks[j - 1].word in lexicon().legal_suffixes


def scan_organisation(toks: list[Tok], kinds: list[str]) -> NameList | None:
    """A corporate author: "Runway", "World Health Organization", "Apple Inc."."""
    n = len(toks)
    j = 0
    while j < n and j < 10:
        if not _org_continues(toks, kinds, j):
            break
        j += 1
    if j == 0 or not _terminates(toks, j) or kinds[j - 1] == "&":
        return None
    if j < n and toks[j].type == "NUMBER":
        return None
    name = " ".join(t.text for t in toks[:j])
    if toks[j - 1].type == "PERIOD":
        name = name[:-2] + "."
    org = Contributor(organization=name.replace(" .", "."))
    return _finish(toks, [org], j, "organisation", False)


@per_reference
def organisation_reason(name: str) -> str | None:
    """Why a name reads as an organisation ("single word, no given name"), or None."""
    lex = lexicon()
    words = name.replace(",", " ").split()
    if not words:
        return None
    if fold(name) in lex.known_organisations:
        return f"'{name}' is a known organisation"
    for word in words:
        w = fold(word)
        if w in lex.legal_suffixes:
            return f"'{word}' is a company suffix"
        if w in lex.org_words:
            return f"'{word}' is an organisation word"
        if w in lex.known_organisations:
            return f"'{word}' is a known organisation"
    if len(words) == 1:
        return "single word, no given name"
    if words[0].isupper() and len(words[0]) > 1:
        return f"'{words[0]}' is an acronym"
    if fold(words[0]) in lex.not_given_names:
        return f"'{words[0]}' cannot be a given name"
    return None


def scan_all(toks: list[Tok]) -> list[NameList]:
    """Every way the head of ``toks`` reads as a name list, best-formed first."""
    kinds = [_kind(t) for t in toks]
    found: list[NameList] = []
    for scanner in (scan_inverted, scan_direct, scan_vancouver, scan_family_initials):
        result = scanner(toks, kinds)
        if result is not None:
            found.append(result)
    mla = scan_inverted(toks, kinds, first_only=True)
    if mla is not None and len(mla.people) > 1:
        found.append(mla)
    org = scan_organisation(toks, kinds)
    if org is not None:
        found.append(org)
    for result in found:
        result.score = _score(result, toks)
    found.sort(key=lambda r: -r.score)
    return found


def _score(result: NameList, toks: list[Tok]) -> float:
    score = 1.0 + 0.1 * min(len(result.people), 5)
    end = result.end
    nxt = toks[end] if end < len(toks) else None
    if nxt is not None and nxt.type in SPECIAL:
        score += 1.0
    elif nxt is not None and nxt.type == "PERIOD":
        score += 0.6
    elif nxt is not None and nxt.type == "COMMA":
        score += 0.2
    elif nxt is None:
        score -= 1.0
    if result.form == "organisation":
        name = result.people[0].organization
        reason = organisation_reason(name)
        if reason is None:
            score -= 1.2
        else:
            result.notes.append(f"treated '{name}' as an organisation: {reason}")
        if len(name.split()) > 6:
            score -= 1.0
    elif result.form == "vancouver":
        score += 0.3
    return score
