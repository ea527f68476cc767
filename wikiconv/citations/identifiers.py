"""Identifiers in reference strings: DOI, ISBN, ISSN, arXiv, PMID, PMC and OCLC, validated."""

from __future__ import annotations

import re

_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(
    r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/)", re.IGNORECASE
)
_ARXIV_NEW = re.compile(r"\d{4}\.\d{4,5}(?:v\d{1,3})?")
_ARXIV_OLD = re.compile(r"[a-z][a-z\-]{1,20}(?:\.[A-Z]{2})?/\d{7}(?:v\d{1,3})?")
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/([^\s?#]+?)(?:\.pdf)?/?$", re.IGNORECASE)
_PUBMED_URL = re.compile(
    r"(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)(\d{1,9})", re.I
)
_PMC_URL = re.compile(r"ncbi\.nlm\.nih\.gov/pmc/articles/(PMC\d{3,9})", re.IGNORECASE)
_TRAILING = ".,;:"


def normalize_doi(text: str) -> str | None:
    """Return the bare DOI ("10.x/y": no resolver prefix, no trailing dot), or None."""
    text = _DOI_PREFIX.sub("", text.strip())
    text = text.rstrip(_TRAILING)
    while text.endswith(")") and text.count("(") < text.count(")"):
        text = text[:-1].rstrip(_TRAILING)
    if text.endswith("]") and "[" not in text:
        text = text[:-1]
    return text if _DOI.fullmatch(text) else None


def isbn_digits(text: str) -> str:
    """Strip an ISBN to its digits (and a final X)."""
    text = re.sub(r"^ISBN(?:-1[03])?:?", "", text.strip(), flags=re.IGNORECASE)
    return "".join(c for c in text.upper() if c.isdigit() or c == "X")


def isbn_valid(text: str) -> bool:
    """Tell whether an ISBN-10 or ISBN-13 has a correct check digit."""
    digits = isbn_digits(text)
    if len(digits) == 10 and digits[:9].isdigit():
        total = sum((10 - i) * int(d) for i, d in enumerate(digits[:9]))
        check = (11 - total % 11) % 11
        return digits[9] == ("X" if check == 10 else str(check))
    if len(digits) == 13 and digits.isdigit() and digits[:3] in ("978", "979"):
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits[:12]))
        return int(digits[12]) == (10 - total % 10) % 10
    return False


def normalize_isbn(text: str) -> str | None:
    """Return the ISBN as bare digits when its checksum holds, else None."""
    digits = isbn_digits(text)
    return digits if isbn_valid(digits) else None


def issn_valid(text: str) -> bool:
    """Tell whether an ISSN (NNNN-NNNC) has a correct check digit."""
    digits = "".join(c for c in text.upper() if c.isdigit() or c == "X")
    digits = digits[-8:] if len(digits) >= 8 else digits
    if len(digits) != 8 or not digits[:7].isdigit():
        return False
    total = sum((8 - i) * int(d) for i, d in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def normalize_issn(text: str) -> str | None:
    """Return the ISSN as NNNN-NNNC when valid, else None."""
    digits = "".join(c for c in text.upper() if c.isdigit() or c == "X")[-8:]
    return f"{digits[:4]}-{digits[4:]}" if issn_valid(digits) else None


def normalize_arxiv(text: str) -> str | None:
    """Return an arXiv id in its new (2006.11239v2) or old (hep-th/9802150) form, or None."""
    text = re.sub(r"^arxiv:?\s*", "", text.strip(), flags=re.IGNORECASE).rstrip(_TRAILING)
    if _ARXIV_NEW.fullmatch(text):
        month = int(text[2:4])
        return text if 1 <= month <= 12 else None
    return text if _ARXIV_OLD.fullmatch(text) else None


def normalize_pmid(text: str) -> str | None:
    """Return a PubMed id's digits, or None."""
    digits = re.sub(r"^PMID:?\s*", "", text.strip(), flags=re.IGNORECASE)
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
