"""Article anatomy: dateline, credit lines, copyright line and boilerplate, split from the body.

Indonesian outlets frame the body the same few ways:

* a dateline: ``Bogor (ANTARA) -``, ``JAKARTA, KOMPAS.com -``, ``Jakarta -``;
* credit lines: ``Pewarta: X``, ``Editor : Y``, ``Reporter: Z | Editor: W``;
* a copyright line: ``COPYRIGHT © ANTARA News Megapolitan 2017``;
* page furniture: ``Baca juga: ...``, ``SCROLL TO CONTINUE WITH CONTENT``, ad scripts, initials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.dates import find_dates
from kg.extract.lexicon import Lexicon, words_of
from kg.extract.text import lines

__all__ = ["Anatomy", "Credit", "Span", "read_anatomy"]


@dataclass(frozen=True)
class Span:
    """A piece of text with its offsets."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Credit:
    """A person named in a credit line, with the role the line gives."""

    role: str  # author | editor
    name: Span


@dataclass
class Anatomy:
    """The frame of an article: what is body text and what is metadata."""

    body: list[tuple[int, int]] = field(default_factory=list)
    dateline: Span | None = None
    region: Span | None = None  # the region after the dateline's place ("Medan, Sumut (ANTARA)")
    outlets: list[Span] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    year: str | None = None
    date: str | None = None  # the day a dateline gives ("Bogor, 12 Maret 2024 -"), YYYY-MM-DD


_CreditPatterns = tuple[dict[str, str | None], re.Pattern[str], re.Pattern[str]]
_CREDIT_PATTERNS: dict[int, _CreditPatterns] = {}


def _credit_patterns(lex: Lexicon) -> _CreditPatterns:
    """The credit labels of ``credits.tsv`` with their roles, a pattern that tells a credit line
    and one that finds each label and its names (built once per lexicon)."""
    roles = lex.credit_roles
    known = _CREDIT_PATTERNS.get(id(roles))
    if known is None or known[0] is not roles:
        label = "|".join(sorted((re.escape(k) for k in roles), key=len, reverse=True))
        line = re.compile(rf"^\(?\s*(?:{label})\s*:", re.IGNORECASE)
        credit = re.compile(
            rf"(?P<label>{label})\s*:\s*(?P<names>.+?)\s*(?=\||\)?$|(?:{label})\s*:)",
            re.IGNORECASE,
        )
        known = (roles, line, credit)
        _CREDIT_PATTERNS[id(roles)] = known
    return known


_COPYRIGHT = re.compile(
    r"^(?:copyright|hak cipta)\s*(?:©|\(c\)|&copy;)?\s*(?:(?P<y1>(?:19|20)\d{2})\s+)?"
    r"(?P<outlet>.+?)\s*(?P<year>(?:19|20)\d{2})?\s*(?:all rights reserved\.?)?$",
    re.IGNORECASE,
)
_DATELINES = (
    # Bogor (ANTARA) -   /   Bandarlampung (Antara Megapolitan) -   /   Medan, Sumut (ANTARA) -
    re.compile(
        r"^(?P<place>[A-Z][\w.' ]{1,40}?)(?:\s*,\s*(?P<region>[A-Z][\w.' ]{1,30}?))?\s*,?\s*"
        r"\((?P<outlet>(?=[^()]*[A-Za-z])[^()]{2,50})\)\s*[-–—]+\s*"
    ),
    # Bogor, 12 Maret 2024 -   /   Jakarta, Senin (4/3/2024) -   (a date, no outlet)
    re.compile(
        r"^(?P<place>[A-Z][\w.' ]{1,40}?)\s*,\s*(?P<date>\d{1,2}\s+[A-Za-z]+\s+(?:19|20)\d{2}|"
        r"(?:[A-Z][a-z]+\s*)?\(\d{1,2}/\d{1,2}/(?:19|20)?\d{2}\))\s*[-–—]+\s*"
    ),
    # JAKARTA, KOMPAS.com -   /   Jakarta, detikNews -
    re.compile(
        r"^(?P<place>[A-Z][\w.' ]{1,40}?)\s*,\s*(?P<outlet>[A-Za-z0-9]+(?:\.(?:com|co\.id|co|id))|"
        r"detik\w*|TEMPO\.CO|Liputan6\.com)\s*[-–—]+\s*"
    ),
    # Liputan6.com, Jakarta -   /   TEMPO.CO, Jakarta -   (the outlet first)
    re.compile(
        r"^(?P<outlet>[A-Za-z0-9]+\.(?i:com|co\.id|co|id))\s*,\s*"
        r"(?P<place>[A-Z][\w.' ]{1,40}?)\s*[-–—]+\s*"
    ),
    # Suara.com -   (an outlet, no place)
    re.compile(r"^(?P<outlet>[A-Za-z0-9]+\.(?i:com|co\.id|co|id))\s*[-–—]+\s+"),
    # Jakarta, CNN Indonesia --   (an outlet of the lexicon, checked in _read_dateline)
    re.compile(
        r"^(?P<place>[A-Z][\w.' ]{1,40}?)\s*,\s*(?P<known>[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})"
        r"\s*[-–—]+\s*"
    ),
    # Jakarta -   /   Jakarta- (no outlet)
    re.compile(r"^(?P<place>[A-Z][A-Za-z.']+(?: [A-Z][A-Za-z.']+){0,2})\s*[-–—]+\s+(?=\S)"),
)
_LEADING_DASH = re.compile(r"^[-–—]\s+")
_NAME_SPLIT = re.compile(r"\s*(?:,|/|&|;|\bdan\b)\s*")


def _credit_spans(
    text: str, start: int, end: int, patterns: _CreditPatterns
) -> list[tuple[str | None, Span]]:
    found: list[tuple[str | None, Span]] = []
    roles, _, credit = patterns
    for match in credit.finditer(text, start, end):
        role = roles[match.group("label").lower()]
        names_start = match.start("names")
        chunk = match.group("names")
        offset = 0
        for piece in _NAME_SPLIT.split(chunk):
            at = chunk.index(piece, offset) if piece else offset
            offset = at + len(piece)
            name = piece.strip(" .()")
            if name and any(c.isalpha() for c in name):
                s = names_start + at + piece.index(name)
                found.append((role, Span(name, s, s + len(name))))
    return found


def _read_dateline(text: str, start: int, end: int, anatomy: Anatomy, lex: Lexicon) -> int:
    """Record the dateline of the first body line; return where the body starts."""
    line = text[start:end]
    for pattern in _DATELINES:
        match = pattern.match(line)
        place = match.groupdict().get("place") if match else None
        if not match or (place is not None and len(place.split()) > 4):
            continue
        group = "known" if "known" in pattern.groupindex else "outlet"
        if group == "known" and not lex.outlets(tuple(words_of(match.group("known")))):
            continue  # "Jakarta, Senin -" names no outlet
        if place is not None:
            p0 = start + match.start("place")
            anatomy.dateline = Span(place.strip(), p0, p0 + len(place.strip()))
        if "region" in pattern.groupindex and match.group("region"):
            r0 = start + match.start("region")
            anatomy.region = Span(match.group("region"), r0, match.end("region") + start)
        if "date" in pattern.groupindex:
            days = [d.value for d in find_dates(match.group("date"), 0, len(line), lex, None)]
            if not days or len(days[0]) != 10:
                continue  # "Jakarta, 45 Foo 2024 -" is no date
            anatomy.date = days[0]
        if group in pattern.groupindex and match.group(group):
            outlet = match.group(group).strip()
            o0 = start + match.start(group)
            anatomy.outlets.append(Span(outlet, o0, o0 + len(outlet)))
        return start + match.end()
    dash = _LEADING_DASH.match(line)
    return start + dash.end() if dash else start


def read_anatomy(text: str, lex: Lexicon) -> Anatomy:
    """Split an article into body spans and metadata.

    Args:
        text: the repaired article text.
        lex: the lexicon (boilerplate patterns).

    >>> from kg.extract.lexicon import load_lexicon
    >>> t = "Bogor (ANTARA) - Isi berita.\\n\\nPewarta: Ani\\nEditor : Budi"
    >>> a = read_anatomy(t, load_lexicon())
    >>> a.dateline.text, [c.name.text for c in a.credits], [t[s:e] for s, e in a.body]
    ('Bogor', ['Ani', 'Budi'], ['Isi berita.'])
    """
    anatomy = Anatomy()
    patterns = _credit_patterns(lex)
    credit_line = patterns[1]
    first = True
    for start, end in lines(text):
        line = text[start:end]
        if any(p.match(line) for p in lex.boilerplate):
            continue
        if credit_line.match(line):
            for role, span in _credit_spans(text, start, end, patterns):
                if role:
                    anatomy.credits.append(Credit(role, span))
            continue
        copyright_match = _COPYRIGHT.match(line)
        if copyright_match:
            outlet = copyright_match.group("outlet").strip(" .,")
            o0 = start + line.index(outlet)
            anatomy.outlets.append(Span(outlet, o0, o0 + len(outlet)))
            anatomy.year = copyright_match.group("year") or copyright_match.group("y1")
            continue
        body_start = start
        if first:
            first = False
            body_start = _read_dateline(text, start, end, anatomy, lex)
        if body_start < end:
            anatomy.body.append((body_start, end))
    return anatomy
