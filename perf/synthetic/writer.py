"""Writing synthetic rows fast: COPY on PostgreSQL, bulk_create elsewhere.

Rows are inserted in batches; on PostgreSQL with COPY (no huge parameterised INSERT to
parse), M2M links go straight into the through tables, and each searchable row's search
vector is computed as it is inserted (with `voion_portal.search.indexing.vector_expression`,
the expression `refresh_search_vectors` uses) so no second pass rewrites the tables.
`ParallelWriter` overlaps building the next batch (Python) with writing this one
(PostgreSQL).
"""

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, transaction
from django.utils.text import slugify

from voion_portal.core.searchable import SearchIndexedMixin
from voion_portal.search.indexing import search_weights, vector_expression

BATCH = 2000
WRITERS = 2

Links = dict[str, list[int]]  # {m2m field name: [target pk, ...]} of one row


def chunks(missing: int):
    """Batch sizes that add up to `missing`."""
    for start in range(0, missing, BATCH):
        yield min(BATCH, missing - start)


def slugger(model, **scope):
    """A function giving each title a slug not yet taken in `model` (within `scope`)."""
    taken = set(model.objects.filter(**scope).values_list("slug", flat=True))
    counter = [len(taken)]

    def make(title: str) -> str:
        base = slugify(title)[:150].strip("-") or "item"
        slug = base
        while slug in taken:
            counter[0] += 1
            slug = f"{base}-{counter[0]}"
        taken.add(slug)
        return slug

    return make


def insert_rows(model, rows: list) -> None:
    """bulk_create, or on PostgreSQL COPY with ids taken from the table's sequence.

    COPY avoids parsing one huge parameterised INSERT per batch. Searchable rows go
    through a temporary staging table and get their search vector as they are
    inserted, with the expression `voion_portal.search.indexing` uses: filling it afterwards
    would rewrite every row and leave the table twice its real size. Rows get their
    pk set just like bulk_create does, so relations can be built from them.
    """
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(rows, batch_size=BATCH)
        return
    meta = model._meta
    quote = connection.ops.quote_name
    searchable = issubclass(model, SearchIndexedMixin)
    fields = [
        field
        for field in meta.concrete_fields
        if not field.primary_key and not (searchable and field.name == "search_vector")
    ]
    columns = ", ".join(quote(column) for column in [meta.pk.column, *(f.column for f in fields)])
    target = _staging_table(model) if searchable else quote(meta.db_table)
    if rows[0].pk is None:
        _reserve_ids(model, rows)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [
                        row.pk,
                        *(
                            field.get_db_prep_save(field.pre_save(row, True), connection)
                            for field in fields
                        ),
                    ]
                )
        if searchable:
            vector_sql, params = _vector_sql(model)
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns}, {quote('search_vector')}) "
                f"SELECT {columns}, {vector_sql} FROM {target} AS {quote(meta.db_table)}",
                params,
            )
            cursor.execute(f"TRUNCATE {target}")


def _reserve_ids(model, rows: list) -> None:
    """Give unsaved rows their primary keys from the table's sequence (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        for row, (pk,) in zip(rows, cursor.fetchall(), strict=True):
            row.pk = pk
            row._state.adding, row._state.db = False, connection.alias


def _staging_table(model) -> str:
    """A temporary copy of the table's columns, dropped at the end of the transaction."""
    table = model._meta.db_table
    name = connection.ops.quote_name(f"seed_{table}")
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {name} "
            f"(LIKE {connection.ops.quote_name(table)} INCLUDING DEFAULTS) ON COMMIT DROP"
        )
    return name


def _vector_sql(model) -> tuple[str, list]:
    """The SQL of `vector_expression(search_weights(model))`, over the model's own table."""
    query = model._base_manager.all().query
    expression = vector_expression(search_weights(model)).resolve_expression(query)
    sql, params = query.get_compiler(connection=connection).compile(expression)
    return sql, list(params)


def insert_pairs(relation, pairs: list[tuple[int, int]]) -> None:
    """Insert (source pk, target pk) rows into an M2M through table, fast."""
    if not pairs:
        return
    field = relation.field
    through = field.remote_field.through
    source, target = field.m2m_column_name(), field.m2m_reverse_name()
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(through._meta.db_table)
        sql = f"COPY {table} ({source}, {target}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for pair in pairs:
                copy.write_row(pair)
        return
    through.objects.bulk_create(
        [through(**{source: a, target: b}) for a, b in pairs], batch_size=BATCH
    )


def insert_links(model, rows: list, links: list[Links]) -> None:
    """Link each inserted row to the pks of its `links`, one through table at a time."""
    pairs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row, row_links in zip(rows, links, strict=True):
        for name, pks in row_links.items():
            pairs[name] += [(row.pk, pk) for pk in pks]
    for name, through_rows in pairs.items():
        insert_pairs(getattr(model, name), through_rows)


class ParallelWriter:
    """Writes batches on WRITERS extra connections while the caller builds the next batch.

    Building rows is Python work; inserting them (and computing their Dutch search
    vectors) is PostgreSQL work, so the two overlap and PostgreSQL uses both cores.
    Each batch is its own transaction. Elsewhere than on PostgreSQL, or inside an open
    transaction, batches are written in line.
    """

    def __init__(self):
        # Other connections cannot see rows of a transaction still open around us (a test,
        # a caller's atomic block): then write in line, in that transaction.
        self.parallel = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.pool = ThreadPoolExecutor(max_workers=WRITERS) if self.parallel else None
        self.pending: list = []

    def write(self, model, rows: list, links: list[Links]) -> None:
        """Insert `rows` and link each to the pks in its `links`."""
        if not self.parallel:
            self._write(model, rows, links)
            return
        while len(self.pending) >= WRITERS * 2:
            self.pending.pop(0).result()  # bound the memory in flight; re-raise errors
        self.pending.append(self.pool.submit(self._write_and_close, model, rows, links))

    def finish(self) -> None:
        try:
            for future in self.pending:
                future.result()
        finally:
            if self.pool:
                self.pool.shutdown()

    @staticmethod
    def _write(model, rows, links):
        with transaction.atomic():
            insert_rows(model, rows)
            insert_links(model, rows, links)

    def _write_and_close(self, model, rows, links):
        try:
            self._write(model, rows, links)
        finally:
            connection.close()  # this thread's own connection
