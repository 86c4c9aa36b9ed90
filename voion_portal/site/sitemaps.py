"""sitemap.xml: every published page of the registered content types, the thema hubs,
and the list pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from voion_portal.core import registry
from voion_portal.taxonomy.models import Thema


class PublishedSitemap(Sitemap):
    """The published items of one registered content type."""

    def __init__(self, entry: registry.PublicType):
        self.entry = entry
        self.changefreq = entry.sitemap

    def items(self):
        items = self.entry.model.objects.published()
        if self.entry.parent:  # the item's address holds its parent's slug
            items = items.select_related(self.entry.parent)
        return items.order_by("pk")

    def lastmod(self, item):
        return item.gewijzigd


class ThemaSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Thema.objects.order_by("pk")


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    url_names = (
        "home",
        "kennisbank:list",
        "instrumenten:list",
        "kennisbank:stappenplannen",
        "jaarplan:list",
        "pilots:list",
        "keuzehulp:start",
    )

    def items(self):
        return list(self.url_names)

    def location(self, item):
        return reverse(item)


def sitemaps() -> dict[str, Sitemap]:
    sections = {"paginas": SectionSitemap()}
    sections |= {entry.key: PublishedSitemap(entry) for entry in registry.sitemap_types()}
    sections["themas"] = ThemaSitemap()
    return sections
