"""Dates in reference strings, read at their true precision (year, month or day)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache

from wikiconv.citations.citation import PartialDate
from wikiconv.citations.lexicon import fold, lexicon

YEAR_RE = r"(?<![\d])(?:1[5-9]|20)\d\d(?![\d])"


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text, with where it was and which form it had."""

    date: PartialDate
    start: int
    end: int
    form: str


def month_number(word: str) -> int | None:
    """Return 1..12 for a month name or abbreviation in any known language, else None."""
    return lexicon().months.get(fold(word))


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    month = rf"(?P<m>(?:{lexicon().month_pattern}))(?![\w])\.?"
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
    year = rf"(?P<y>{YEAR_RE})[a-z]?"
    seasons = "|".join(re.escape(s) for s in sorted(lexicon().seasons, key=len, reverse=True))
    forms = [
        ("iso", r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
        ("mdy", rf"(?<![\w]){month}\s{{0,2}}{day}(?!\d),?\s{{1,2}}{year}"),
        ("dmy", rf"(?<![\w\d]){day}\s{{0,2}}(?:de\s)?{month},?\s{{1,2}}(?:de\s)?{year}"),
        ("ymd", rf"{year},?\s{{1,2}}{month}\s{{1,2}}{day}(?!\d)"),
        ("ym", rf"{year},?\s{{1,2}}{month}(?!\w)"),
        ("my", rf"(?<![\w]){month},?\s{{1,2}}{year}"),
        ("season", rf"(?i:(?<![\w])(?:{seasons}))(?!\w)[,/ ]\s?{year}"),
        ("year", year),
    ]
    return [(name, re.compile(rx)) for name, rx in forms]


def _build(match: re.Match[str], form: str) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if form in ("year", "season"):
        return PartialDate(year)
    raw_month = groups.get("m") or ""
    month = int(raw_month) if raw_month.isdigit() else month_number(raw_month)
    if month is None or not 1 <= month <= 12:
        return None
    # "may 2020" in running text is more often the verb; only a day makes it a date
    ambiguous = fold(raw_month) in ("may", "mar", "jan", "sep", "oct")
    if raw_month.islower() and ambiguous and form in ("ym", "my"):
        return None
    day_text = groups.get("d")
    if day_text is None:
        return PartialDate(year, month)
    day = int(day_text)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return PartialDate(year, month, day)


def find_date(text: str, start: int = 0) -> DateMatch | None:
    """Find the most precise date in ``text`` (a day date beats a month, a month a year)."""
    for form, pattern in _patterns():
        for match in pattern.finditer(text, start):
            date = _build(match, form)
            if date is not None:
                return DateMatch(date, match.start(), match.end(), form)
    return None


def parse_date(text: str) -> PartialDate | None:
    """Read ``text`` as a date if it is nothing but one ("11 December 2025", "2020-05")."""
    stripped = text.strip().strip(".,;:()[]").strip()
    if not stripped or len(stripped) > 60:
        return None
    if re.fullmatch(r"\d{4}-\d{2}", stripped):
        year, month = int(stripped[:4]), int(stripped[5:])
        return PartialDate(year, month) if 1 <= month <= 12 else None
    found = find_date(stripped)
    if found is None:
        return None
    rest = (stripped[: found.start] + " " + stripped[found.end :]).strip(" ,.;:/-–")
    if rest and not re.fullmatch(r"(?i)(c|ca|circa|last modified|updated|published|on)\.?", rest):
        return None
    return found.date


def day_month(text: str) -> tuple[int, int] | None:
    """Read a day and month without a year ("8 April", "April 8") as (month, day)."""
    months = lexicon().month_pattern
    match = re.fullmatch(
        rf"\s*(?:(?P<d1>\d{{1,2}})\s(?P<m1>{months})|(?P<m2>{months})\.?\s(?P<d2>\d{{1,2}}))\s*",
        text,
    )
    if not match:
        return None
    number = month_number(match.group("m1") or match.group("m2"))
    day = int(match.group("d1") or match.group("d2"))
    if number is None or not 1 <= day <= 31:
        return None
    return number, day


def is_no_date(text: str) -> bool:
    """Tell whether ``text`` says the work is undated ("n.d.")."""
    return fold(text) in lexicon().no_date


def iso(date: PartialDate | None) -> str:
    """Write a PartialDate as ISO 8601 at its precision ("2020", "2020-05", "2020-05-17")."""
    if date is None:
        return ""
    if date.month is None:
        return f"{date.year:04d}"
    if date.day is None:
        return f"{date.year:04d}-{date.month:02d}"
    return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"
