"""The list view both faceted catalogues (instrumenten, kennisbank) are built on."""

from django.conf import settings
from django.template.loader import render_to_string
from django.views.generic import ListView

from voion_portal.listing import refresh
from voion_portal.listing.cards import rendered_cards
from voion_portal.listing.facets import FacetedListing


class FacetedListView(ListView):
    """A paginated list with facets, free text, sorting and removable filter chips."""

    paginate_by = settings.PAGE_SIZE
    facet_specs: list = []
    sort_options: dict = {}
    default_sort = ""
    card_kind = None  # a voion_portal.listing.cards.CardKind
    feed_url = None  # e.g. reverse_lazy("feed_kennisbank")
    page_title = ""
    facets_noun = ""  # "Zoeken in <noun>"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # What the page cache keeps of the query string (voion_portal.core.pagecache).
        cls.page_parameters = FacetedListing.parameters(cls.facet_specs) | {cls.page_kwarg}
        refresh.listing_views[cls.label()] = cls

    @classmethod
    def label(cls) -> str:
        return f"{cls.__module__}.{cls.__qualname__}"

    def base_queryset(self):
        raise NotImplementedError

    @classmethod
    def listing_for(cls, params, path: str = "") -> FacetedListing:
        """The listing of the selection `params` (a QueryDict)."""
        return FacetedListing(
            params,
            cls().base_queryset(),
            cls.facet_specs,
            cls.sort_options,
            cls.default_sort,
            path,
            request_refresh=lambda count_query: refresh.request_refresh(cls.label(), count_query),
        )

    def get_listing(self) -> FacetedListing:
        if not hasattr(self, "_listing"):
            self._listing = self.listing_for(self.request.GET, self.request.path)
        return self._listing

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.get_listing().counts_fresh:
            # Counts from before an edit, being recomputed: the page cache keeps this
            # page only until they are likely to be back.
            response.page_cache_seconds = settings.STALE_PAGE_SECONDS
        return response

    def get_queryset(self):
        return self.get_listing().results

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return self.get_listing().paginator(
            queryset, per_page, orphans=orphans, allow_empty_first_page=allow_empty_first_page
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = self.get_listing()
        context.update(listing.context())
        # The filter panel (~80 options with counts) costs more to render than the
        # results; it depends only on the selection, query and sort, so it is rendered
        # once per selection until the content changes.
        # Everything in it must follow from that key: the result total and the number
        # of active filters do (they are what "Toon N resultaten" and "Filters (n actief)"
        # say); the page number does not, so nothing of it goes in.
        panel_keys = ("facets", "query", "query_max_length", "sort", "sort_choices")
        panel_context = {
            key: context[key] for key in (*panel_keys, "is_filtered", "clear_url", "result_total")
        }
        panel_context |= {
            "list_path": self.request.path,
            "noun": self.facets_noun,
            "active_filter_count": len(context["chips"]),
        }
        context["facets_panel"] = listing.cached(
            "panel",
            lambda: render_to_string("includes/facets.html", panel_context),
            listing.sort,
            self.request.path,
        )
        context["cards"] = rendered_cards(context["object_list"], self.card_kind)
        context["list_path"] = self.request.path
        # The selection's own address (no page, no empty or default parameters): what the
        # filter script puts in the address bar after applying the form in place.
        context["state_url"] = listing.url(listing.state())
        # What "Link naar deze selectie" and the e-mail share: this selection, whatever
        # page of it is showing.
        context["share_url"] = self.request.build_absolute_uri(context["state_url"])
        context["share_title"] = " · ".join(
            [self.page_title, *(chip.label for chip in context["chips"])]
        )
        context["breadcrumb_trail"] = [(self.page_title, None)]
        if self.feed_url:
            state = listing.state()
            state.pop("sort", None)
            context["feed_url"] = listing.url(state).replace(
                self.request.path, str(self.feed_url), 1
            )
        return context
