"""The site-wide search page's overview: the best matches of every type at once."""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models
from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe

from voion_portal.core import registry
from voion_portal.core.caching import remember_many
from voion_portal.search import postgres_sql
from voion_portal.search.indexing import has_publication
from voion_portal.search.postgres import (
    _COMPILED_MOMENT,
    _cannot_match,
    _planner_estimates,
    _ranks_newest_only,
    _search_query,
    _sql,
    _walk_dates,
    _whole_words_query,
)
from voion_portal.search.query import LITERAL_WEIGHT, query_variants
from voion_portal.search.snippets import (
    _compiled,
    _headline_sql,
    _marked_html,
    _plain,
    _snippet_query,
    rows_with_snippets,
)
from voion_portal.search.spelling import corrected_query
from voion_portal.search.sqlite import matches


@dataclass(frozen=True)
class SearchType:
    """One kind of content the site-wide search covers."""

    label: str
    # The items the public may see at a moment (by default now), e.g.
    # `lambda at=None: Artikel.objects.published(at)`.
    queryset: Callable[..., models.QuerySet]
    # The texts a snippet is cut from (the title is shown as the link).
    snippet_fields: tuple[str, ...]
    # The plan a step or an activity belongs to (a foreign key), named next to its title.
    parent: str = ""
    # The field a result is shown by.
    title_field: str = "titel"
    # Whether what the public sees depends on the moment (drafts, scheduled items).
    has_publication: bool = True
    # What the model's `search_facts()` reads besides its own columns.
    facts_prefetch: tuple[str, ...] = ()

    @functools.cached_property
    def model(self):
        return self.queryset().model

    @functools.cached_property
    def parent_model(self):
        return self.model._meta.get_field(self.parent).related_model if self.parent else None

    @functools.cached_property
    def capped(self) -> bool:
        return _ranks_newest_only(self.model)

    def visible_sql(self, now) -> tuple[str, tuple]:
        """SQL for what the public may see at `now`: the id as `pk`, the vector and, for a
        capped type, the publication date."""
        sql, params, marker = self._visible_sql
        moment = connection.ops.adapt_datetimefield_value(now)
        return sql, tuple(moment if param == marker else param for param in params)

    @functools.cached_property
    def _visible_sql(self) -> tuple[str, tuple, object]:
        # Compiled once per process: compiling five querysets cost 3-5 ms per search.
        columns = ["pk", "search_vector", *(["publicatiedatum"] if self.capped else [])]
        sql, params = _sql(self.queryset(at=_COMPILED_MOMENT).order_by().values(*columns))
        marker = connection.ops.adapt_datetimefield_value(_COMPILED_MOMENT)
        if self.has_publication and marker not in params:
            raise ImproperlyConfigured(f"{self.label}: its queryset ignores the moment `at`.")
        return sql, params, marker

    def results(self, rows: list) -> list:
        """The rows shown as results, each given its `head` (`with_heads`)."""
        return with_heads({"": self}, {"": rows})[""]

    def facts(self, pks: list) -> dict:
        """The facts of the items `pks` by id (missing ones are not public any more)."""
        heavy = [f.name for f in self.model._meta.concrete_fields if f.name.endswith("_html")]
        joined = [name for name in self.facts_prefetch if self._is_single(name)]
        items = list(
            self.model._base_manager.filter(pk__in=pks)
            .select_related(*joined)
            .defer("search_vector", *self.snippet_fields, *heavy)
        )
        prefetch_related_objects(
            items, *(name for name in self.facts_prefetch if name not in joined)
        )
        return {item.pk: [fact for fact in item.search_facts() if fact] for item in items}

    def _is_single(self, name: str) -> bool:
        """Whether `name` is a foreign key: joined into the query, not fetched apart."""
        field = self.model._meta.get_field(name)
        return field.many_to_one or field.one_to_one


RESULT_HEAD_TEMPLATE = "includes/search_result_head.html"


def with_heads(types: dict[str, SearchType], found: dict[str, list]) -> dict[str, list]:
    """Give every result row (`found`, by type key) its `result_title`, `facts` and `head`:
    the link, the plan it belongs to and the facts line, as HTML.

    A head depends on its item alone, not on the query, and the same items turn up for
    many queries; so heads are rendered once and remembered until their type's content
    changes, one cache lookup per app, as the list pages remember their cards. The facts need
    related rows; only the missing items' are read, one query per type.
    """
    wanted = {
        f"{types[key].model._meta.label_lower}:{row.pk}": (types[key], row)
        for key, rows in found.items()
        for row in rows
    }
    if not wanted:
        return found
    template = get_template(RESULT_HEAD_TEMPLATE)

    def render(missing: list[str]) -> list[tuple[list[str], str]]:
        pks_by_type: dict[SearchType, list] = {}
        for item_id in missing:
            kind, row = wanted[item_id]
            pks_by_type.setdefault(kind, []).append(row.pk)
        facts = {kind: kind.facts(pks) for kind, pks in pks_by_type.items()}
        made = []
        for item_id in missing:
            kind, row = wanted[item_id]
            shown_facts = facts[kind].get(row.pk, [])
            context = {
                "url": row.get_absolute_url(),
                "title": getattr(row, kind.title_field),
                "parent_title": getattr(row, kind.parent).titel if kind.parent else "",
                "facts": shown_facts,
            }
            made.append((shown_facts, template.render(context)))
        return made

    # A head shows its own item and what belongs to it (its plan, its tags): stale only
    # when its own app or the taxonomy changes. One lookup per app. The heads a page
    # shows are of items that match its search (`follows_matches`): an edit of an item
    # that does not match leaves them as they are.
    by_app: dict[str, list[str]] = {}
    for item_id, (kind, _) in wanted.items():
        by_app.setdefault(kind.model._meta.app_label, []).append(item_id)
    heads = {}
    for app_label, item_ids in by_app.items():
        found_heads = remember_many(
            "search-result", item_ids, render, topics=(app_label,), follows_matches=True
        )
        heads.update(zip(item_ids, found_heads, strict=True))
    remembered = [heads[item_id] for item_id in wanted]
    for (kind, row), (shown_facts, head) in zip(wanted.values(), remembered, strict=True):
        row.result_title = getattr(row, kind.title_field)
        row.facts = shown_facts
        # Rendered by our own template with autoescaping on: safe to insert as is.
        row.head = mark_safe(head)
    return found


@functools.cache
def search_types() -> dict[str, SearchType]:
    """Every registered searchable type by its key (the `?type=` of the search page), in
    the order the overview shows them. Made once per process: each type keeps its
    compiled SQL."""
    return {entry.key: _search_type(entry) for entry in registry.searchable_types()}


def _search_type(entry: registry.PublicType) -> SearchType:
    # A result shows a title, a link and a snippet: only what builds them leaves the
    # database (a row's full text and HTML can be tens of kilobytes; the snippet is made
    # in the query).
    model, parent, title = entry.model, entry.parent, entry.title_field
    if parent:

        def queryset(at=None):
            return (
                model.objects.published(at)
                .select_related(parent)
                .only(title, "slug", f"{parent}__titel", f"{parent}__slug")
            )
    else:

        def queryset(at=None):
            return model.objects.published(at).only(title, "slug")

    return SearchType(
        entry.label,
        queryset,
        entry.snippet_fields,
        parent=parent,
        title_field=title,
        has_publication=has_publication(entry),
        facts_prefetch=entry.search_prefetch,
    )


def best_of_each_type(
    types: dict[str, SearchType], query: str, shown: int
) -> tuple[dict[str, list], str | None]:
    """The best `shown` matches of every type, with snippets, and the corrected query
    when only that found something. A type with more matches gets one row more, which
    tells that there are more (its snippet may be left empty).

    On PostgreSQL all types are searched, ranked and given snippets in one statement
    (after one EXPLAIN for the planner's estimates): five ORM searches cost more in
    compiling and round trips than in finding the rows. On SQLite each type is one
    query, in-process.
    """
    postgres = connection.vendor == "postgresql"
    best = _best_of_each_type if postgres else _best_of_each_type_embedded
    if postgres and _cannot_match(query):
        found = {key: [] for key in types}
    else:
        found = best(types, query, shown)
        if any(found.values()):
            return found, None
    correction = corrected_query(query)
    if not correction:
        return found, None
    corrected = best(types, correction, shown)
    # As in `search`: only a correction that finds something public is offered.
    return (corrected, correction) if any(corrected.values()) else (found, None)


def _best_of_each_type_embedded(
    types: dict[str, SearchType], query: str, shown: int
) -> dict[str, list]:
    found = {}
    for key, kind in types.items():
        best = matches(kind.queryset(), query).order_by("-rank", kind.title_field)[: shown + 1]
        found[key] = rows_with_snippets(best, query, kind.snippet_fields)
    return with_heads(types, found)


def _best_of_each_type(types: dict[str, SearchType], query: str, shown: int) -> dict[str, list]:
    # Both queries name no column: any type's table compiles them.
    any_model = next(iter(types.values())).model
    tsquery = _compiled(_search_query(query), any_model)
    # Ranked as `postgres._full_text_matches` ranks a type's own result pages.
    whole_words = _whole_words_query(query)
    literal = _search_query(query, synonyms=False) if len(query_variants(query)) > 1 else None
    rank = postgres_sql.rank(
        tsquery,
        whole_words=None if whole_words is None else _compiled(whole_words, any_model),
        literal=None if literal is None else _compiled(literal, any_model),
        literal_weight=LITERAL_WEIGHT,
    )
    snippet_query = _compiled(_snippet_query(query), any_model)
    capped = [key for key, kind in types.items() if kind.capped]
    now = timezone.now()
    candidates = {}
    for key, kind in types.items():
        candidates[key] = postgres_sql.matching(kind.visible_sql(now), tsquery, kind.capped)
    estimates = (
        _planner_estimates(
            *(candidates[key] for key in capped),
            *(postgres_sql.table_rows(types[key].model) for key in capped),
        )
        if capped
        else []
    )
    walk = {
        key: _walk_dates(matching, table, settings.SEARCH_RANK_CANDIDATES)
        for key, matching, table in zip(capped, estimates, estimates[len(capped) :], strict=False)
    }
    branches = []
    for key, kind in types.items():
        if key in walk:
            candidates[key] = postgres_sql.newest_candidates(
                candidates[key], walk[key], settings.SEARCH_RANK_CANDIDATES
            )
        snippet = _headline_sql(kind.model, kind.snippet_fields, "item", tsquery, snippet_query)
        branches.append(
            postgres_sql.overview_branch(
                key=key,
                model=kind.model,
                title_field=kind.title_field,
                parent=kind.parent,
                candidates=candidates[key],
                rank=rank,
                snippet=snippet,
                shown=shown,
            )
        )
    fetched = postgres_sql.overview_rows(branches)
    order = list(types)
    found: dict[str, list] = {key: [] for key in types}
    for key, _, pk, title, slug, parent_pk, parent_title, parent_slug, headline in sorted(
        fetched, key=lambda row: (order.index(row[0]), row[1])
    ):
        kind = types[key]
        link_fields = ["id", kind.title_field, "slug"]
        row = kind.model.from_db(connection.alias, link_fields, [pk, title, slug])
        if kind.parent:
            parent = kind.parent_model.from_db(
                connection.alias, _PARENT_LINK_FIELDS, [parent_pk, parent_title, parent_slug]
            )
            setattr(row, kind.parent, parent)
        row.snippet = _marked_html(_plain(headline or ""))
        found[key].append(row)
    return with_heads(types, found)


# What the link to a result's plan is built from.
_PARENT_LINK_FIELDS = ["id", "titel", "slug"]
