"""RSS of the kennisbank; honours the same filter parameters as the list page."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from kennisbank.filters import ARTIKEL_FACETS, ARTIKEL_SORTS
from kennisbank.models import Artikel
from voion_portal.listing.facets import FacetedListing

FEED_SIZE = 30


class KennisbankFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "Voion portal — kennisbank"
    description = "Nieuwe artikelen over de onderwijsarbeidsmarkt en veilig en vitaal werken."
    language = "nl"
    page_parameters = FacetedListing.parameters(ARTIKEL_FACETS)  # for the page cache
    page_topics = ("kennisbank",)

    def get_object(self, request):
        return FacetedListing(
            request.GET,
            Artikel.objects.published(),
            ARTIKEL_FACETS,
            {"nieuw": ARTIKEL_SORTS["nieuw"]},
            "nieuw",
            reverse("kennisbank:list"),
        )

    def link(self, listing):
        state = listing.state()
        state.pop("sort", None)
        return listing.url(state)

    def items(self, listing):
        return listing.results[:FEED_SIZE]

    def item_title(self, item):
        return item.titel

    def item_description(self, item):
        # Readers render a description as HTML; the summary is plain text.
        return escape(item.samenvatting)

    def item_pubdate(self, item):
        return item.publicatiedatum

    def item_updateddate(self, item):
        return item.gewijzigd

    def item_categories(self, item):
        return [item.get_soort_display()]
