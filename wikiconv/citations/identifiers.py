"""Identifiers: DOI, ISBN, ISSN, arXiv, PMID, PMC and OCLC, validated.

Two sets of rules share the check digits here.  The reference parser's ``normalize_*``
functions dig an identifier out of free text and are lenient about labels and separators
(``isbn_valid``, ``issn_valid``).  The CS1 writer's :func:`normalize_identifier` checks a
value as CS1 would and says why it rejects one (``isbn_is_valid``, ``issn_is_valid``).
"""

from __future__ import annotations

import re

from wikiconv.citations.citation import IDENTIFIER_KEYS
from wikiconv.citations.lazy_re import lazy_re
from wikiconv.citations.whitespace import normalise_space

# The identifiers the CS1 writer writes, in this order: the model's, then the ones CS1 knows
# beyond them, which are passed through when present.
WRITTEN_IDENTIFIER_KEYS = IDENTIFIER_KEYS
EXTRA_IDENTIFIER_KEYS = (
    "jstor",
    "hdl",
    "s2cid",
    "bibcode",
    "lccn",
    "ol",
    "ssrn",
    "citeseerx",
    "osti",
    "zbl",
    "mr",
    "eissn",
)

_DOI = lazy_re(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = lazy_re(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/)", re.IGNORECASE)
_ARXIV_NEW = lazy_re(r"\d{4}\.\d{4,5}(?:v\d{1,3})?")
_ARXIV_OLD = lazy_re(r"[a-z][a-z\-]{1,20}(?:\.[A-Z]{2})?/\d{7}(?:v\d{1,3})?")
_ARXIV_URL = lazy_re(r"arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:\.pdf)?/?$", re.IGNORECASE)
_PUBMED_URL = lazy_re(
    r"(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)(\d{1,9})", re.I
)
_PMC_URL = lazy_re(r"ncbi\.nlm\.nih\.gov/pmc/articles/(PMC\d{3,9})", re.IGNORECASE)
_TRAILING = ".,;:"
_ISBN_LABEL = lazy_re(r"^ISBN(?:-1[03])?:?\s*", re.IGNORECASE)
_PMID_LABEL = lazy_re(r"^PMID:?\s*", re.IGNORECASE)

# What CS1 itself accepts (stricter about DOIs and arXiv ids than the parser's rules).
_CS1_DOI = lazy_re(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")
_CS1_DOI_PREFIX = lazy_re(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
_CS1_ARXIV = lazy_re(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
_CS1_ISBN = lazy_re(r"\d{9}[\dXx]|97[89]\d{10}")


# ---------------------------------------------------------------------------------------------
# Check digits


def _isbn_check_digit(s: str) -> str:
    """The check character a bare ISBN's other digits call for (``X`` stands for ten).

    ``s`` is nine digits and a check character (ISBN-10) or thirteen digits (ISBN-13).
    """
    if len(s) == 10:
        total = sum((10 - i) * int(ch) for i, ch in enumerate(s[:9]))
        check = (11 - total % 11) % 11
        return "X" if check == 10 else str(check)
    total = sum(int(ch) * (1 if i % 2 == 0 else 3) for i, ch in enumerate(s[:12]))
    return str((10 - total % 10) % 10)


def _isbn_check_value(ch: str) -> int:
    """The value of an ISBN check character: its digit, or ten for ``X``."""
    return 10 if ch in "Xx" else int(ch)


def _issn_checksum_ok(s: str) -> bool:
    """The check digit of a bare ISSN: seven digits and a digit or ``X``."""
    total = sum((8 - i) * int(ch) for i, ch in enumerate(s[:7]))
    check = (11 - total % 11) % 11
    return s[7] in ("Xx" if check == 10 else str(check))


def _hyphenate_issn(digits: str) -> str:
    """Write eight ISSN characters as ``NNNN-NNNC``."""
    return f"{digits[:4]}-{digits[4:]}"


def isbn_is_valid(isbn: str) -> bool:
    """Tell whether an ISBN-10 or ISBN-13 (hyphens and spaces allowed) has a good check digit."""
    s = re.sub(r"[\s-]", "", isbn)
    if not _CS1_ISBN.fullmatch(s):
        return False
    return _isbn_check_value(s[-1]) == _isbn_check_value(_isbn_check_digit(s))


def issn_is_valid(issn: str) -> bool:
    """Tell whether an ISSN (``1234-5679``) has a good check digit."""
    s = issn.replace("-", "")
    return bool(re.fullmatch(r"\d{7}[\dXx]", s)) and _issn_checksum_ok(s)


def isbn_digits(text: str) -> str:
    """Strip an ISBN to its digits (and a final X)."""
    text = _ISBN_LABEL.sub("", text.strip())
    return "".join(c for c in text.upper() if c.isdigit() or c == "X")


def isbn_valid(text: str) -> bool:
    """Tell whether an ISBN-10 or ISBN-13, with any label or separators, has a good check digit."""
    digits = isbn_digits(text)
    if len(digits) == 10 and digits[:9].isdigit():
        return digits[9] == _isbn_check_digit(digits)
    if len(digits) == 13 and digits.isdigit() and digits[:3] in ("978", "979"):
        return int(digits[12]) == int(_isbn_check_digit(digits))
    return False


def issn_valid(text: str) -> bool:
    """Tell whether an ISSN (NNNN-NNNC), with any separators, has a good check digit."""
    digits = "".join(c for c in text.upper() if c.isdigit() or c == "X")
    digits = digits[-8:] if len(digits) >= 8 else digits
    return len(digits) == 8 and digits[:7].isdigit() and _issn_checksum_ok(digits)


# ---------------------------------------------------------------------------------------------
# The reference parser's rules: an identifier found in free text


def normalize_doi(text: str) -> str | None:
    """Return the bare DOI ("10.x/y": no resolver prefix, no trailing dot), or None."""
    text = _DOI_PREFIX.sub("", text.strip())
    text = text.rstrip(_TRAILING)
    while text.endswith(")") and text.count("(") < text.count(")"):
        text = text[:-1].rstrip(_TRAILING)
    if text.endswith("]") and "[" not in text:
        text = text[:-1]
    return text if _DOI.fullmatch(text) else None


def normalize_isbn(text: str) -> str | None:
    """Return the ISBN as bare digits when its checksum holds, else None."""
    digits = isbn_digits(text)
    return digits if isbn_valid(digits) else None


def normalize_issn(text: str) -> str | None:
    """Return the ISSN as NNNN-NNNC when valid, else None."""
    digits = "".join(c for c in text.upper() if c.isdigit() or c == "X")[-8:]
    return _hyphenate_issn(digits) if issn_valid(digits) else None


def normalize_arxiv(text: str) -> str | None:
    """Return an arXiv id in its new (2006.11239v2) or old (hep-th/9802150) form, or None."""
    text = re.sub(r"^arxiv:?\s*", "", text.strip(), flags=re.IGNORECASE).rstrip(_TRAILING)
    if _ARXIV_NEW.fullmatch(text):
        month = int(text[2:4])
        return text if 1 <= month <= 12 else None
    return text if _ARXIV_OLD.fullmatch(text) else None


def normalize_pmid(text: str) -> str | None:
    """Return a PubMed id's digits, or None."""
    digits = _PMID_LABEL.sub("", text.strip())
    return digits if digits.isdigit() and 0 < len(digits) <= 9 else None


def normalize_pmc(text: str) -> str | None:
    """Return a PubMed Central id's digits (CS1 takes them without "PMC"), or None."""
    digits = re.sub(r"^PMC(?:ID)?:?\s*(?:PMC)?", "", text.strip(), flags=re.IGNORECASE)
    return digits if digits.isdigit() and 3 <= len(digits) <= 9 else None


def normalize_oclc(text: str) -> str | None:
    """Return an OCLC number's digits, or None."""
    digits = re.sub(r"^OCLC:?\s*", "", text.strip(), flags=re.IGNORECASE)
    return digits if digits.isdigit() else None


def identifier_from_url(url: str) -> tuple[str, str] | None:
    """Recognise a URL that is only a resolver for an identifier (doi.org, arxiv.org, PubMed)."""
    if re.match(r"(?:https?://)?(?:dx\.)?doi\.org/", url, re.IGNORECASE):
        doi = normalize_doi(url)
        return ("doi", doi) if doi else None
    match = _ARXIV_URL.search(url)
    if match:
        arxiv = normalize_arxiv(match.group(1))
        return ("arxiv", arxiv) if arxiv else None
    match = _PMC_URL.search(url)
    if match:
        pmc = normalize_pmc(match.group(1))
        return ("pmc", pmc) if pmc else None
    match = _PUBMED_URL.search(url)
    if match:
        return ("pmid", match.group(1))
    return None


# ---------------------------------------------------------------------------------------------
# The CS1 writer's rules: a value checked as CS1 checks it, with messages


def normalize_identifier(key: str, value: str) -> tuple[str | None, list[str]]:
    """Check one identifier as CS1 would: (the value to write or None, messages)."""
    v = normalise_space(value)
    msgs: list[str] = []
    if not v:
        return None, msgs
    if key == "doi":
        stripped = _CS1_DOI_PREFIX.sub("", v)
        if stripped != v:
            msgs.append(f"|doi=: removed the resolver prefix from {v!r}")
        v = stripped
        if v[-1:] in ".,":
            msgs.append(f"|doi=: removed the trailing {v[-1]!r} from {v!r}")
            v = v.rstrip(".,")
        if not _CS1_DOI.match(v):
            return None, [f"|doi=: {value!r} is not a DOI (must start '10.' + registrant + '/')"]
        return v, msgs
    if key == "isbn":
        v = _ISBN_LABEL.sub("", v)
        if not isbn_is_valid(v):
            return None, [f"|isbn=: {value!r} fails the ISBN checksum; not written"]
        return v, msgs
    if key == "issn" or key == "eissn":
        v = re.sub(r"^e?ISSN:?\s*", "", v, flags=re.IGNORECASE)
        if not issn_is_valid(v):
            return None, [f"|{key}=: {value!r} fails the ISSN checksum; not written"]
        return _hyphenate_issn(v.replace("-", "").upper()), msgs
    if key == "pmid":
        v = _PMID_LABEL.sub("", v)
        if not re.fullmatch(r"[1-9]\d{0,8}", v):
            return None, [f"|pmid=: {value!r} is not a PubMed id; not written"]
        return v, msgs
    if key == "pmc":
        stripped = re.sub(r"^PMC:?\s*", "", v, flags=re.IGNORECASE)
        if stripped != v:
            msgs.append(f"|pmc=: removed the 'PMC' prefix from {v!r}")
        if not re.fullmatch(r"[1-9]\d{0,8}", stripped):
            return None, [f"|pmc=: {value!r} is not a PubMed Central id; not written"]
        return stripped, msgs
    if key == "arxiv":
        v = re.sub(r"^arXiv:\s*", "", v, flags=re.IGNORECASE)
        if not _CS1_ARXIV.match(v):
            return None, [f"|arxiv=: {value!r} is not an arXiv id; not written"]
        return v, msgs
    if key == "oclc":
        v = re.sub(r"^(?:\(OCoLC\)|OCLC:?\s*)", "", v, flags=re.IGNORECASE)
        if not re.fullmatch(r"(?:ocm|ocn|on)?\d+", v):
            return None, [f"|oclc=: {value!r} is not an OCLC number; not written"]
        return v, msgs
    if key in EXTRA_IDENTIFIER_KEYS:
        if re.search(r"\s", v):
            return None, [f"|{key}=: {value!r} contains spaces; not written"]
        return v, msgs
    return None, [f"identifier {key!r} is not one CS1 takes; not written"]
