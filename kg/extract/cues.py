"""Relations said by cue phrases (``data/lexicon/cues.tsv``) and the words around them:
membership, cooperation, participation (also in the passive, by a speaker, and of an event named
before), location."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import pairwise

from kg.extract.mentions import ParsedSentence
from kg.extract.pieces import Piece
from kg.extract.relation_context import (
    Context,
    between,
    locative,
    new_relation,
    pieces_after,
    pieces_before,
    valid,
)
from kg.model.records import Relation
from kg.model.terms import EntityType


def _first(ctx: Context, pieces: list[Piece], types: set[EntityType]) -> Piece | None:
    for piece in pieces:
        entity = ctx.entity(piece)
        if entity is not None and entity.type in types:
            return piece
    return None


def _subject(
    ctx: Context, pieces: list[Piece], types: set[EntityType], nearest: bool
) -> Piece | None:
    ordered = list(reversed(pieces)) if nearest else pieces
    for piece in ordered:
        if piece.speaker or piece.rule == "nickname" or id(piece) in ctx.title_units:
            continue
        entity = ctx.entity(piece)
        if entity is not None and entity.type in types:
            return piece
    return None


_ALL = {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE}

_ORG_PLACE = {EntityType.ORGANIZATION, EntityType.PLACE}


def _as_party(ctx: Context, key: str) -> str:
    """A person signing for the region they head stands for that region."""
    entity = ctx.entities[key]
    if entity.type is EntityType.PERSON:
        return ctx.offices.get(key, key)
    return key


def cue_relations(ctx: Context, ps: ParsedSentence) -> Iterator[Relation]:
    words = ps.lower
    taken: dict[str, set[int]] = {}
    index = ctx.lex.cue_index
    for k in [k for k, word in enumerate(words) if word in index]:  # words that start a cue
        for relation, cue in index[words[k]]:
            if tuple(words[k : k + len(cue)]) != cue:
                continue
            used = taken.setdefault(relation, set())
            if k in used:
                continue
            used.update(range(k, k + len(cue)))
            yield from _one_cue(ctx, ps, relation, cue, k)


def _one_cue(
    ctx: Context, ps: ParsedSentence, relation: str, cue: tuple[str, ...], k: int
) -> Iterator[Relation]:
    after = pieces_after(ps, k + len(cue), 8)
    before = pieces_before(ps, k)
    said = _reported_from(ctx, ps, k)
    if said is not None:  # "Maria mengatakan Kota Depok bergabung ...": the clause's subject
        before = [p for p in before if p.start >= said]
    rule = "cue:" + " ".join(cue)
    cue_start, cue_end = ps.tokens[k].start, ps.tokens[k + len(cue) - 1].end
    pairs: list[tuple[Piece | None, Piece | None, float]]
    conf, phrases = ctx.conf, ctx.phrases
    if relation == "participatedIn":
        obj = _first(ctx, after, {EntityType.EVENT})
        if obj is None:  # "hadir dalam kegiatan tersebut": the event named before
            obj = _event_anaphor(ctx, ps, k + len(cue), k + len(cue) + 3)
        # the speaker takes part in the event where he speaks: "ujar Idrus dalam diskusi E"
        people = [p for p in before if (e := ctx.entity(p)) and e.type is EntityType.PERSON]
        if people:
            joined = _joined_people(ps, people, phrases.subject_joiners)
            pairs = [(person, obj, conf.participation) for person in joined]
        else:
            pairs = [(_subject(ctx, before, _ALL, nearest=False), obj, conf.participation)]
    elif relation == "locatedIn":
        obj = _first(ctx, pieces_after(ps, k + len(cue), 3), {EntityType.PLACE})
        kinds = {EntityType.EVENT, EntityType.ORGANIZATION, EntityType.PLACE}
        subj = _subject(ctx, before, kinds, nearest=True)
        pairs = [(subj, obj, conf.location)]
    elif (
        relation == "memberOf"
        and cue[0] in phrases.membership_nouns
        and (pair := _membership_of(ctx, ps, k + len(cue)))
    ):
        pairs = [(pair[0], pair[1], conf.membership)]  # "keanggotaan Kota Depok dalam Apeksi"
    elif relation == "memberOf":
        obj = _first(ctx, after[:3], {EntityType.ORGANIZATION})
        subj = _subject(ctx, before, _ALL, nearest=False)
        if subj is None and obj is not None:
            subj = _first(ctx, [p for p in ps.pieces if p.start > obj.end], _ORG_PLACE)
        if (
            subj is None
            and obj is not None
            and phrases.subject_pronouns & {t.lower for t in ps.tokens[:k]}
        ):
            subj = ctx.last_person(ps.sentence.index, obj.start)
        members = _members_listed(ctx, ps, before, subj)
        pairs = [(member, obj, conf.membership) for member in members]
    else:  # cooperatesWith
        pairs = _cooperation_pairs(ctx, ps, cue, k, before)
    for subj, obj, confidence in pairs:
        s, o = ctx.res.key_of(subj), ctx.res.key_of(obj)
        if not s or not o or subj is None or obj is None:
            continue
        if relation == "cooperatesWith":
            s, o = _as_party(ctx, s), _as_party(ctx, o)
        if valid(ctx, s, relation, o):
            start = min(subj.start, cue_start)
            end = max(obj.end, cue_end)
            yield new_relation(ps, s, relation, o, start, end, confidence, rule)


def _event_anaphor(ctx: Context, ps: ParsedSentence, start: int, end: int) -> Piece | None:
    """The event an event noun and a demonstrative between tokens start and end point back
    at ("kegiatan tersebut", "acara itu", "tengah acara ini"): the one named last before."""
    words = ps.lower[start:end]
    for n, word in enumerate(words[:-1]):
        if word in ctx.lex.event_nouns and words[n + 1] in ctx.phrases.demonstratives:
            return ctx.last_event(ps.tokens[start + n].start)
    return None


def attendance_relations(ctx: Context, ps: ParsedSentence) -> Iterator[Relation]:
    """ "Upacara Praspa ... dihadiri oleh Wakil Presiden A, Panglima TNI B ...", "Kegiatan itu
    diselenggarakan oleh Dinas X": the event before a passive word of taking part (or the one
    named last, when a noun and a demonstrative stand for it), and the persons after it (the
    first name after it may be a body or a region)."""
    words = ps.lower
    cues = ctx.phrases.passive_participation
    firsts = {c[0] for c in cues}
    for k in range(len(words)):
        if words[k] not in firsts:  # most words start no cue: test the phrases only where one may
            continue
        cue = next((c for c in cues if tuple(words[k : k + len(c)]) == c), None)
        if cue is None:
            continue
        cue_start = ps.tokens[k].start
        events = [
            p
            for p in pieces_before(ps, k)
            if (e := ctx.entity(p)) is not None and e.type is EntityType.EVENT
        ]
        event = events[-1] if events else _event_anaphor(ctx, ps, max(0, k - 4), k)
        if event is None:
            continue
        after = [p for p in pieces_after(ps, k + len(cue), len(words)) if ctx.entity(p)]
        for n, piece in enumerate(after):
            entity = ctx.entity(piece)
            if entity is None or id(piece) in ctx.title_units:
                continue
            if entity.type is not EntityType.PERSON and (n or locative(ctx, ps, piece)):
                continue
            s, o = ctx.res.key_of(piece), ctx.res.key_of(event)
            if s and o and valid(ctx, s, "participatedIn", o):
                start, end = min(event.start, cue_start), max(piece.end, cue_start)
                conf, rule = ctx.conf.participation, "cue:" + " ".join(cue)
                yield new_relation(ps, s, "participatedIn", o, start, end, conf, rule)
        return


def speaker_event_relations(ctx: Context, ps: ParsedSentence) -> Iterator[Relation]:
    """ "ujar Prabowo dalam Sidang Kabinet Paripurna": who speaks in an event takes part."""
    speakers = [p for p in ps.pieces if p.speaker and ctx.entity(p) is not None]
    if not speakers:
        return
    for piece in ps.pieces:
        event = ctx.entity(piece)
        k = ps.index_of(piece.words[0])
        if event is None or event.type is not EntityType.EVENT or k < 1:
            continue
        if ps.lower[k - 1] not in ctx.phrases.event_in:
            continue
        for speaker in speakers:
            s = ctx.res.key_of(speaker)
            if speaker.end <= piece.start and s and valid(ctx, s, "participatedIn", event.key):
                conf, rule = ctx.conf.participation, "speaker-in-event"
                yield new_relation(
                    ps, s, "participatedIn", event.key, speaker.start, piece.end, conf, rule
                )


def _joined_people(
    ps: ParsedSentence, people: list[Piece], joiners: tuple[tuple[str, ...], ...]
) -> list[Piece]:
    """The last person before a cue and the persons joined to it: "Wali Kota A X bersama Wali
    Kota B Y menghadiri ..." and "X dan Y mengikuti ..." both take part."""
    titles = {id(p.holder): p for p in ps.pieces if p.kind == "title" and p.holder is not None}
    joined = [people[-1]]
    for person in reversed(people[:-1]):
        first = titles.get(id(joined[0]), joined[0])  # the title opens the later person's phrase
        gap = tuple(t.lower for t in ps.between(person.end, first.start))
        if gap not in joiners:
            break
        joined.insert(0, person)
    return joined


def _members_listed(
    ctx: Context, ps: ParsedSentence, before: list[Piece], first: Piece | None
) -> list[Piece | None]:
    """The subject and the names listed after it: "Kota Semarang, Kota Surakarta, dan
    Kabupaten Kudus bergabung dalam ..." are each a member."""
    if first is None or first not in before:
        return [first]
    members = [first]
    for piece in before[before.index(first) + 1 :]:
        entity = ctx.entity(piece)
        if entity is None or id(piece) in ctx.title_units:
            continue
        gap = tuple(between(ps, members[-1], piece))
        if entity.type is EntityType.EVENT or gap not in ctx.phrases.list_gaps:
            break
        members.append(piece)
        if gap[-1] in ctx.phrases.list_ends:
            return list(members)  # "A, B, dan C": the list ends with its last member
    return [first]  # "Kota Bogor, Jawa Barat, bergabung ...": an apposition, not a list


def _reported_from(ctx: Context, ps: ParsedSentence, k: int) -> int | None:
    """Offset where reported speech starts before token k ("X mengatakan [bahwa] ..."), if any."""
    for j in range(k - 1, -1, -1):
        word = ps.tokens[j].lower
        if word in ctx.lex.speech_before or word in ctx.phrases.complementisers:
            return ps.tokens[j].end
    return None


def _membership_of(ctx: Context, ps: ParsedSentence, k: int) -> tuple[Piece, Piece] | None:
    after = [p for p in pieces_after(ps, k, 8) if ctx.entity(p) is not None]
    if len(after) < 2 or ps.index_of(after[0].words[0]) != k:
        return None
    member, body = after[0], after[1]
    if tuple(between(ps, member, body)) not in ctx.phrases.membership_links:
        return None
    entity = ctx.entity(body)
    if entity is None or entity.type is not EntityType.ORGANIZATION:
        return None
    return member, body


def _party(ctx: Context, piece: Piece) -> bool:
    entity = ctx.entity(piece)
    return (
        entity is not None
        and entity.type in _ORG_PLACE
        and entity.cls not in ("WorldRegion", "Venue")
    )


def _listed(ctx: Context, ps: ParsedSentence, k: int) -> list[Piece]:
    """The parties listed from token k on: "A, B, dan C" / "A dengan B" (venues allowed)."""
    found: list[Piece] = []
    for piece in pieces_after(ps, k, 16):
        entity = ctx.entity(piece)
        if entity is None or entity.type not in _ORG_PLACE or entity.cls == "WorldRegion":
            continue
        if not found:
            if ps.index_of(piece.words[0]) - k > 2:
                break
        elif tuple(between(ps, found[-1], piece)) not in ctx.phrases.list_gaps:
            break
        found.append(piece)
    return found


def _joined_pair(
    ctx: Context, ps: ParsedSentence, parties: list[Piece]
) -> tuple[Piece, Piece] | None:
    """The last two parties joined by "dan": "Pemprov Jabar dan Pemerintah Prefektur Shizuoka"."""
    for a, b in reversed(list(pairwise(parties))):
        if tuple(between(ps, a, b)) in ctx.phrases.pair_joiners:
            return a, b
    return None


def _cooperation_pairs(
    ctx: Context, ps: ParsedSentence, cue: tuple[str, ...], k: int, before: list[Piece]
) -> list[tuple[Piece | None, Piece | None, float]]:
    conf, phrases = ctx.conf, ctx.phrases
    listing = cue[-1] in phrases.between or (
        cue[0] in phrases.listing_agreement
        and (_names_agreement(ctx, cue) or _names_agreement(ctx, ps.lower[:k]))
    )
    if listing:  # "kerja sama antara A dan B", "atas kerja sama A, B, dan C"
        found = _listed(ctx, ps, k + len(cue))
        return [(a, b, conf.cooperation) for n, a in enumerate(found) for b in found[n + 1 :]]
    if cue[0] in phrases.listing_agreement:
        return []  # "ditandatangani oleh" with no agreement named before it
    near = [
        p for p in pieces_after(ps, k + len(cue), 3) if _party(ctx, p) and not locative(ctx, ps, p)
    ]
    obj = near[0] if near else None
    signers = [
        p
        for p in before
        if (e := ctx.entity(p)) and e.type is EntityType.PERSON and e.key in ctx.offices
    ]
    if obj is None and cue[-1] not in phrases.with_words and len(signers) >= 2:
        # "Wali Kota A X dan Wali Kota B Y menandatangani MoU": the two heads sign for their
        # regions
        return [(signers[-2], signers[-1], conf.cooperation_pair)]
    signer = _subject(ctx, before, {EntityType.PERSON}, nearest=False)
    if signer is not None and ctx.res.key_of(signer) in ctx.offices:
        return [(signer, obj, conf.cooperation)]
    parties = [p for p in before if _party(ctx, p) and not p.speaker and not locative(ctx, ps, p)]
    if obj is None and cue[-1] not in phrases.with_words:  # "A dan B menandatangani MoU"
        pair = _joined_pair(ctx, ps, parties)
        return [(pair[0], pair[1], conf.cooperation_pair)] if pair else []
    return [(parties[-1] if parties else None, obj, conf.cooperation)]


def _names_agreement(ctx: Context, words: Iterable[str]) -> bool:
    """Whether the words name an agreement: the cue itself ("nota kesepahaman"), the words
    before it ("Kerja sama tersebut juga telah ditandatangani oleh ..."), the few before
    "antara"."""
    return not ctx.phrases.agreement_nouns.isdisjoint(words)


def agreement_between(ctx: Context, ps: ParsedSentence) -> Iterator[Relation]:
    """ "nota kesepahaman ... kerja sama X antara A dengan B": "antara" a few words after an
    agreement noun lists the parties."""
    words = ps.lower
    phrases = ctx.phrases
    for k, word in enumerate(words):
        if word not in phrases.between:
            continue
        if not _names_agreement(ctx, words[max(0, k - 7) : k]):
            continue
        if k > 0 and words[k - 1] in phrases.agreement_cue_words:
            continue  # the plain cue already covers "kerja sama antara"
        found = _listed(ctx, ps, k + 1)
        for n, a in enumerate(found):
            for b in found[n + 1 :]:
                s, o = ctx.res.key_of(a), ctx.res.key_of(b)
                if s and o and valid(ctx, s, "cooperatesWith", o):
                    yield new_relation(
                        ps,
                        s,
                        "cooperatesWith",
                        o,
                        ps.tokens[k].start,
                        b.end,
                        ctx.conf.agreement_between,
                        "cue:agreement antara",
                    )
