"""Text mechanics: repairing scraped text, lines, sentences and tokens, all with offsets.

Every span here is a pair of character offsets into the article text as ingested, so facts can
point back at the exact words they came from. Repairs replace characters one for one for the
same reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.lexicon import Lexicon
from kg.model.records import Sentence

__all__ = ["Token", "lines", "repair", "sentences_with_tokens", "split_sentences", "tokenize"]

# A word runs on through "-", "'" and ".": "Liputan6.com", "M.Si", "3.100", "TEMPO.CO". A "."
# between a word of two or more characters and a capitalised word ("PKB.Menurut",
# "Ny.Rahayu") is a lost space: the dot stands alone, so it can end a sentence or an
# abbreviation (not before a domain: "Kompas.Com", "www.Detik.com").
_TOKEN = re.compile(
    r"\w+(?:[-'’]\w+|\.(?:(?<=\b\w\.)|(?!(?!Com\b)[A-Z][a-z]{2,}\b(?!\.\w)))\w+)*|[^\w\s]"
)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "`": "'"})
# Scrapers often turn curly quotes into "?": an opening one before a word at a line or clause
# start, a closing one after punctuation. Each pattern starts with the literal "?" (the
# lookbehind that checks the character before it comes after it), so the engine jumps from one
# "?" to the next instead of trying a lookbehind at every character of the article.
_OPEN_Q = re.compile(r"\?(?<![^\s(\[]\?)(?=\w)", re.MULTILINE)  # at a line start or after [\s([]
_CLOSE_Q = re.compile(r"\?(?<=[.,!;:\w]\?)(?=\s+[a-z]|\s*$|\s*\n)", re.MULTILINE)
_CLOSE_AFTER_PUNCT = re.compile(r"\?(?<=[.,!]\?)(?=[\s\"]|$)", re.MULTILINE)


_DERIVED: dict[str, tuple[str, bool, bool, bool]] = {}
_DERIVED_LIMIT = 200_000


def _derive(text: str) -> tuple[str, bool, bool, bool]:
    """A word's lower case, capital, word and all-capitals flags, computed once per word form
    (news repeats its vocabulary; the cache is emptied when it grows past a bound)."""
    first = text[:1]
    derived = (
        text.lower(),
        first.isupper(),
        first.isalnum(),
        text.isupper() and sum(c.isalpha() for c in text) >= 2,
    )
    if len(_DERIVED) >= _DERIVED_LIMIT:
        _DERIVED.clear()
    _DERIVED[text] = derived
    return derived


class Token:
    """A word or punctuation mark with its offsets in the article text.

    Immutable by convention; a plain class with slots because the parser makes and reads many
    of them (the derived attributes are computed once, here).
    """

    __slots__ = ("end", "is_cap", "is_upper", "is_word", "lower", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        derived = _DERIVED.get(text)
        if derived is None:
            derived = _derive(text)
        self.lower, self.is_cap, self.is_word, self.is_upper = derived

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


def repair(text: str) -> str:
    """Undo common scraping damage without moving any character.

    >>> repair("?Kami senang,? katanya.")
    '"Kami senang," katanya.'
    """
    text = text.translate(_QUOTES).replace("\u00a0", " ").replace("\u200b", " ")
    text = _OPEN_Q.sub('"', text)
    text = _CLOSE_AFTER_PUNCT.sub('"', text)
    return _CLOSE_Q.sub('"', text)


def lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of every non-blank line, without surrounding whitespace."""
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if stripped:
            start = match.start() + raw.index(stripped)
            yield start, start + len(stripped)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into tokens that keep their offsets in ``text``.

    >>> [t.text for t in tokenize("Wali Kota Bogor, Bima (21/7).")]
    ['Wali', 'Kota', 'Bogor', ',', 'Bima', '(', '21', '/', '7', ')', '.']
    """
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


_CLOSERS = {'"', "'", ")", "]"}
_ENDERS = {".", "!", "?"}


def _after_closers(tokens: list[Token], i: int) -> int:
    """Index after the quotes and brackets that close at tokens[i] (touching it, no space)."""
    j = i + 1
    while j < len(tokens) and tokens[j].text in _CLOSERS and tokens[j].start == tokens[j - 1].end:
        j += 1
    return j


def _is_boundary(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Whether the sentence ends after tokens[i] (a ., ! or ?, possibly followed by closers)."""
    token = tokens[i]
    if token.text not in _ENDERS:
        return False
    j = _after_closers(tokens, i)
    if j >= len(tokens):
        return True
    following = tokens[j]
    if not (following.is_cap or following.text[:1].isdigit() or following.text in {'"', "("}):
        return False
    if token.text == "." and i > 0:
        before = tokens[i - 1]
        # "H. Ahmad", "Jl. Merdeka", "Fajar R. Budiman": abbreviations and initials
        if before.lower in lex.abbreviations or (len(before.text) == 1 and before.is_cap):
            return False
    return True


def split_sentences(text: str, spans: list[tuple[int, int]], lex: Lexicon) -> list[Sentence]:
    """Split the kept lines of an article into sentences.

    Args:
        text: the (repaired) article text.
        spans: (start, end) of each line or part of a line that belongs to the body.
        lex: the lexicon (abbreviations that do not end a sentence).
    """
    return [sentence for sentence, _ in sentences_with_tokens(text, spans, lex)]


def _unglue_outlets(tokens: list[Token], forms: re.Pattern[str]) -> list[Token]:
    """Split an outlet's name off the words a scraper glued to it, offsets kept:
    "kepadadetikSulsel" -> "kepada", "detikSulsel"; "detikcomdi" -> "detikcom", "di"."""
    out: list[Token] = []
    for token in tokens:
        text = token.text
        found = forms.search(text) if len(text) > 6 and text.isalpha() else None
        at, form = (found.start(), found.group()) if found else (-1, "")
        rest = text[at + len(form) :] if at >= 0 else ""
        if at < 0 or (at == 0 and not rest) or (rest and not rest.islower()):
            out.append(token)
            continue
        start = token.start
        if at:
            out.append(Token(text[:at], start, start + at))
        out.append(Token(form, start + at, start + at + len(form)))
        if rest:
            out.append(Token(rest, start + at + len(form), token.end))
    return out


def sentences_with_tokens(
    text: str, spans: list[tuple[int, int]], lex: Lexicon
) -> list[tuple[Sentence, list[Token]]]:
    """Sentences with their tokens (the text is tokenised once)."""
    sentences: list[tuple[Sentence, list[Token]]] = []
    for span_start, span_end in spans:
        tokens = tokenize(text, span_start, span_end)
        if lex.glued_outlets is not None:
            tokens = _unglue_outlets(tokens, lex.glued_outlets)
        begin = 0
        # only a sentence ender or the span's last token can close a sentence
        closing = [i for i, token in enumerate(tokens) if token.text in _ENDERS]
        if tokens and (not closing or closing[-1] != len(tokens) - 1):
            closing.append(len(tokens) - 1)
        for i in closing:
            last = i == len(tokens) - 1
            if last or _is_boundary(tokens, i, lex):
                j = len(tokens) if last else _after_closers(tokens, i)
                if j <= begin:
                    continue
                start, end = tokens[begin].start, tokens[j - 1].end
                sentence = Sentence(len(sentences), start, end, text[start:end])
                sentences.append((sentence, tokens[begin:j]))
                begin = j
    return sentences
