"""A learned relation classifier: which pairs of an article's entities stand in which relation.

The rules of :mod:`kg.extract.relations` are precise where the text is explicit (a title before
its holder, a dateline, a credit line) and miss most of what is said in other words. This stage
looks at every pair of entities named in one sentence, describes the pair by the words between
and around them, their types, the cue phrases of ``data/lexicon/cues.tsv``, the titles the
parser read and the rules that fired, and asks a logistic-regression model per predicate how
likely the sentence states the relation. A pair met in several sentences takes its best
sentence.

The model is trained on the train gold by ``scripts/train_relations.py`` (scikit-learn) and
shipped as ``data/models/relations.json`` (a :class:`~kg.extract.linear.LinearModel`): per
predicate, a bias, the weights of the features it uses, a threshold for pairs the rules did not
relate and a veto for those they did. Scoring is a sum of weights and a logistic function, so
the model loads in milliseconds and costs little per article.

Predicates the rules decide alone (the regional offices, author, editor, publisher) are not
learned: their rule relations pass through unchanged. For the learned ones the model keeps the
rules' relations it does not veto and adds the pairs it is sure of; the rule that fired is one
of its features. A rule relation with no candidate pair (the dateline's "Medan, Sumut") passes
through.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from kg.extract.lexicon import Lexicon
from kg.extract.linear import LinearModel
from kg.extract.mentions import ParsedSentence
from kg.extract.pieces import Piece
from kg.extract.resolve import Resolution
from kg.model.records import Entity, Relation
from kg.model.resources import resource_path
from kg.model.terms import RELATIONS, EntityType

__all__ = [
    "LEARNED",
    "MODEL_NAME",
    "Candidate",
    "candidates",
    "classify",
    "default_model",
]

MODEL_NAME = "relations.json"
LEARNED = ("headOf", "worksFor", "memberOf", "locatedIn", "cooperatesWith", "participatedIn")
_GAP_WORDS = 12  # beyond this many words between two names, only the gap's ends are features
_CONTEXT = 2  # words read on each side of the pair
_NAMES_APART = 6  # pairs are taken between names at most this many names apart
_EVENT_WINDOW = 4  # sentences between a name and an event it may have taken part in


@dataclass(frozen=True, slots=True)
class Candidate:
    """One ordered pair of entities met in one sentence, described by its features.

    Attributes:
        subject: the entity key of the would-be subject.
        object: the entity key of the would-be object.
        sentence: the sentence's index.
        start: offset where the evidence starts (the first of the two names).
        end: offset where it ends (the second name's end).
        features: the pair's feature strings (see :func:`candidates`).
    """

    subject: str
    object: str
    sentence: int
    start: int
    end: int
    features: tuple[str, ...]


def _bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 6:
        return "4-6"
    if n <= 12:
        return "7-12"
    return "13+"


def known_word(word: str, lex: Lexicon) -> str:
    """The word, lower-cased, unless it is a capitalised word that is neither ordinary
    vocabulary, a name head nor a title word: then "~C". A model that learned from a few dozen
    articles must learn the words that hold for any article, not their names."""
    lower = word.lower()
    if not word[:1].isupper() or lex.is_common(lower) or lex.heads.has_first(lower):
        return lower
    if lex.titles.has_first(lower) or lower in lex.suffix_heads or lower in lex.honorifics:
        return lower
    return "~C"


def _words_between(ps: ParsedSentence, a: Piece, b: Piece, lower: list[str]) -> list[str]:
    """The tokens between two pieces (each taken with the words it consumed), as
    :func:`known_word` gives them (``lower``: the sentence's tokens so given)."""
    end = (a.span or a.words)[-1].end
    start = (b.span or b.words)[0].start
    tokens = ps.between(end, start)
    first = ps.index_of(tokens[0]) if tokens else 0
    return lower[first : first + len(tokens)]


def _cue_hits(words: list[str], lex: Lexicon) -> set[str]:
    hits: set[str] = set()
    for k, word in enumerate(words):
        for relation, cue in lex.cue_index.get(word, ()):
            if tuple(words[k : k + len(cue)]) == cue:
                hits.add(relation)
    return hits


@dataclass(frozen=True, slots=True)
class _Named:
    """A piece that names an entity, with where it stands in its sentence."""

    piece: Piece
    entity: Entity
    first: int  # index of its first token in the sentence
    last: int  # index of its last token


class _Titles:
    """The titles of one sentence by their holders and by their units."""

    def __init__(self, ps: ParsedSentence) -> None:
        self.held: dict[int, Piece] = {}
        self.of_unit: dict[int, Piece] = {}
        for piece in ps.pieces:
            if piece.kind != "title":
                continue
            for holder in (piece.holder, *piece.co_holders):
                if holder is not None:
                    self.held[id(holder)] = piece
            if piece.unit is not None:
                self.of_unit[id(piece.unit)] = piece


class _Context:
    """What every pair of one sentence reads: its titles, its tokens as :func:`known_word`
    gives them and where its names start (computed once per sentence, not once per pair: a
    sentence of thousands of names has thousands of pairs)."""

    def __init__(self, ps: ParsedSentence, lex: Lexicon) -> None:
        self.titles = _Titles(ps)
        self.lower = [known_word(t.text, lex) for t in ps.tokens]
        self.name_starts = sorted(p.start for p in ps.pieces if p.kind != "title")

    def names_between(self, end: int, start: int) -> int:
        """How many names start after offset ``end`` and before offset ``start``."""
        if start <= end:
            return 0
        return bisect_left(self.name_starts, start) - bisect_right(self.name_starts, end)


def _title_words(title: Piece) -> str:
    return " ".join(w.lower for w in title.words)


def _pair_features(
    ps: ParsedSentence,
    s: _Named,
    o: _Named,
    context: _Context,
    rules: dict[tuple[str, str], set[str]],
    lex: Lexicon,
) -> list[str]:
    first, second = (s, o) if s.first <= o.first else (o, s)
    order = "so" if first is s else "os"
    titles, lower = context.titles, context.lower
    between = _words_between(ps, first.piece, second.piece, lower)
    features = [
        f"order={order}",
        f"types={s.entity.type.value}>{o.entity.type.value}",
        f"cs={s.entity.cls}",
        f"co={o.entity.cls}",
        f"dist={_bucket(len(between))}",
        f"sh={known_word(s.piece.words[0].text, lex)}",
        f"oh={known_word(o.piece.words[0].text, lex)}",
        f"ol={known_word(o.piece.words[-1].text, lex)}",
    ]
    types = f"{s.entity.type.value}>{o.entity.type.value}"
    if len(between) <= 5:
        features.append(f"gap={order}:{' '.join(between)}")
        features.append(f"tgap={order}:{' '.join(between)}|{types}")
    if len(between) <= _GAP_WORDS:
        features += [f"b={w}" for w in set(between)]
    else:
        features += [f"bf={w}" for w in between[:4]] + [f"bl={w}" for w in between[-4:]]
    if between:
        features += [f"b0={between[0]}", f"b-1={between[-1]}"]
    names_between = context.names_between(first.piece.end, second.piece.start)
    features.append(f"nb={_bucket(names_between)}")
    features += _geography(s.entity, o.entity, lex)
    for n in range(1, _CONTEXT + 1):
        left, right = first.first - n, second.last + n
        features.append(f"l{n}={lower[left] if left >= 0 else '<s>'}")
        features.append(f"r{n}={lower[right] if right < len(lower) else '</s>'}")
    for role, named in (("s", s), ("o", o)):
        k = named.first
        features.append(f"{role}prev={lower[k - 1] if k > 0 else '<s>'}")
        if named.piece.speaker:
            features.append(f"{role}speaker")
        title = titles.held.get(id(named.piece))
        if title is not None:
            features.append(f"{role}title={_title_words(title)}")
            if title.title is not None and title.title.relation:
                features.append(f"{role}titlerel={title.title.relation}")
            if title.unit is not None and (o if role == "s" else s).piece is title.unit:
                features.append(f"{role}title-unit-is-other")
        unit_of = titles.of_unit.get(id(named.piece))
        if unit_of is not None:
            features.append(f"{role}unit-of={_title_words(unit_of)}")
    raw = ps.lower  # cues are matched on the words as written
    features += [f"cue-b={r}" for r in _cue_hits(raw[first.last + 1 : second.first], lex)]
    window = raw[max(0, first.first - 6) : first.first]
    features += [f"cue-l={r}" for r in _cue_hits(window, lex)]
    features += [f"rule={p}" for p in rules.get((s.entity.key, o.entity.key), ())]
    features += [f"rrule={p}" for p in rules.get((o.entity.key, s.entity.key), ())]
    return features


_LEVEL = {
    "WorldRegion": 0,
    "Country": 1,
    "Province": 2,
    "Regency": 3,
    "City": 3,
    "District": 4,
    "Village": 5,
}


def _ancestors(ident: str | None, lex: Lexicon) -> set[str]:
    seen: set[str] = set()
    while ident and ident not in seen:
        seen.add(ident)
        known = lex.regions.get(ident)
        ident = known.parent if known else None
    return seen


def _region_code(entity: Entity) -> str | None:
    """The Kemendagri code of a region, or of the region a body is bound to."""
    ident = entity.ident or ""
    if ident.startswith("kemendagri:"):
        return ident
    code = ident.rpartition(":kemendagri:")[2]
    return f"kemendagri:{code}" if code else None


def _geography(s: Entity, o: Entity, lex: Lexicon) -> list[str]:
    """What the gazetteer says of the pair: levels, and whether o contains s."""
    features = []
    if s.type is EntityType.PLACE and o.type is EntityType.PLACE:
        ls, lo = _LEVEL.get(s.cls), _LEVEL.get(o.cls)
        if ls is not None and lo is not None:
            features.append("lvl=" + ("up" if lo < ls else "same" if lo == ls else "down"))
        else:
            features.append(f"lvl=unknown:{ls is None}:{lo is None}")
    inner, outer = _region_code(s), o.ident
    if inner and outer:
        within = outer in _ancestors(inner, lex) and outer != inner
        features.append("gaz=contains" if within else "gaz=apart")
    return features


def _named_pieces(ps: ParsedSentence, resolution: Resolution) -> list[_Named]:
    entities = {e.key: e for e in resolution.entities}
    named: list[_Named] = []
    seen: set[tuple[str, int]] = set()
    for piece in ps.pieces:
        if piece.kind == "title":
            continue
        key = resolution.key_of(piece)
        entity = entities.get(key) if key else None
        first, last = ps.index_of(piece.words[0]), ps.index_of(piece.words[-1])
        if entity is None or first < 0 or last < 0 or (entity.key, first) in seen:
            continue
        seen.add((entity.key, first))
        named.append(_Named(piece, entity, first, last))
    return named


def _fits(predicate: str, subject: Entity, obj: Entity) -> bool:
    spec = RELATIONS[predicate]
    return subject.type in spec.subjects and obj.type in spec.objects


def candidates(
    parsed: list[ParsedSentence],
    resolution: Resolution,
    rule_relations: Iterable[Relation],
    lex: Lexicon,
    predicates: Iterable[str] = LEARNED,
) -> list[Candidate]:
    """Every ordered pair of distinct entities named in one sentence, at most a few names
    apart, that the types of one of ``predicates`` (by default every learned one) allow,
    with its features; and, when ``participatedIn`` is among them, the pairs of a name with
    an event named in another sentence.

    Features: the order of the two names; their types and classes; the words between them
    (each word, the gap's first and last word, the whole gap when short); how far apart they
    are and how many names stand between; two words each side of the pair; the word before
    each name; the title each holds and the title each is the unit of; whether each is the
    speaker of the sentence; the relations of the cue lexicon met between them and just before
    the pair; the rule relations already found between them, in either direction.
    """
    wanted = tuple(predicates)
    rules: dict[tuple[str, str], set[str]] = {}
    for relation in rule_relations:
        rules.setdefault((relation.subject, relation.object), set()).add(relation.predicate)
    out: list[Candidate] = []
    for ps in parsed:
        named = _named_pieces(ps, resolution)
        if len(named) < 2:
            continue
        context = _Context(ps, lex)
        for i, s in enumerate(named):
            # only names a few names apart: linear in the sentence's length (a list of
            # thousands of names must not make millions of pairs)
            for o in named[max(0, i - _NAMES_APART) : i + _NAMES_APART + 1]:
                if s.entity.key == o.entity.key:
                    continue
                if not any(_fits(p, s.entity, o.entity) for p in wanted):
                    continue
                features = _pair_features(ps, s, o, context, rules, lex)
                start = min(s.piece.start, o.piece.start)
                end = max(s.piece.end, o.piece.end)
                out.append(
                    Candidate(
                        s.entity.key,
                        o.entity.key,
                        ps.sentence.index,
                        start,
                        end,
                        tuple(features),
                    )
                )
    if "participatedIn" in wanted:
        out += _event_discourse(parsed, resolution, lex)
    return out


def _event_discourse(
    parsed: list[ParsedSentence], resolution: Resolution, lex: Lexicon
) -> list[Candidate]:
    """Who takes part in an event named in another sentence: "Upacara X digelar di Y. ...
    Hadir pula Bupati Z." Each person, body or place named in a sentence that names no event
    is paired with each event named within a few sentences of it, described by how far the
    event is, how many events the article names, the sentence's words and cues, and whether
    the name speaks or holds a title there (features marked ``x:``)."""
    named = [_named_pieces(ps, resolution) for ps in parsed]
    seen: dict[str, list[int]] = {}
    for k, names in enumerate(named):
        for n in names:
            if n.entity.type is EntityType.EVENT:
                seen.setdefault(n.entity.key, []).append(k)
    if not seen:
        return []
    out: list[Candidate] = []
    count = f"x:events={_bucket(len(seen))}"
    for k, (ps, names) in enumerate(zip(parsed, named, strict=True)):
        if any(n.entity.type is EntityType.EVENT for n in names):
            continue
        context = _sentence_features(ps, lex)
        titles = _Titles(ps)
        for n in names:
            if n.entity.type is EntityType.EVENT or id(n.piece) in titles.of_unit:
                continue
            own = [f"x:type={n.entity.type.value}"]
            if n.piece.speaker:
                own.append("x:speaker")
            if id(n.piece) in titles.held:
                own.append(f"x:title={_title_words(titles.held[id(n.piece)])}")
            for event, sentences in seen.items():
                nearest = min(sentences, key=lambda j: abs(j - k))
                if abs(nearest - k) > _EVENT_WINDOW:
                    continue
                where = "before" if nearest < k else "after"
                features = [
                    count,
                    f"x:dist={where}{abs(nearest - k)}",
                    f"x:mentions={_bucket(len(sentences))}",
                    *own,
                    *context,
                ]
                if min(sentences) == min(min(v) for v in seen.values()):
                    features.append("x:first-event")
                out.append(
                    Candidate(
                        n.entity.key,
                        event,
                        ps.sentence.index,
                        n.piece.start,
                        n.piece.end,
                        tuple(features),
                    )
                )
    return out


def _sentence_features(ps: ParsedSentence, lex: Lexicon) -> list[str]:
    """The words of a sentence (names as shapes) and the cue relations met in it."""
    words = {known_word(t.text, lex) for t in ps.tokens if t.is_word}
    features = [f"x:w={w}" for w in sorted(words) if w != "~C"]
    features += [f"x:cue={r}" for r in sorted(_cue_hits(ps.lower, lex))]
    return features


@cache
def default_model() -> LinearModel:
    """The packaged model, loaded on first use (once per process).

    Raises:
        ResourceError: the packaged model is missing or unreadable.
    """
    return LinearModel.load(resource_path("models", MODEL_NAME))


def _scored(
    found: list[Candidate], resolution: Resolution, model: LinearModel
) -> Iterator[tuple[str, Candidate, float]]:
    entities = {e.key: e for e in resolution.entities}
    for candidate in found:
        subject, obj = entities[candidate.subject], entities[candidate.object]
        for predicate in LEARNED:
            if predicate in model.weights and _fits(predicate, subject, obj):
                yield predicate, candidate, model.probability(predicate, candidate.features)


def _key(subject: str, predicate: str, obj: str) -> tuple[str, str, str]:
    if RELATIONS[predicate].symmetric and obj < subject:
        return (obj, predicate, subject)
    return (subject, predicate, obj)


def classify(
    parsed: list[ParsedSentence],
    resolution: Resolution,
    rule_relations: list[Relation],
    lex: Lexicon,
    model: LinearModel | None = None,
) -> list[Relation]:
    """The article's relations: the rules' relations the model does not veto, and the pairs the
    model finds on its own.

    For each learned predicate the model scores every candidate pair (a pair met in several
    sentences takes its best one). A pair a rule already relates keeps the rule's relation (its
    evidence, role and qualifiers) unless its probability falls below the predicate's ``veto``;
    another pair is added when its probability reaches the predicate's ``threshold``. Rule
    relations the model does not judge (predicates not learned, pairs in no sentence together)
    pass through.
    """
    model = model or default_model()
    # only the pairs a kept predicate can score: describing the others is wasted work
    kept = [p for p in LEARNED if p in model.weights]
    found = candidates(parsed, resolution, rule_relations, lex, kept)
    best: dict[tuple[str, str, str], tuple[float, Candidate]] = {}
    for predicate, candidate, p in _scored(found, resolution, model):
        key = _key(candidate.subject, predicate, candidate.object)
        if key not in best or p > best[key][0]:
            best[key] = (p, candidate)
    out: list[Relation] = []
    ruled: dict[tuple[str, str, str], Relation] = {}
    for relation in rule_relations:
        key = _key(relation.subject, relation.predicate, relation.object)
        if key in best:  # the model judges it
            ruled[key] = relation
        else:
            out.append(relation)
    for key, (p, candidate) in best.items():
        predicate = key[1]
        rule = ruled.get(key)
        if rule is not None:
            if p >= model.veto[predicate]:
                out.append(rule)
            continue
        if p >= model.threshold[predicate]:
            out.append(
                Relation(
                    candidate.subject,
                    predicate,
                    candidate.object,
                    candidate.sentence,
                    candidate.start,
                    candidate.end,
                    round(p, 3),
                    f"model:{model.name}",
                )
            )
    return sorted(out, key=lambda r: (r.sentence, r.start, r.predicate, r.subject, r.object))
