"""What a rendered page read, so that after an edit it can be shown to be still right.

An edit makes stale every page of its content type: saving one article makes the home
page, the thema hubs and every detail page that lists articles stale, although most of
them do not show that article. Rendering them all again is what an editing day spends
its time on. A page is a function of what its render read: the rows its queries
returned, the values it took from the content cache (cards, counts, totals), and the
time (which the page's lifetime already bounds). So while a page is rendered, this
module records

* every query it ran, with a digest of the rows as the database returned them, and
* every value it took from the content cache, by its topics and their generation.

After an edit, the page cache (`voion_portal.core.pagecache`) runs the same queries
again: if each returns the same rows and every cached value is still of the same
generation, a render now would give the same page, and the stored one is kept. Any
doubt renders: a page that wrote to the database, read rows through a server-side
cursor or ran anything but plain reads is not recorded.

The digest is taken from the rows the page itself received (psycopg's result, which
holds them all), not from a second query afterwards: an edit committed
between the render and such a query would otherwise vouch for a page that does not
show it. On SQLite (the embedded default) nothing is recorded and pages are rendered
after an edit, as before.
"""

import contextvars
import hashlib
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections

# Statements that change nothing the page shows and need no replay.
_NEUTRAL_PREFIXES = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "SET ")
_READ_PREFIXES = ("SELECT", "WITH")


@dataclass
class Reads:
    """What one render read; `usable` False when it cannot be replayed."""

    queries: list[tuple[str, object, str]] = field(default_factory=list)
    cached: dict[tuple | None, str] = field(default_factory=dict)  # topics -> generation
    usable: bool = True
    # Of `cached`, the values that follow their topics' texts only through which items
    # match the searches the render made (`texts`): search counts, totals, result heads.
    follow_matches: set = field(default_factory=set)
    texts: set[str] = field(default_factory=set)
    started: float = field(default_factory=time.time)
    # Each topic's generation (the cards topics too) when the render started, and per
    # query the topics whose generation follows every change to the rows it read (None:
    # no topic does).
    topic_generations: dict[str, str] = field(default_factory=dict)
    query_topics: list = field(default_factory=list)

    def spoil(self) -> None:
        self.usable = False
        self.queries.clear()
        self.cached.clear()
        self.follow_matches.clear()
        self.texts.clear()


_current: contextvars.ContextVar[Reads | None] = contextvars.ContextVar(
    "voion_portal_page_reads", default=None
)
_paused: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "voion_portal_page_reads_paused", default=False
)


def supported(alias: str = DEFAULT_DB_ALIAS) -> bool:
    return connections[alias].vendor == "postgresql"


@contextmanager
def recording():
    """Record what the code inside reads; yields the `Reads` (spoiled if not supported)."""
    reads = Reads()
    if not supported():
        reads.spoil()
        yield reads
        return
    token = _current.set(reads)
    try:
        with connections[DEFAULT_DB_ALIAS].execute_wrapper(_record(reads)):
            yield reads
    finally:
        _current.reset(token)


@contextmanager
def not_recorded():
    """Queries inside are not the page's own reads: a remembered value's lookup and
    computation (the value is noted by its topics' generation, `note_cached`) and how
    long the page may be kept (a kept page keeps its first lifetime anyway)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def note_cached(topics, generation: str, follows_matches: bool = False) -> None:
    """A value taken from the content cache under `generation` of `topics` (None: all);
    `follows_matches`: it changes with its topics' texts only when which items match
    the render's searches changes (see `saved_items_matched`)."""
    reads = _current.get()
    if reads is not None and reads.usable:
        key = None if topics is None else tuple(sorted(topics))
        reads.cached[key] = generation
        if follows_matches:
            reads.follow_matches.add(key)


def note_text(text: str) -> None:
    """A search for `text` made while rendering (also inside a remembered value)."""
    reads = _current.get()
    if reads is not None and reads.usable:
        reads.texts.add(text)


_saved_items_matched = None


def check_saved_items_with(function) -> None:
    """Set by the search package (this layer does not know search): `function(apps,
    texts, since)` tells whether an item of `apps` saved since `since` (a timestamp)
    matched one of `texts` before or after a save (None: it cannot tell)."""
    global _saved_items_matched
    _saved_items_matched = function


def saved_items_matched(apps, texts, since: float) -> bool | None:
    if _saved_items_matched is None:
        return None
    return _saved_items_matched(apps, texts, since)


def _record(reads: Reads):
    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not reads.usable or _paused.get():
            return result
        statement = sql.lstrip().upper()
        if statement.startswith(_NEUTRAL_PREFIXES):
            return result
        raw = getattr(context["cursor"], "cursor", None)
        reading = statement.lstrip("( \n").startswith(_READ_PREFIXES)  # also "((SELECT …) UNION"
        if many or not reading or not _rewindable(raw):
            reads.spoil()
            return result
        # Read from the result itself: the caller's position in it does not move.
        reads.queries.append((sql, params, _digest(raw)))
        return result

    return wrapper


def _rewindable(raw) -> bool:
    # psycopg's client-side cursors hold the whole result; server-side ones do not.
    return getattr(raw, "pgresult", None) is not None and not hasattr(raw, "name")


def _digest(raw) -> str:
    """A digest of the rows in `raw`'s result, from the bytes the server sent.

    Text results are UTF-8 and never hold a NUL byte (nor 0xFF): NUL ends each value
    and 0xFF stands for SQL NULL, so no two results share the bytes digested."""
    result = raw.pgresult
    value = result.get_value
    fields = range(result.nfields)
    values = [value(row, field) for row in range(result.ntuples) for field in fields]
    joined = b"\x00".join(b"\xff" if item is None else item for item in values)
    return hashlib.blake2b(joined, digest_size=16).hexdigest()


def same_rows(queries) -> bool:
    """Whether every recorded query returns the rows it returned when recorded."""
    if not supported():
        return False
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        for sql, params, digest in queries:
            cursor.execute(sql, params)
            if _digest(cursor.cursor) != digest:
                return False
    return True
