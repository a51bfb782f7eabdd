"""Copies of one article: exact and near copies, their clusters and the canonical copy of each.

``assign(store, records)`` runs before a batch is written: it finds each record's copies among the
stored records (exact normalized-body hash, then LSH candidates verified by a direct shingle
similarity) and in the batch itself, puts it in a cluster, picks the cluster's canonical copy and
its story. It returns the stored records whose ``duplicates`` changed (a new copy became canonical,
two clusters merged), to be written in the same batch.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, fields
from operator import itemgetter

from ..errors import StoreError
from ..record import Duplicates, Record
from ..store.base import Store
from . import index
from .index import Member, PendingWrites
from .minhash import (
    MIN_BANDS,
    PARAMS,
    Fingerprint,
    Shingled,
    estimate_jaccard,
    record_fingerprint,
    shingled,
    similarities,
)

logger = logging.getLogger(__name__)

# Chosen by measurement on tests/dedupe/corpus.py (seed reprints against each other and against
# same-topic articles): copies, including a first half against a paragraph-dropped copy, score
# J ≥ 0.41 and containment ≥ 0.60; different articles score J ≤ 0.054 and containment ≤ 0.17.
JACCARD_MIN = 0.35
CONTAINMENT_MIN = 0.7
CONTAINMENT_JACCARD_FLOOR = 0.15  # a short item quoted inside a long round-up is not a copy of it
# LSH candidates are read in full only when their signatures estimate at least this much (2.5 standard
# deviations of a 128-value estimate below JACCARD_MIN); cut reprints pass on the containment estimate.
ESTIMATE_MIN = 0.25
SEEN_MAX = 5000  # stored candidates' shingles kept for reuse within a batch (~4 KB each for a 1,000-character body)
MEMBERS_MAX = 100_000  # stored cluster members kept for reuse within a batch (the store does not change in it)
MIN_CHARS = 50  # below this many normalized characters only exact copies count
COMPLETE_SHARE = 0.9  # a copy this close to the longest counts as complete
PREFETCH = 100  # records whose index rows are fetched together

_CREDIT = re.compile(r"(?:来源|稿源|转自|转载自|原载|出处|文章来源|本文来源)\s*[:：]\s*"
                     r"([^\s，,。;；|｜/()（）【】]{2,20})")


def credited_outlet(text: str) -> str | None:
    """The outlet a reprint credits ("来源：经济日报"), looked for at the head and the tail of the body."""
    for part in (text[:400], text[-400:]):
        m = _CREDIT.search(part)
        if m:
            return m.group(1)
    return None


def record_credit(r: Record) -> str | None:
    """The outlet ``r`` credits: in its body, else the one its credit lines named (the clean stage moved them to
    ``meta["sources"]``: 来源：经济日报 on a reprint's page)."""
    sources = r.meta.get("sources") or ()
    return credited_outlet(r.text) or (sources[0] if sources else None)


def compare(a: Shingled, b: Shingled) -> tuple[float, float]:
    """Direct similarity of two bodies: (Jaccard, containment) of their shingle sets."""
    if a.body_hash == b.body_hash:
        return 1.0, 1.0
    return similarities(a.shingles, b.shingles)


def copy_kind(a: Shingled, b: Shingled, j: float, c: float) -> str | None:
    """"same" (whole-article copy), "part" (one holds the other: a cut reprint) or None."""
    if a.body_hash == b.body_hash:
        return "same"
    if min(a.chars, b.chars) < MIN_CHARS:
        return None
    if j >= JACCARD_MIN:
        return "same"
    if c >= CONTAINMENT_MIN and j >= CONTAINMENT_JACCARD_FLOOR:
        return "part"
    return None


def is_copy(a: Shingled, b: Shingled) -> tuple[bool, float]:
    """Direct check of a candidate pair: (copy?, similarity = the larger of Jaccard and containment)."""
    j, c = compare(a, b)
    return copy_kind(a, b, j, c) is not None, max(j, c)


def plausible(fp: Fingerprint, signature, shingles: int) -> bool:
    """Cheap pre-check from signatures: estimated Jaccard or containment high enough to verify."""
    j = estimate_jaccard(fp.signature, signature)
    if j >= ESTIMATE_MIN:
        return True
    smaller = min(len(fp.shingles), shingles) or 1
    return j * (len(fp.shingles) + shingles) / (1 + j) / smaller >= CONTAINMENT_MIN - 0.2


def _outlet_match(source: str | None, credits: set[str]) -> bool:
    return bool(source) and any(source in c or c in source for c in credits)


def choose_canonical(members: Sequence[Member]) -> Member:
    """The original outlet when a copy credits it, else a copy that credits none, else the most complete,
    earliest copy."""
    return min(members, key=canonical_key({m.credit for m in members if m.credit}, max(m.chars for m in members)))


def canonical_key(credits: set[str] | frozenset[str], longest: int) -> Callable[[Member], tuple]:
    """The order of ``choose_canonical`` in a cluster whose members credit ``credits`` and whose longest
    normalized body has ``longest`` characters (smallest first)."""

    def key(m: Member) -> tuple:
        # the credited outlet's own copy first; then a copy that credits no outlet before one that credits
        # another (来源：经济日报 on a reprint's page): the page of a reprint names where it came from
        origin = _outlet_match(m.source, credits) and m.credit in (None, m.source)
        return (not origin, m.credit is not None, m.chars < COMPLETE_SHARE * longest,
                (m.published_at or "9999")[:10], m.order, m.record_id)

    return key


@dataclass(frozen=True)
class _Settled:
    """A cluster as a settle of it alone left it in this batch: every member linked to ``canonical`` and
    ``story``; what the canonical choice needs of the members (their credits and longest body)."""

    canonical: Member
    credits: frozenset[str]
    longest: int
    story: str | None


@dataclass
class _Pending:
    record: Record
    fp: Fingerprint
    member: Member
    cluster: str


class Assigner:
    """Cluster and story assignment for one batch; reads the store, writes nothing itself."""

    def __init__(self, store: Store, stories: bool = True):
        self.store = store
        self.writes = PendingWrites()
        self.pending: dict[str, _Pending] = {}
        self.pending_bands: dict[int, list[str]] = {}  # LSH index of the batch itself
        self.pending_body: dict[str, list[str]] = {}
        self.by_cluster: dict[str, set[str]] = {}  # cluster -> pending members
        self.extra: dict[str, Record] = {}  # stored records whose duplicates or story changed
        self.loaded: dict[str, Record] = {}
        self.seen: dict[str, Shingled | None] = {}  # stored candidates already read in this batch
        self.members: dict[str, list[tuple]] = {}  # stored members of a cluster (Member fields), read this batch
        self.settled: dict[str, _Settled] = {}  # clusters whose members are all linked, and to what
        self.known: dict[str, index.Doc] = {}
        self.exact: dict[str, list[index.Doc]] = {}
        self.near: dict[str, list[index.Doc]] = {}
        self.stories = stories
        from .stories import StoryMatcher

        self.story_matcher = StoryMatcher(self.writes)

    def run(self, records: Sequence[Record]) -> list[Record]:
        live = [r for r in records if r.status == "ok" and r.text.strip()]
        with self.store.engine.connect() as conn:
            for start in range(0, len(live), PREFETCH):
                part = live[start:start + PREFETCH]
                fps = {r.id: record_fingerprint(r) for r in part}
                # what the index holds for these records, in three queries (it does not change until put);
                # a slice at a time, so memory follows the slice and its candidates, not the whole batch
                self.known = index.get_docs(conn, list(fps))
                self.exact = index.by_body_hashes(conn, [fp.body_hash for fp in fps.values()])
                self.near = index.band_candidates(conn, {rid: fp.bands for rid, fp in fps.items()})
                for r in part:
                    self._assign(conn, r, fps[r.id])
        index.stash(self.store, self.writes)
        return [r for rid, r in self.extra.items() if rid not in self.pending]

    # --- matching -----------------------------------------------------------------------------
    def _matches(self, conn, r: Record, fp: Fingerprint) -> list[tuple[str, str, float, float, str]]:
        """(record id, cluster, similarity, Jaccard, kind) of verified copies, stored and pending."""
        found: dict[str, tuple[str, float, float, str]] = {}
        for d in self.exact.get(fp.body_hash, ()):
            if d.record_id != r.id and d.record_id not in self.pending:
                found[d.record_id] = (d.cluster_id, 1.0, 1.0, "same")
        keys = set(fp.bands)
        stored = [d for d in self.near.get(r.id, ()) if d.record_id != r.id and d.record_id not in found
                  and d.record_id not in self.pending and d.params == PARAMS and plausible(fp, d.signature, d.shingles)]
        self._read_stored(conn, [d.record_id for d in stored])
        for d in stored:
            other = self.seen.get(d.record_id)
            if other is None:
                continue
            j, c = compare(fp, other)
            kind = copy_kind(fp, other, j, c)
            if kind:
                found[d.record_id] = (d.cluster_id, max(j, c), j, kind)
        shared = Counter(rid for k in keys for rid in self.pending_bands.get(k, ()))
        near = {rid for rid, n in shared.items() if n >= MIN_BANDS}
        near.update(self.pending_body.get(fp.body_hash, ()))
        for rid in sorted(near - {r.id}):
            p = self.pending[rid]
            j, c = compare(fp, p.fp)
            kind = copy_kind(fp, p.fp, j, c)
            if kind:
                found[rid] = (p.cluster, max(j, c), j, kind)
        return [(rid, *v) for rid, v in found.items()]

    def _read_stored(self, conn, record_ids: list[str]) -> None:
        """Shingle the stored candidates not yet seen in this batch, their bodies read in one query."""
        new = [rid for rid in record_ids if rid not in self.seen]
        if not new:
            return
        if len(self.seen) + len(new) > SEEN_MAX:  # bounded: memory must not follow the number of candidates
            self.seen.clear()
            new = list(dict.fromkeys(record_ids))
        bodies = index.record_texts(conn, new)
        for rid in new:
            self.seen[rid] = shingled(bodies[rid]) if rid in bodies else None

    def _assign(self, conn, r: Record, fp: Fingerprint) -> None:
        credit = record_credit(r)
        self.writes.credits[r.id] = credit
        known = self.known.get(r.id) if r.id not in self.pending else None
        if known is not None and known.body_hash == fp.body_hash and known.params == PARAMS:
            cluster, similarity, clusters = known.cluster_id, known.similarity, {known.cluster_id}
        else:
            matches = self._matches(conn, r, fp)
            if matches:
                # the closest whole copy decides; only whole copies (not a shared passage) merge clusters
                best = max(matches, key=lambda m: (m[3], m[2], m[0]))
                cluster, similarity = best[1], best[2]
                clusters = {cluster} | {m[1] for m in matches if m[4] == "same"}
            else:
                cluster, similarity, clusters = r.id, 1.0, {r.id}
        order = 10**12 + len(self.pending)  # after every stored doc
        member = Member(r.id, fp.chars, credit, r.source, r.published_at, order, similarity, r.story)
        if known is not None:
            member.order = known.doc
            member.story_id = member.story_id or index.record_story(conn, r.id)
        self.pending[r.id] = _Pending(r, fp, member, cluster)
        for k in fp.bands:
            self.pending_bands.setdefault(k, []).append(r.id)
        self.pending_body.setdefault(fp.body_hash, []).append(r.id)
        self.by_cluster.setdefault(cluster, set()).add(r.id)
        self._settle(conn, cluster, clusters, r)

    # --- clusters -----------------------------------------------------------------------------
    def _settle(self, conn, cluster: str, clusters: set[str], r: Record) -> None:
        """Put every member of the matched clusters under ``cluster`` and point them at its canonical."""
        if r.id in self.known:  # a stored record again: it leaves its stored cluster's member list
            self.settled.clear()
        elif clusters == {cluster} and self._join(conn, cluster, r):
            return
        for c in clusters:
            self.settled.pop(c, None)
        lonely = clusters == {r.id} and r.id not in self.known  # a new cluster has no stored members
        stored = [] if lonely else [m for m in self._stored_members(conn, clusters) if m.record_id not in self.pending]
        for m in stored:
            if m.record_id in self.loaded and self.loaded[m.record_id].story:
                m.story_id = self.loaded[m.record_id].story
        ids = {r.id}.union(*(self.by_cluster.pop(c, set()) for c in clusters))
        pend = [self.pending[rid] for rid in sorted(ids)]
        for p in pend:
            p.cluster = cluster
        self.by_cluster[cluster] = ids
        members = stored + [p.member for p in pend]
        canonical = choose_canonical(members)
        story = next((m.story_id for m in members if m.story_id), None)
        if story is None and self.stories:
            story = self.story_matcher.match(conn, self._record(conn, canonical.record_id) or r)
        elif story is not None and self.stories and len(members) > 1:
            self.story_matcher.add_outlet(conn, story, r)
        head = canonical.record_id
        for m in members:
            sim = round(m.similarity, 4) if m.similarity is not None else None
            if m.record_id not in self.pending and m.record_id not in self.loaded and _holds(
                    m, cluster, head, sim, story):
                m.story_id = story  # its stored links are these already: nothing to read or rewrite
                continue
            rec = self._record(conn, m.record_id)
            if rec is None:
                continue
            self._link(m, rec, cluster, head, sim, story)
        if clusters == {cluster} and r.id not in self.known:
            credits = frozenset(m.credit for m in members if m.credit)
            self.settled[cluster] = _Settled(canonical, credits, max(m.chars for m in members), story)

    def _join(self, conn, cluster: str, r: Record) -> bool:
        """Settle a new record joining a settled cluster in O(1) when the cluster's canonical and story stay
        (``_settle`` would find every other member linked already); False when the whole settle must run."""
        s = self.settled.get(cluster)
        x = self.pending[r.id].member
        if s is None or s.story is None or (x.credit and x.credit not in s.credits) or x.chars > s.longest:
            return False  # the credits or the longest body change: every member's rank may change
        if x.story_id and x.story_id != s.story:
            return False  # it may come first among the members that name a story
        if min((s.canonical, x), key=canonical_key(s.credits, s.longest)) is x:
            return False  # it becomes the canonical: every member is relinked
        if self.stories:
            self.story_matcher.add_outlet(conn, s.story, r)
        sim = round(x.similarity, 4) if x.similarity is not None else None
        self._link(x, r, cluster, s.canonical.record_id, sim, s.story)
        return True

    def _link(self, m: Member, rec: Record, cluster: str, head: str, sim: float | None, story: str | None) -> None:
        """Point ``rec`` (member ``m``) at the cluster's canonical and story; a changed stored record is kept
        to be rewritten."""
        if not _linked(rec, cluster, head, sim, story):
            rec.duplicates = Duplicates(cluster=cluster, canonical=head, is_canonical=m.record_id == head,
                                        similarity=sim)
            if story is not None:
                rec.story = story
            if m.record_id not in self.pending:
                self.extra[m.record_id] = rec
        m.story_id = story

    def _stored_members(self, conn, clusters: set[str]) -> list[Member]:
        """Fresh copies of the stored members of these clusters in index order, each cluster read once a batch
        (a growing cluster was read whole for every record that joined it)."""
        missing = [c for c in clusters if c not in self.members]
        if missing:
            if sum(map(len, self.members.values())) > MEMBERS_MAX:  # bounded like ``seen``
                self.members.clear()
                missing = list(clusters)
            for c in missing:
                self.members[c] = []
            for m in index.cluster_members(conn, missing):  # kept as rows: each settle mutates its copies
                self.members[m.cluster_id or ""].append(astuple(m))
        found = [row for c in clusters for row in self.members[c]]
        found.sort(key=itemgetter(_ORDER))  # the doc number: the order cluster_members gives
        return [Member(*row) for row in found]

    def _record(self, conn, record_id: str) -> Record | None:
        if record_id in self.pending:
            return self.pending[record_id].record
        if record_id not in self.loaded:
            rec = index.load_record(conn, record_id)
            if rec is None:
                return None
            self.loaded[record_id] = rec
        return self.loaded[record_id]


_ORDER = [f.name for f in fields(Member)].index("order")


def _linked(rec: Record, cluster: str, canonical: str, similarity: float | None, story: str | None) -> bool:
    """Whether ``rec`` already has these links: ``rec.duplicates == Duplicates(…)`` field by field (the
    model's own comparison costs more than all the rest of a settle for a cluster of thousands)."""
    d = rec.duplicates
    return (d is not None and d.cluster == cluster and d.canonical == canonical
            and d.is_canonical == (rec.id == canonical) and d.similarity == similarity
            and (story is None or rec.story == story))


def _holds(m: Member, cluster: str, canonical: str, similarity: float | None, story: str | None) -> bool:
    """Whether a stored member's record, not read in this batch, already links to this cluster, canonical and
    story with this similarity: its stored columns are written from those fields of its record (a record
    without links has no canonical column)."""
    return (m.canonical_id is not None and m.cluster_id == cluster and m.canonical_id == canonical
            and m.similarity == similarity and (story is None or m.story_id == story))


def assign(store: Store, records: Sequence[Record], stories: bool = True) -> list[Record]:
    """Set ``duplicates`` and ``story`` on each record; return stored records that must be rewritten."""
    index.register()
    try:
        return Assigner(store, stories).run(records)
    except StoreError:
        raise
    except Exception:  # a dedupe bug must not lose the batch: store it unlinked; `zhiku dedupe rebuild` relinks
        logger.exception("dedupe failed on a batch of %d records (first %s); stored without links",
                         len(records), records[0].id if records else "-")
        return []


def rebuild(store: Store, batch_size: int = 200) -> dict[str, int]:
    """Drop the dedupe index, clusters and stories and assign every stored record again, oldest first.

    Run after changing a threshold or the shingle parameters; memory holds one batch and the id list. Other
    writers wait for the store's writer lock until it is done.
    """
    with store.writing():
        return _rebuild(store, batch_size)


def _rebuild(store: Store, batch_size: int) -> dict[str, int]:
    from sqlalchemy import delete, select

    from ..store import schema
    from . import tables as t

    with store.engine.begin() as conn:
        for table in (t.story_terms, t.stories, t.dedupe_clusters, t.dedupe_bands, t.dedupe_docs):
            conn.execute(delete(table))
    with store.engine.connect() as conn:
        ids = list(conn.execute(select(schema.records.c.id)
                                .order_by(schema.records.c.created_at, schema.records.c.id)).scalars())
    done = 0
    for start in range(0, len(ids), batch_size):
        chunk = ids[start:start + batch_size]
        rank = {rid: i for i, rid in enumerate(chunk)}
        batch = sorted(store.iter_records(ids=chunk), key=lambda r: rank[r.id])
        for r in batch:
            r.duplicates = None
            r.story = None
        index.register()
        assigner = Assigner(store)
        relinked = assigner.run(batch)
        put = store.put_records([*batch, *relinked])
        if put.unchanged:  # records whose links came out as before: the write hook did not see them
            same = set(put.unchanged)
            with store.engine.begin() as conn:
                index.index_records(conn, [r for r in batch if r.id in same], assigner.writes)
                index.write_stories(conn, assigner.writes.stories)
        done += len(batch)
    with store.engine.connect() as conn:
        from sqlalchemy import func

        clusters = conn.execute(select(func.count()).select_from(t.dedupe_clusters)).scalar_one()
        stories = conn.execute(select(func.count()).select_from(t.stories)).scalar_one()
    logger.info("dedupe rebuild on %s: %d records, %d clusters, %d stories", store.safe_url, done, clusters, stories)
    return {"records": done, "clusters": clusters, "stories": stories}
