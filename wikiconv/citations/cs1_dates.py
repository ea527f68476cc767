"""CS1's rules for dates: the forms ``|date=`` accepts, and writing a date in one of them.

Reading a date is ``dates.py``'s job; this module only says which spellings CS1 takes
(``11 December 2025``, ``December 11, 2025``, ``2025-12-11``, ``December 2025``, ``2025``, and
the seasons, ranges, ``c.`` and ``n.d.`` forms) and finds the dates a source wrote, so that the
writer can keep the source's own spelling when CS1 accepts it.  :class:`DateWriter` applies
these rules to the dates of one citation.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from functools import cache
from typing import Literal

from wikiconv.citations.citation import PartialDate
from wikiconv.citations.dates import (
    date_readings,
    describe_date,
    english_months,
    is_real_date,
    iso,
)
from wikiconv.citations.lazy_re import lazy_re
from wikiconv.citations.whitespace import normalise_space

DateFormat = Literal["iso", "dmy", "mdy", "keep"]
DateStyle = Literal["iso", "dmy", "mdy"]

SEASONS = ("Winter", "Spring", "Summer", "Fall", "Autumn")
# The first year CS1 takes an ISO (``YYYY-MM-DD``) date for: the Gregorian calendar's.
FIRST_ISO_YEAR = 1582


def format_cs1_date(d: PartialDate, style: DateStyle = "iso") -> str:
    """Write a date in one CS1-accepted form (month precision is ``December 2025`` always)."""
    if d.month is None:
        return f"{d.year}"
    month = english_months()[d.month - 1]
    if d.day is None:
        return f"{month} {d.year}"
    if style == "dmy":
        return f"{d.day} {month} {d.year}"
    if style == "mdy":
        return f"{month} {d.day}, {d.year}"
    return iso(d)


@cache
def _forms() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """CS1's single-date forms and its other accepted forms (ranges, seasons, …), spelt exactly.

    In the single forms, the group ``iso_year`` is set when the date is written ``YYYY-MM-DD``.
    """
    months = english_months()
    month = "|".join(months + tuple(m[:3] for m in months))
    season = "|".join(SEASONS)
    year = r"\d{3,4}"
    single = re.compile(
        rf"^(?:(?P<iso_year>\d{{4}})-\d{{2}}-\d{{2}}"  # 2025-12-11
        rf"|[1-9]\d? (?:{month}) {year}"  # 11 December 2025
        rf"|(?:{month}) [1-9]\d?, {year}"  # December 11, 2025
        rf"|(?:{month}) {year}"  # December 2025
        rf"|{year})$"  # 2025
    )
    other = re.compile(
        rf"^(?:(?:{season}) \d{{4}}"  # Winter 2025
        r"|\d{3,4}–\d{3,4}"  # 2024–2025
        rf"|(?:{month})–(?:{month}) \d{{4}}"  # November–December 2025
        rf"|[1-9]\d?–[1-9]\d? (?:{month}) \d{{4}}"  # 1–11 December 2025
        rf"|(?:{month}) [1-9]\d?–[1-9]\d?, \d{{4}}"  # December 1–11, 2025
        r"|c\. \d{3,4}"  # c. 1900
        r"|n\.d\.)$"
    )
    return single, other


def cs1_single_date(text: str) -> PartialDate | None:
    """Read a date written in one of CS1's single-date forms (exact spelling), else None."""
    m = _forms()[0].match(text)
    if m is None:
        return None
    if m.group("iso_year") and int(m.group("iso_year")) < FIRST_ISO_YEAR:
        return None
    # The form is exact, so the text has one reading (none when the date does not exist).
    readings = date_readings(text)
    return readings[0] if readings else None


def is_cs1_date(text: str, today: _dt.date | None = None) -> bool:
    """Tell whether CS1 accepts ``text`` as written in ``|date=`` (no further than next year)."""
    limit = (today or _dt.date.today()).year + 1
    d = cs1_single_date(text)
    if d is not None:
        return d.year <= limit
    if _forms()[1].match(text):
        years = [int(y) for y in re.findall(r"\d{3,4}", text)]
        return all(y <= limit for y in years)
    return False


# ---------------------------------------------------------------------------------------------
# The dates as the source wrote them


_FREE_DATE = lazy_re(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b"
    r"|\b\d{4}/\d{1,2}/\d{1,2}\b"
    r"|\b\d{4}-\d{1,2}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{4}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{3,4}\b"
    r"|\b[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{3,4}\b"
    r"|\b[A-Za-z]{3,9}\.?,?\s+\d{4}\b"
    r"|\b\d{4}\b"
)
_WRITTEN_DATE_PARAMS = {
    "date": "date",
    "year": "date",
    "access-date": "access-date",
    "accessdate": "access-date",
    "archive-date": "archive-date",
    "archivedate": "archive-date",
}


def written_dates(raw: str) -> dict[str, list[str]]:
    """The date texts as the source wrote them, by field (``"*"``: any field, free text).

    A raw ``{{cite …}}`` template gives its ``date``/``year``, ``access-date`` and
    ``archive-date`` values; a free-text reference gives every date-like run of text.
    """
    stripped = raw.strip()
    if stripped.startswith("{{"):
        import mwparserfromhell

        from wikiconv.citations.from_wikitext import value_text

        code = mwparserfromhell.parse(stripped)
        templates = code.filter_templates(recursive=False)
        if templates:
            found: dict[str, list[str]] = {}
            for param in templates[0].params:
                key = _WRITTEN_DATE_PARAMS.get(str(param.name).strip().lower())
                if key:
                    found.setdefault(key, []).append(value_text(param.value)[0])
            return found
    return {"*": [m.group(0) for m in _FREE_DATE.finditer(raw)]}


# ---------------------------------------------------------------------------------------------
# Writing the dates of one citation


class DateWriter:
    """Writes one citation's dates in a date format, warning about each one CS1 would reject."""

    def __init__(
        self, date_format: DateFormat, today: _dt.date, raw: str, warn: Callable[[str], None]
    ) -> None:
        """Hold the format, today's date, the source as written and where warnings go."""
        self.date_format = date_format
        self.today = today
        self.raw = raw
        self.warn = warn
        self._written: dict[str, list[str]] | None = None

    def date(self, d: PartialDate | None, param: str) -> str:
        """Format one date for ``param``, or '' (with a warning) when CS1 would reject it."""
        if d is None:
            return ""
        if not is_real_date(d):
            self.warn(f"|{param}=: {describe_date(d)} is not a real date; not written")
            return ""
        if d.year < 100:
            self.warn(f"|{param}=: year {d.year} has fewer than three digits; not written")
            return ""
        if d.year > self.today.year + 1:
            self.warn(f"|{param}=: {d.year} is more than a year ahead; not written")
            return ""
        if self.date_format == "keep":
            return self.kept_date(d, param)
        style: DateStyle = self.date_format
        if style == "iso" and d.precision == "day" and d.year < FIRST_ISO_YEAR:
            self.warn(f"|{param}=: ISO dates before 1582 are rejected by CS1; written dmy")
            style = "dmy"
        return format_cs1_date(d, style)

    def kept_date(self, d: PartialDate, param: str) -> str:
        """The date as the source wrote it when CS1 accepts that text, else ISO with a warning."""
        if self._written is None:
            self._written = written_dates(self.raw) if self.raw else {}
        texts = self._written.get(param, []) + self._written.get("*", [])
        fallback = format_cs1_date(d, "dmy" if d.year < FIRST_ISO_YEAR else "iso")
        for text in texts:
            if d in date_readings(text):
                clean = normalise_space(text)
                if is_cs1_date(clean, self.today) and cs1_single_date(clean) == d:
                    return clean
                self.warn(
                    f"|{param}=: {clean!r} is not a date form CS1 accepts; written {fallback!r}"
                )
                return fallback
        if d.precision == "day":
            self.warn(f"|{param}=: no written form of the date to keep; written {fallback!r}")
        return fallback

    def access_date(self, d: PartialDate | None, url: str) -> str:
        """The access date when CS1 takes it: a full date, a URL, 15 January 2001 to tomorrow."""
        if d is None:
            return ""
        if not url:
            self.warn("|access-date= needs |url=; there is none, so the access date is not written")
            return ""
        if d.precision != "day":
            self.warn(f"|access-date= needs a full date; {describe_date(d)} is not written")
            return ""
        if is_real_date(d):
            when = _dt.date(d.year, d.month or 1, d.day or 1)
            if not _dt.date(2001, 1, 15) <= when <= self.today + _dt.timedelta(days=1):
                self.warn(f"|access-date=: {when.isoformat()} is outside 2001-01-15 to tomorrow")
                return ""
        return self.date(d, "access-date")
