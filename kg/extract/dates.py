"""Dates written in Indonesian news, resolved against the article's year, at their own precision.

"21 Juli 2017" is a day, "April 2016" a month (never a made-up day), "(21/7)" a day in the
article's year, "periode 2014-2019" a span of years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import Lexicon

__all__ = ["DateMention", "find_dates", "qualifiers_for"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: its offsets, ISO value (YYYY, YYYY-MM or YYYY-MM-DD) and kind."""

    start: int
    end: int
    value: str
    kind: str = "date"  # date | span-start | span-end


_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+([A-Za-z']+)\s+((?:19|20)\d{2})\b")
_MONTH_YEAR = re.compile(r"\b([A-Za-z']+)\s+((?:19|20)\d{2})\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([A-Za-z']+)\b")
_SLASHED = re.compile(r"\((\d{1,2})/(\d{1,2})(?:/((?:19|20)?\d{2}))?\)")
_YEAR_SPAN = re.compile(r"\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b")
_YEAR = re.compile(r"\b(?:tahun\s+)?((?:19|20)\d{2})\b")


def _month(word: str, lex: Lexicon) -> int | None:
    entry = lex.calendar.get(word.lower())
    return entry[1] if entry and entry[0] == "month" else None


def _valid(year: int, month: int, day: int) -> bool:
    days = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return 1 <= month <= 12 and 1 <= day <= days[month - 1]


def find_dates(
    text: str, start: int, end: int, lex: Lexicon, year: int | None
) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, most precise first where they overlap.

    >>> from kg.extract.lexicon import load_lexicon
    >>> t = "Jumat (21/7) dan sejak April 2016, periode 2014-2019."
    >>> [(d.value, d.kind) for d in find_dates(t, 0, len(t), load_lexicon(), 2017)]
    [('2017-07-21', 'date'), ('2016-04', 'date'), ('2014', 'span-start'), ('2019', 'span-end')]
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(m_start: int, m_end: int, value: str, kind: str = "date") -> None:
        if any(s < m_end and m_start < e for s, e in taken):
            return
        taken.append((m_start, m_end))
        found.append(DateMention(m_start, m_end, value, kind))

    for m in _DAY_MONTH_YEAR.finditer(text, start, end):
        month = _month(m.group(2), lex)
        d, y = int(m.group(1)), int(m.group(3))
        if month and _valid(y, month, d):
            add(m.start(), m.end(), f"{y:04d}-{month:02d}-{d:02d}")
    for m in _SLASHED.finditer(text, start, end):
        d, mo = int(m.group(1)), int(m.group(2))
        written = m.group(3)
        full = (int(written) + (2000 if len(written) == 2 else 0)) if written else year
        if full and _valid(full, mo, d):
            add(m.start(), m.end(), f"{full:04d}-{mo:02d}-{d:02d}")
    for m in _MONTH_YEAR.finditer(text, start, end):
        month = _month(m.group(1), lex)
        if month:
            add(m.start(), m.end(), f"{int(m.group(2)):04d}-{month:02d}")
    for m in _DAY_MONTH.finditer(text, start, end):
        month = _month(m.group(2), lex)
        if month and year and _valid(year, month, int(m.group(1))):
            add(m.start(), m.end(), f"{year:04d}-{month:02d}-{int(m.group(1)):02d}")
    for m in _YEAR_SPAN.finditer(text, start, end):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        taken.append((m.start(), m.end()))
        found.append(DateMention(m.start(1), m.end(1), m.group(1), "span-start"))
        found.append(DateMention(m.start(2), m.end(2), m.group(2), "span-end"))
    for m in _YEAR.finditer(text, start, end):
        add(m.start(1), m.end(1), m.group(1))
    return sorted(found, key=lambda d: d.start)


_BOUNDS: dict[int, tuple[object, re.Pattern[str], re.Pattern[str]]] = {}


def _bound_patterns(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns of the words that make the date after them a start ("sejak tahun") or an end
    ("hingga"), from ``phrases.tsv`` (built once per lexicon)."""
    phrases = lex.phrases
    known = _BOUNDS.get(id(phrases))
    if known is None or known[0] is not phrases:
        units = "|".join(re.escape(unit) + r"\s+" for unit in phrases.date_units)

        def bound(words: tuple[str, ...]) -> re.Pattern[str]:
            return re.compile(rf"\b({'|'.join(map(re.escape, words))})\s+({units})?$")

        known = (phrases, bound(phrases.date_start), bound(phrases.date_end))
        _BOUNDS[id(phrases)] = known
    return known[1], known[2]


def qualifiers_for(
    text: str, dates: list[DateMention], lex: Lexicon
) -> tuple[tuple[str, str], ...]:
    """Start/end qualifiers a sentence gives a fact: "sejak April 2016", "periode 2014-2019"."""
    out: list[tuple[str, str]] = []
    starts, ends = _bound_patterns(lex)
    terms = lex.phrases.term_cues
    for date in dates:
        before = text[max(0, date.start - 12) : date.start].lower()
        if date.kind == "span-start" and any(cue in before for cue in terms):
            out.append(("start", date.value))
        elif date.kind == "span-end" and out and out[-1][0] == "start":
            out.append(("end", date.value))
        elif date.kind == "date" and starts.search(before):
            out.append(("start", date.value))
        elif date.kind == "date" and ends.search(before):
            out.append(("end", date.value))
    return tuple(out)
