"""Faceted listings: the catalogue and the kennisbank filter the same way.

A `FacetedListing` takes the request's GET parameters, drops values it does not
know (and says so), filters, sorts, and counts for every facet value how many
results selecting it would give.

Each facet is declared once, as a `FacetSpec`: its parameter, label and relation.
The spec builds the django-filter filter that narrows the results (`TermFilter` for
a lookup table, `MultipleChoiceFilter` for choices). No FilterSet and no form are
involved: `FacetedListing` has already checked every value against the cached
lookup tables (and choices), so binding a form would only validate the same values
against the database again, once per facet count. The filters are applied directly
to the keys of the checked values.

Counting is "disjunctive": a facet's counts are taken over the results filtered
by every *other* facet, so choosing a second sector shows what it would add. All
facet counts come from a single grouped UNION query.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import urlencode

import django_filters
from django.core.paginator import Paginator
from django.db.models import CharField, Count, F, Value, Window
from django.db.models.functions import Cast, RowNumber
from django.http import QueryDict

from voion_portal.core.caching import (
    SAVE_TO_COMMIT_SECONDS,
    content_cache_timeout,
    current_generation,
    recompute,
    remember,
    remember_many,
    remember_or_refresh,
)
from voion_portal.listing.freshness import counts_topic
from voion_portal.search.engine import (
    MAX_QUERY_LENGTH,
    by_relevance,
    clean_query,
    earlier_matches,
    rankable_count,
    search,
)
from voion_portal.search.postgres_sql import VECTORS_BEFORE_SAVE_KEPT_SECONDS

TERM_CACHE_SECONDS = 300
MAX_VALUES_PER_FACET = 30
NO_VALUE = ""  # the count bucket of items without a value (e.g. an instrument without kind)


def through_columns(relation):
    """A many-to-many relation's through model and its item and term id columns."""
    through = relation.remote_field.through
    return through, f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"


class TermFilter(django_filters.ModelMultipleChoiceFilter):
    """A multi-valued filter over a lookup table that never needs DISTINCT.

    django-filter's default joins the relation and makes the rows DISTINCT, which on a
    large table sorts every matching row on all its columns. Here a many-to-many facet
    becomes a semi-join on its through table (`pk IN (SELECT item FROM through WHERE
    term IN ...)`) and a foreign key a plain `IN`. Values are primary keys (from
    `FacetedListing`, which already checked them); model instances, as a bound form
    would give, work too.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        kwargs["distinct"] = False
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        keys = [getattr(item, "pk", item) for item in value or ()]
        if not keys:
            return qs
        relation = qs.model._meta.get_field(self.field_name)
        if relation.many_to_many:
            through, source, target = through_columns(relation)
            items = through.objects.filter(**{f"{target}__in": keys}).values(source)
            return qs.filter(pk__in=items)
        return qs.filter(**{f"{relation.attname}__in": keys})


@dataclass(frozen=True)
class FacetSpec:
    """One facet: its GET parameter, its label, and how items relate to its values.

    `kind` is "m2m" (e.g. Instrument.sectoren), "fk" (Instrument.soort) or
    "choice" (Artikel.soort). For m2m and fk, `model` is the lookup table, whose
    values appear in URLs by their slug: readable, stable links.
    """

    param: str
    label: str
    field: str
    kind: str = "m2m"
    model: type | None = None
    choices: tuple = ()

    def build_filter(self) -> django_filters.Filter:
        """The django-filter filter for this facet: OR within it, AND across facets."""
        if self.kind == "choice":
            return django_filters.MultipleChoiceFilter(
                field_name=self.field, choices=self.choices, label=self.label, distinct=False
            )
        return TermFilter(
            field_name=self.field, queryset=self.model.objects.all(), label=self.label
        )


@dataclass
class FacetOption:
    slug: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)


@dataclass
class Chip:
    label: str
    remove_url: str


def term_options(specs: list[FacetSpec]) -> dict[str, list[tuple[str, str, str]]]:
    """{param: [(key, slug, label), ...]}: every value of each facet, in display order.

    Lookup tables are remembered until the content changes: a new or renamed thema
    shows up in the facets on the next request. The tables not remembered are read in one
    query, so the first request after an edit does not pay a query per facet.
    """
    tables = [spec for spec in specs if spec.kind != "choice"]

    def read(missing: list[str]) -> list[list]:
        wanted = [spec for spec in tables if spec.model._meta.label_lower in missing]
        parts = [
            spec.model.objects.order_by()
            .annotate(
                facet=Value(spec.model._meta.label_lower, output_field=CharField()),
                position=Window(RowNumber(), order_by=[*spec.model._meta.ordering, "pk"]),
            )
            .values_list("facet", "position", "pk", "slug", "naam")
            for spec in wanted
        ]
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        by_table: dict[str, list] = {label: [] for label in missing}
        for label, _, pk, slug, naam in sorted(rows, key=lambda row: (row[0], row[1])):
            by_table[label].append((str(pk), slug, naam))
        return [by_table[label] for label in missing]

    labels = [spec.model._meta.label_lower for spec in tables]
    topics = {spec.model._meta.app_label for spec in tables}
    remembered = remember_many("facet-terms", labels, read, TERM_CACHE_SECONDS, topics)
    found = dict(zip(labels, remembered, strict=True))
    return {
        spec.param: (
            [(value, value, label) for value, label in spec.choices]
            if spec.kind == "choice"
            else found[spec.model._meta.label_lower]
        )
        for spec in specs
    }


# Counts older than this are not checked, but recounted: the vectors from before the
# saves are kept only so long.
TEXT_EDITS_VISIBLE_SECONDS = VECTORS_BEFORE_SAVE_KEPT_SECONDS - 2 * SAVE_TO_COMMIT_SECONDS


@dataclass(frozen=True)
class Counted:
    """Facet counts and what they were made of: the words matched, the generation of
    what is counted (`basis`), and when (`as_of`, until `valid_until`)."""

    counts: dict[str, dict[str, int]]
    query: str
    basis: str
    as_of: float
    valid_until: float


class FacetedListing:
    """Everything a faceted list page shows, computed from one request."""

    @staticmethod
    def parameters(facets: list[FacetSpec]) -> frozenset:
        """The GET parameters a listing over `facets` reads (for the page cache)."""
        return frozenset({"q", "sort", *(spec.param for spec in facets)})

    def __init__(
        self,
        params: QueryDict,
        queryset,
        facets: list[FacetSpec],
        sort_options: dict[str, tuple[str, ...]],
        default_sort: str,
        base_path: str,
        request_refresh: Callable[[str], bool] | None = None,
    ):
        self.raw = params
        # Asks the task worker to recompute the counts of a selection (given as its query
        # string) after a change; False if it could not be asked.
        self.request_refresh = request_refresh
        self.counts_fresh = True
        self.queryset = queryset
        self.specs = facets
        self.filters = {spec.param: spec.build_filter() for spec in facets}
        self.sort_options = sort_options
        self.base_path = base_path
        self.messages: list[str] = []

        self.query, query_message = clean_query(params.get("q", ""))
        if query_message:
            self.messages.append(query_message)
        self.options = term_options(facets)
        self.selected = self._clean_selection()
        self.sort = self._clean_sort(params.get("sort"), default_sort)

    # -- input ------------------------------------------------------------------------

    def _clean_selection(self) -> dict[str, list[str]]:
        selected: dict[str, list[str]] = {}
        unknown: list[str] = []
        for spec in self.specs:
            known = {slug for _, slug, _ in self.options[spec.param]}
            values: list[str] = []
            for value in self.raw.getlist(spec.param)[: MAX_VALUES_PER_FACET * 2]:
                value = value.strip()
                if not value:
                    continue
                if value in known:
                    if value not in values:
                        values.append(value)
                else:
                    unknown.append(value[:40])
            if values:
                selected[spec.param] = values[:MAX_VALUES_PER_FACET]
        if unknown:
            shown = ", ".join(f"'{value}'" for value in unknown[:5])
            self.messages.append(f"Onbekende filterwaarde genegeerd: {shown}.")
        return selected

    def _clean_sort(self, requested: str | None, default: str) -> str:
        available = self.available_sorts()
        if requested in available:
            return requested
        if requested:
            self.messages.append("Onbekende sortering genegeerd.")
        return "relevantie" if self.query and "relevantie" in available else default

    def available_sorts(self) -> dict[str, str]:
        labels = {"relevantie": "Relevantie", "naam": "Naam (A–Z)", "nieuw": "Nieuwste eerst"}
        return {
            key: labels.get(key, key)
            for key in self.sort_options
            if key != "relevantie" or self.query
        }

    # -- querying ---------------------------------------------------------------------

    def _filtered(self, exclude_param: str | None = None):
        """Results filtered by every facet (but `exclude_param`) and the query.

        The values were already checked against the cached lookup tables, so each
        facet's filter is applied directly to their keys (see the module docstring).
        """
        queryset = self.searched
        for param, values in self.selected.items():
            if param != exclude_param:
                queryset = self.filters[param].filter(queryset, self._keys(param, values))
        return queryset

    def _keys(self, param: str, slugs: list[str]) -> list[str]:
        """Primary keys (lookup tables) or stored values (choices) of selected slugs."""
        key_of = {slug: key for key, slug, _ in self.options[param]}
        return [key_of[slug] for slug in slugs]

    @property
    def searched(self):
        """The base queryset narrowed by the free-text query, computed once per request."""
        if not hasattr(self, "_searched"):
            if self.query:
                outcome = search(self.queryset, self.query)
                self._searched, self.suggestion = outcome.queryset, outcome.suggestion
            else:
                self._searched, self.suggestion = self.queryset, None
        return self._searched

    @property
    def results(self):
        if not hasattr(self, "_results"):
            queryset = self._filtered()
            ordering = self.sort_options[self.sort]
            if self.ranked:
                self._results = by_relevance(queryset, *ordering[1:])
            else:
                self._results = queryset.order_by(*ordering)
        return self._results

    def _count_query(self, spec: FacetSpec):
        base = self._filtered(exclude_param=spec.param)
        facet_name = Value(spec.param, output_field=CharField())
        if spec.kind == "m2m":
            relation = self.queryset.model._meta.get_field(spec.field)
            through, source, target = through_columns(relation)
            return (
                through.objects.filter(**{f"{source}__in": base.order_by().values("pk")})
                .values(facet=facet_name, key=Cast(F(target), CharField()))
                .annotate(n=Count(source))
                .order_by()
            )
        column = f"{spec.field}_id" if spec.kind == "fk" else spec.field
        # Without a search rank to leave out, group the filtered rows themselves: for
        # the unfiltered list that is one index-only scan.
        counted = (
            base
            if not base.query.annotations
            else self.queryset.model.objects.filter(pk__in=base.order_by().values("pk"))
        )
        return (
            counted.values(facet=facet_name, key=Cast(F(column), CharField()))
            .annotate(n=Count("pk"))
            .order_by()
        )

    def counts(self) -> dict[str, dict[str, int]]:
        """{param: {key: count}}, from the cache while no content changed.

        Counting every facet over a large kennisbank costs far more than the rest of
        the page (half a second at 100,000 articles), and the same few selections (none,
        one facet) recur all day. After an edit the visitor is not made to wait: the
        counts from before the edit are shown (`counts_fresh` is then False) while the
        task worker recomputes them (`request_refresh`); the results themselves are
        always current.
        """
        if not hasattr(self, "_counts"):
            # Not "counts": what earlier versions kept under that name is a bare dict.
            name, vary = self._cache_name_and_vary("counted")
            if self.request_refresh is None:
                counted = remember(name, vary, self._counted, self.counts_topics, bool(self.query))
            else:
                counted, self.counts_fresh = remember_or_refresh(
                    name,
                    vary,
                    self._counted,
                    lambda: self.request_refresh(self.count_query()),
                    self.counts_topics,
                    revalidate=self._still_right if self.query else None,
                    follows_matches=bool(self.query),
                )
            self._counts = counted.counts
        return self._counts

    def recompute_counts(self) -> None:
        """Count afresh and remember the counts (the task worker's part of `counts`)."""
        recompute(*self._cache_name_and_vary("counted"), self._counted, self.counts_topics)

    def _counted(self) -> "Counted":
        started = time.time()
        basis = current_generation(self._counts_basis)
        counts = self._count()
        return Counted(
            counts,
            self._matched_query(),
            basis,
            started,
            started + content_cache_timeout(current_generation(self.counts_topics)),
        )

    @property
    def _counts_basis(self) -> tuple[str, ...]:
        """What a free-text selection's counts depend on besides the texts: what is
        counted (with the taxonomy and synonyms, as every value)."""
        return (counts_topic(self.queryset.model),)

    def _matched_query(self) -> str:
        """The words the results match: the query, or the correction offered for it."""
        self.searched  # noqa: B018 -- sets the suggestion
        return self.suggestion or self.query

    def _still_right(self, earlier: "Counted") -> "Counted | None":
        """The counts of a free-text selection from before the latest changes, if those
        changes left them right (else None: they are recounted).

        A text edit changes such counts only if it changed which items match the query.
        Every state each item saved since the counts were made has had (the vectors kept
        from before each save, and the current one) must match alike: the counts may
        have been made in any of those states.
        """
        now = time.time()
        if now >= earlier.valid_until or now - earlier.as_of > TEXT_EDITS_VISIBLE_SECONDS:
            return None
        if current_generation(self._counts_basis) != earlier.basis:
            return None  # what is counted changed, or the taxonomy or synonyms
        if self._matched_query() != earlier.query:
            return None
        model = self.queryset.model
        since = datetime.fromtimestamp(earlier.as_of - SAVE_TO_COMMIT_SECONDS, UTC)
        states = earlier_matches(model, earlier.query, since)
        if states is None:
            return None
        if states:
            edited = list(states)
            public = set(self.queryset.filter(pk__in=edited).values_list("pk", flat=True))
            matching = set(self.searched.filter(pk__in=public).values_list("pk", flat=True))
            if any(states[pk] != {pk in matching} for pk in public):
                return None
        timeout = content_cache_timeout(current_generation(self.counts_topics))
        return replace(earlier, as_of=now, valid_until=now + timeout)

    @property
    def counts_topics(self) -> tuple[str, ...]:
        """Whose changes make the counts stale: with free text every change of the
        model's app; without, only changes to what is counted (`listing.freshness`)."""
        if self.query:
            return self.topics
        return (counts_topic(self.queryset.model),)

    def count_query(self) -> str:
        """The query string of what the counts depend on: the query and the selection."""
        return urlencode(
            [("q", self.query)] * bool(self.query)
            + [(param, value) for param, values in self.selected.items() for value in values]
        )

    @property
    def topics(self) -> tuple[str, ...]:
        """Whose changes make the counts, panel and cards of this listing stale."""
        return (self.queryset.model._meta.app_label,)

    def _cache_name_and_vary(self, name: str, *vary) -> tuple[str, tuple]:
        selection = sorted((param, tuple(sorted(v))) for param, v in self.selected.items())
        model = self.queryset.model._meta.label_lower
        return f"facets:{name}:{model}", (self.query, selection, vary)

    def cached(self, name: str, compute, *vary):
        """`compute()` for this selection and query, remembered until the content changes.

        Not remembered while the counts are those from before a change: whatever is
        made of them would outlive their refresh."""
        self.counts()
        if not self.counts_fresh:
            return compute()
        return remember(
            *self._cache_name_and_vary(name, *vary), compute, self.panel_topics, bool(self.query)
        )

    @property
    def panel_topics(self) -> tuple[str, ...]:
        """Whose changes make what is made of the counts stale (the filter panel): the
        counts' and those of the tables the facets' terms come from."""
        tables = {spec.model._meta.app_label for spec in self.specs if spec.kind != "choice"}
        return (*self.counts_topics, *sorted(tables))

    def _count(self) -> dict[str, dict[str, int]]:
        queries = [self._count_query(spec) for spec in self.specs]
        combined = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
        counts: dict[str, dict[str, int]] = {spec.param: {} for spec in self.specs}
        for row in combined:
            key = NO_VALUE if row["key"] is None else row["key"]
            counts[row["facet"]][key] = row["n"]
        return counts

    def total(self) -> int | None:
        """The number of results, read from the counts of a single-valued facet.

        Every item has at most one kind, so the kinds' counts (plus the bucket without
        a kind) add up to the result count: the paginator need not count again. Not
        while the counts are those from before an edit: the pages would be cut off at
        the old total (None: the paginator counts).
        """
        self.counts()
        if not self.counts_fresh:
            return None
        for spec in self.specs:
            if spec.kind in ("fk", "choice"):
                counts = self.counts()[spec.param]
                chosen = self.selected.get(spec.param)
                if not chosen:
                    return sum(counts.values())
                return sum(counts.get(key, 0) for key in self._keys(spec.param, chosen))
        return None

    @property
    def ranked(self) -> bool:
        return bool(self.query) and self.sort == "relevantie"

    def paginator(self, queryset, per_page: int, **kwargs) -> Paginator:
        paginator = Paginator(queryset, per_page, **kwargs)
        total = self.total()
        if total is None:
            total = paginator.count
        self.result_total = total
        if self.ranked:
            total, message = rankable_count(total)
            if message:
                self.messages.append(message)
        paginator.count = total  # cached_property: set, it is never counted again
        return paginator

    def facets(self) -> list[Facet]:
        counts = self.counts()
        facets = []
        for spec in self.specs:
            chosen = self.selected.get(spec.param, [])
            facet = Facet(param=spec.param, label=spec.label)
            for key, slug, label in self.options[spec.param]:
                count = counts[spec.param].get(key, 0)
                if count or slug in chosen:
                    facet.options.append(FacetOption(slug, label, count, slug in chosen))
            facets.append(facet)
        return facets

    # -- links ------------------------------------------------------------------------

    def state(self, **overrides) -> dict[str, list[str]]:
        """The current selection as GET parameters, without the page number."""
        state: dict[str, list[str]] = {}
        if self.query:
            state["q"] = [self.query]
        for spec in self.specs:
            if spec.param in self.selected:
                state[spec.param] = list(self.selected[spec.param])
        if self.sort != self._default_sort_for_state():
            state["sort"] = [self.sort]
        state.update(overrides)
        return {key: value for key, value in state.items() if value}

    def _default_sort_for_state(self):
        return "relevantie" if self.query else next(iter(self.sort_options))

    def url(self, state: dict[str, list[str]]) -> str:
        query = urlencode([(key, value) for key, values in state.items() for value in values])
        return f"{self.base_path}?{query}" if query else self.base_path

    def chips(self) -> list[Chip]:
        chips = []
        if self.query:
            chips.append(Chip(f"Zoekterm: {self.query}", self.url(self.state(q=[]))))
        labels = {
            spec.param: {slug: label for _, slug, label in self.options[spec.param]}
            for spec in self.specs
        }
        for spec in self.specs:
            for slug in self.selected.get(spec.param, []):
                remaining = [value for value in self.selected[spec.param] if value != slug]
                chips.append(
                    Chip(
                        f"{spec.label}: {labels[spec.param][slug]}",
                        self.url(self.state(**{spec.param: remaining})),
                    )
                )
        return chips

    @property
    def selected_facet_count(self) -> int:
        return len(self.selected)

    @property
    def is_filtered(self) -> bool:
        return bool(self.selected or self.query)

    def canonical_url(self) -> str:
        """One facet with one value is a page worth indexing; anything else points home."""
        if not self.query and len(self.selected) == 1:
            ((param, values),) = self.selected.items()
            if len(values) == 1:
                return self.url({param: values})
        return self.base_path

    @property
    def noindex(self) -> bool:
        return (
            bool(self.query)
            or len(self.selected) > 1
            or any(len(values) > 1 for values in self.selected.values())
        )

    def context(self) -> dict:
        facets = self.facets()
        suggestion = self.suggestion
        return {
            "facets": facets,
            "suggestion": suggestion,
            "suggestion_url": self.url(self.state(q=[suggestion])) if suggestion else None,
            "chips": self.chips(),
            "query": self.query,
            "query_max_length": MAX_QUERY_LENGTH,
            "sort": self.sort,
            "sort_choices": self.available_sorts(),
            "filter_messages": self.messages,
            "result_total": getattr(self, "result_total", None),
            "is_filtered": self.is_filtered,
            "clear_url": self.base_path,
            "canonical_path": self.canonical_url(),
            "noindex": self.noindex,
        }
