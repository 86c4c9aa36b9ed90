"""sitemap.xml: every published page, and the list and hub pages."""

from django.contrib.sitemaps import Sitemap

from instrumenten.models import Instrument
from jaarplan.models import Jaarplan
from kennisbank.models import Artikel, Stap, Stappenplan
from pilots.models import Pilot
from voion_portal.taxonomy.models import Thema


class PublishedSitemap(Sitemap):
    model = None
    changefreq = "monthly"

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.gewijzigd


class ArtikelSitemap(PublishedSitemap):
    model = Artikel
    changefreq = "weekly"


class InstrumentSitemap(PublishedSitemap):
    model = Instrument


class PilotSitemap(PublishedSitemap):
    model = Pilot


class JaarplanSitemap(PublishedSitemap):
    model = Jaarplan


class StappenplanSitemap(PublishedSitemap):
    model = Stappenplan


class StapSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Stap.objects.published().select_related("stappenplan").order_by("pk")

    def lastmod(self, item):
        return item.gewijzigd


class ThemaSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Thema.objects.order_by("pk")


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["/", "/kennisbank/", "/instrumenten/", "/stappenplannen/", "/jaarplan/", "/pilots/"]

    def location(self, item):
        return item


SITEMAPS = {
    "paginas": SectionSitemap,
    "artikelen": ArtikelSitemap,
    "instrumenten": InstrumentSitemap,
    "pilots": PilotSitemap,
    "jaarplannen": JaarplanSitemap,
    "stappenplannen": StappenplanSitemap,
    "stappen": StapSitemap,
    "themas": ThemaSitemap,
}
