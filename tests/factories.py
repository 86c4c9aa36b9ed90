"""factory_boy factories for every content type, with Published and Draft variants."""

import datetime

import factory
from django.utils import timezone

from instrumenten.models import Instrument, InstrumentSoort
from jaarplan.models import Activiteit, Jaarplan
from kennisbank.models import Artikel, Stap, Stappenplan
from pilots.models import Interesseaanmelding, Pilot
from voion_portal.core.content import Status
from voion_portal.media.models import Afbeelding, Document
from voion_portal.media.processing import check_document, process_image
from voion_portal.taxonomy.models import (
    DiPijler,
    Doelgroep,
    Kernopgave,
    Organisatie,
    Sector,
    Thema,
)


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("slug",)

    slug = factory.Iterator(["po", "vo", "mbo"])
    naam = factory.LazyAttribute(lambda o: f"Sector {o.slug}")
    afkorting = factory.LazyAttribute(lambda o: o.slug)


class KernopgaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kernopgave

    naam = factory.Sequence(lambda n: f"Kernopgave {n}")
    slug = factory.Sequence(lambda n: f"kernopgave-{n}")


class ThemaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thema

    naam = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    kernopgave = factory.SubFactory(KernopgaveFactory)


class DiPijlerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiPijler
        django_get_or_create = ("slug",)

    slug = factory.Iterator(["willen-werken", "kunnen-werken", "competent-zijn"])
    naam = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class DoelgroepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Doelgroep

    naam = factory.Sequence(lambda n: f"Doelgroep {n}")
    slug = factory.Sequence(lambda n: f"doelgroep-{n}")


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")


class InstrumentSoortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstrumentSoort

    naam = factory.Sequence(lambda n: f"Soort {n}")
    slug = factory.Sequence(lambda n: f"soort-{n}")


class PublishedMixin(factory.django.DjangoModelFactory):
    status = Status.GEPUBLICEERD
    publicatiedatum = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class InstrumentFactory(PublishedMixin):
    class Meta:
        model = Instrument

    titel = factory.Sequence(lambda n: f"Instrument {n}")
    slug = factory.Sequence(lambda n: f"instrument-{n}")
    samenvatting = "Een scan voor de school."
    tekst = "Meer over dit **instrument**."
    soort = factory.SubFactory(InstrumentSoortFactory)
    aanbieder = factory.SubFactory(OrganisatieFactory)
    url = "https://www.example.nl/instrument"


class DraftInstrumentFactory(InstrumentFactory):
    status = Status.CONCEPT


class ArtikelFactory(PublishedMixin):
    class Meta:
        model = Artikel

    titel = factory.Sequence(lambda n: f"Artikel {n}")
    slug = factory.Sequence(lambda n: f"artikel-{n}")
    samenvatting = "Wat we weten over werkdruk."
    tekst = "## Kop\n\nTekst van het artikel."


class DraftArtikelFactory(ArtikelFactory):
    status = Status.CONCEPT


class ScheduledArtikelFactory(ArtikelFactory):
    publicatiedatum = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class PilotFactory(PublishedMixin):
    class Meta:
        model = Pilot

    titel = factory.Sequence(lambda n: f"Pilot {n}")
    slug = factory.Sequence(lambda n: f"pilot-{n}")
    programma = "Innovatielab"
    samenvatting = "Samen personeel behouden."
    aanleiding = "Tekorten vragen om samenwerking."


class DraftPilotFactory(PilotFactory):
    status = Status.CONCEPT


class StappenplanFactory(PublishedMixin):
    class Meta:
        model = Stappenplan

    titel = factory.Sequence(lambda n: f"Stappenplan {n}")
    slug = factory.Sequence(lambda n: f"stappenplan-{n}")


class DraftStappenplanFactory(StappenplanFactory):
    status = Status.CONCEPT


class StapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stap

    stappenplan = factory.SubFactory(StappenplanFactory)
    titel = factory.Sequence(lambda n: f"Stap {n}")
    slug = factory.Sequence(lambda n: f"stap-{n}")
    volgorde = factory.Sequence(lambda n: n)


class JaarplanFactory(PublishedMixin):
    class Meta:
        model = Jaarplan

    titel = factory.Sequence(lambda n: f"Jaarplan {2020 + n}")
    slug = factory.Sequence(lambda n: f"jaarplan-{2020 + n}")
    jaar = factory.Sequence(lambda n: 2020 + n)
    organisatie = factory.SubFactory(OrganisatieFactory)
    sector = factory.SubFactory(SectorFactory, slug="vo")


class DraftJaarplanFactory(JaarplanFactory):
    status = Status.CONCEPT


class ActiviteitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activiteit

    jaarplan = factory.SubFactory(JaarplanFactory)
    thema = factory.SubFactory(ThemaFactory)
    titel = factory.Sequence(lambda n: f"Activiteit {n}")
    slug = factory.Sequence(lambda n: f"activiteit-{n}")
    omschrijving = "Onderzoek doen naar iets belangrijks."


class InteresseaanmeldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interesseaanmelding

    pilot = factory.SubFactory(PilotFactory)
    naam = "Anna de Vries"
    email = "anna@school.nl"
    organisatie = "Stichting Voorbeeldscholen"
    toestemming = True


def image_bytes(width=1600, height=900, image_format="JPEG", color=(30, 110, 160), **save):
    """An image file as a camera or editor would upload it."""
    import io

    from PIL import Image

    mode = "RGBA" if image_format == "PNG" and len(color) == 4 else "RGB"
    buffer = io.BytesIO()
    Image.new(mode, (width, height), color).save(buffer, format=image_format, **save)
    return buffer.getvalue()


# The smallest file every PDF reader accepts; enough for "is it a PDF?".
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


class AfbeeldingFactory(factory.django.DjangoModelFactory):
    """A library image, stored the way the admin stores an upload."""

    class Meta:
        model = Afbeelding

    titel = factory.Sequence(lambda n: f"Afbeelding {n}")
    alt_tekst = factory.LazyAttribute(lambda o: f"Beschrijving van {o.titel.lower()}")
    origineel_naam = "foto.jpg"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        width = kwargs.pop("width", 1600)
        upload = _upload(kwargs["origineel_naam"], image_bytes(width=width, height=width // 2))
        image = model_class(*args, **kwargs)
        image.origineel_grootte = upload.size
        image.store(process_image(upload))
        image.save()
        return image


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    titel = factory.Sequence(lambda n: f"Document {n}")
    origineel_naam = "document.pdf"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        data = kwargs.pop("data", PDF_BYTES)
        upload = _upload(kwargs["origineel_naam"], data)
        document = model_class(*args, **kwargs)
        document.store(upload, check_document(upload))
        document.save()
        return document
