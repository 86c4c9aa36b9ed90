"""Loads the portal's content from the YAML files in `fixtures/` (format: fixtures/README.md).

Loading is idempotent and respects editors:

* an item that does not exist yet is created (published);
* an item the files describe exactly as last loaded is left alone;
* an item whose file entry changed is updated, but only if nobody edited it in the
  admin since the last load; an edited item keeps the editor's version;
* an item an editor deleted after it was loaded is not brought back.

Everything runs in one transaction: a file with a broken reference changes nothing.
"""

import datetime
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from instrumenten.models import Instrument, InstrumentSoort, Kosten
from jaarplan.models import Activiteit, ActiviteitLink, ActiviteitSoort, Jaarplan
from kennisbank.models import Artikel, ArtikelSoort, Stap, Stappenplan
from keuzehulp.models import Doel, Onderwerp, Publiek
from pilots.models import Fase, Pilot
from voion_portal.core.content import Status
from voion_portal.loader.models import FixtureRecord
from voion_portal.loader.records import ContentError, LoadReport, RecordKeeper
from voion_portal.search.models import Synoniem
from voion_portal.taxonomy.models import (
    DiPijler,
    Doelgroep,
    Kernopgave,
    Organisatie,
    Sector,
    Thema,
)

DEFAULT_PUBLICATION_DATE = datetime.date(2024, 1, 1)


def _as_moment(value) -> datetime.datetime:
    if value is None:
        value = DEFAULT_PUBLICATION_DATE
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time(9, 0)))


class ContentLoader(RecordKeeper):
    def __init__(self, directory: Path):
        super().__init__()
        self.directory = Path(directory)
        self.errors: list[str] = []

    # -- reading -----------------------------------------------------------------

    def read(self) -> dict[str, list]:
        merged: dict[str, list] = {}
        files = sorted(self.directory.glob("*.yaml"))
        if not files:
            raise ContentError(f"Geen .yaml-bestanden gevonden in {self.directory}.")
        for path in files:
            with path.open(encoding="utf-8") as handle:
                data = yaml.safe_load(handle) or {}
            if not isinstance(data, dict):
                raise ContentError(f"{path.name}: verwacht een mapping met lijsten.")
            for key, items in data.items():
                if not isinstance(items, list):
                    raise ContentError(f"{path.name}: '{key}' moet een lijst zijn.")
                for item in items:
                    if isinstance(item, dict):
                        item.setdefault("_file", path.name)
                merged.setdefault(key, []).extend(items)
        return merged

    # -- the upsert with editor protection ------------------------------------------

    def refs(self, model, slugs, item, field_name, **scope):
        slugs = slugs or []
        if not isinstance(slugs, list):
            slugs = [slugs]
        found = {obj.slug: obj for obj in model.objects.filter(slug__in=slugs, **scope)}
        missing = [
            slug for slug in slugs if slug not in found and not self._deleted_by_editor(model, slug)
        ]
        if missing:
            self.errors.append(
                f"{item.get('_file')}: '{item.get('slug')}' verwijst in '{field_name}' naar "
                f"onbekende {model._meta.verbose_name_plural}: {', '.join(map(str, missing))}"
            )
        return [found[slug] for slug in slugs if slug in found]

    @staticmethod
    def _deleted_by_editor(model, slug) -> bool:
        """A reference to an item an editor deleted is dropped quietly, not an error."""
        return FixtureRecord.objects.filter(key=f"{model._meta.label_lower}:{slug}").exists()

    def ref(self, model, slug, item, field_name):
        if not slug:
            return None
        found = self.refs(model, [slug], item, field_name)
        return found[0] if found else None

    def named(self, model, name):
        """Organisations and instrument kinds are given by name and created when new."""
        if not name:
            return None
        slug = slugify(name)
        obj = model.objects.filter(slug=slug).first()
        if obj is None:
            obj = model.objects.create(slug=slug, naam=name)
            self.report.counts[f"{model._meta.verbose_name_plural} aangemaakt"] += 1
        return obj

    def choice(self, choices, value, item, field_name, default):
        if value in (None, ""):
            return default
        if value not in choices.values:
            self.errors.append(
                f"{item.get('_file')}: '{item.get('slug')}' heeft onbekende {field_name} "
                f"'{value}' (kies uit {', '.join(choices.values)})"
            )
            return default
        return value

    # -- per content type -----------------------------------------------------------

    def load_taxonomy(self, data):
        for order, item in enumerate(data.get("sectoren", [])):
            self.upsert(
                Sector,
                {"slug": item["slug"]},
                {
                    "naam": item["naam"],
                    "afkorting": item.get("afkorting", item["slug"]),
                    "volgorde": order,
                },
            )
        for order, item in enumerate(data.get("pijlers", [])):
            self.upsert(
                DiPijler,
                {"slug": item["slug"]},
                {
                    "naam": item["naam"],
                    "ondertitel": item.get("ondertitel", ""),
                    "omschrijving": item.get("omschrijving", ""),
                    "volgorde": order,
                },
            )
        for item in data.get("synoniemen", []):
            self.upsert(Synoniem, {"term": item["term"], "synoniem": item["synoniem"]}, {})
        for order, item in enumerate(data.get("doelgroepen", [])):
            self.upsert(
                Doelgroep, {"slug": item["slug"]}, {"naam": item["naam"], "volgorde": order}
            )
        for order, item in enumerate(data.get("kernopgaven", [])):
            kernopgave = self.upsert(
                Kernopgave,
                {"slug": item["slug"]},
                {
                    "naam": item["naam"],
                    "sector": self.ref(Sector, item.get("sector"), item, "sector"),
                    "bron": item.get("bron", "").strip(),
                    "omschrijving": item.get("omschrijving", ""),
                    "volgorde": order,
                },
            )
            if kernopgave is None:
                continue
            for thema_order, thema in enumerate(item.get("themas", [])):
                thema.setdefault("_file", item.get("_file"))
                self.upsert(
                    Thema,
                    {"slug": thema["slug"]},
                    {
                        "naam": thema["naam"],
                        "kernopgave": kernopgave,
                        "nummer": thema.get("nummer"),
                        "omschrijving": thema.get("omschrijving", ""),
                        "volgorde": thema_order,
                    },
                )

    def classification(self, item, *names):
        lookups = {
            "sectoren": Sector,
            "themas": Thema,
            "pijlers": DiPijler,
            "doelgroepen": Doelgroep,
            "instrumenten": Instrument,
            "pilots": Pilot,
            "artikelen": Artikel,
        }
        return {name: self.refs(lookups[name], item.get(name), item, name) for name in names}

    def load_instruments(self, items):
        for item in items:
            self.upsert(
                Instrument,
                {"slug": item["slug"]},
                {
                    "titel": item["titel"],
                    "samenvatting": item.get("samenvatting", "").strip(),
                    "tekst": item.get("tekst", "").strip(),
                    "url": item.get("url", ""),
                    "soort": self.named(InstrumentSoort, item.get("soort")),
                    "aanbieder": self.named(Organisatie, item.get("aanbieder")),
                    "kosten": self.choice(Kosten, item.get("kosten"), item, "kosten", ""),
                    "tijdsinvestering": item.get("tijdsinvestering", "").strip(),
                    "deelnemers": item.get("deelnemers", "").strip(),
                    "uitgelicht": bool(item.get("uitgelicht", False)),
                    "status": Status.GEPUBLICEERD,
                    "publicatiedatum": _as_moment(item.get("publicatiedatum")),
                },
                self.classification(item, "sectoren", "themas", "pijlers", "doelgroepen"),
            )

    def load_keuzehulp(self, data):
        """The keuzehulp's answers and the facet values each stands for (after the
        instruments: instrument kinds are created by name while loading those)."""
        lists = (
            ("keuzehulp_doelen", Doel, {"soorten": InstrumentSoort}),
            ("keuzehulp_onderwerpen", Onderwerp, {"themas": Thema, "pijlers": DiPijler}),
            ("keuzehulp_publiek", Publiek, {"doelgroepen": Doelgroep}),
        )
        for key, model, relations in lists:
            for order, item in enumerate(data.get(key, [])):
                self.upsert(
                    model,
                    {"slug": item["slug"]},
                    {
                        "naam": item["naam"],
                        "kort": item["kort"],
                        "toelichting": item.get("toelichting", "").strip(),
                        "volgorde": order,
                    },
                    {
                        name: self.refs(related, item.get(name), item, name)
                        for name, related in relations.items()
                    },
                )

    def load_pilots(self, items):
        for item in items:
            self.upsert(
                Pilot,
                {"slug": item["slug"]},
                {
                    "titel": item["titel"],
                    "programma": item.get("programma", ""),
                    "fase": self.choice(Fase, item.get("fase"), item, "fase", Fase.LOPEND),
                    "periode": item.get("periode", ""),
                    "samenvatting": item.get("samenvatting", "").strip(),
                    "aanleiding": item.get("aanleiding", "").strip(),
                    "ondersteuning": item.get("ondersteuning", "").strip(),
                    "deelname": item.get("deelname", "").strip(),
                    "opbrengst": item.get("opbrengst", "").strip(),
                    "contact": item.get("contact", "").strip(),
                    "bron_url": item.get("bron_url", ""),
                    "status": Status.GEPUBLICEERD,
                    "publicatiedatum": _as_moment(item.get("publicatiedatum")),
                },
                self.classification(item, "sectoren", "themas"),
            )

    def load_articles(self, items):
        for item in items:
            self.upsert(
                Artikel,
                {"slug": item["slug"]},
                {
                    "titel": item["titel"],
                    "soort": self.choice(
                        ArtikelSoort, item.get("soort"), item, "soort", ArtikelSoort.INFORMATIE
                    ),
                    "samenvatting": item.get("samenvatting", "").strip(),
                    "tekst": item.get("tekst", "").strip(),
                    "bron_url": item.get("bron_url", ""),
                    "bron_titel": item.get("bron_titel", "").strip(),
                    "bron_jaar": item.get("bron_jaar"),
                    "door_redactie": bool(item.get("door_redactie", False)),
                    "status": Status.GEPUBLICEERD,
                    "publicatiedatum": _as_moment(item.get("publicatiedatum")),
                },
                self.classification(
                    item, "sectoren", "themas", "pijlers", "doelgroepen", "instrumenten", "pilots"
                ),
            )

    def load_guides(self, items):
        for item in items:
            plan = self.upsert(
                Stappenplan,
                {"slug": item["slug"]},
                {
                    "titel": item["titel"],
                    "samenvatting": item.get("samenvatting", "").strip(),
                    "tekst": item.get("tekst", "").strip(),
                    "bron_url": item.get("bron_url", ""),
                    "status": Status.GEPUBLICEERD,
                    "publicatiedatum": _as_moment(item.get("publicatiedatum")),
                },
                self.classification(item, "sectoren", "themas"),
            )
            if plan is None:
                continue
            order = 0
            for step in item.get("stappen", []):
                order += 1
                step.setdefault("_file", item.get("_file"))
                parent = self._load_step(plan, step, None, order)
                for sub in step.get("substappen", []) or []:
                    order += 1
                    sub.setdefault("_file", item.get("_file"))
                    self._load_step(plan, sub, parent, order)

    def _load_step(self, plan, step, parent, order):
        return self.upsert(
            Stap,
            {"stappenplan": plan, "slug": step["slug"]},
            {
                "hoofdstap": parent,
                "volgorde": order,
                "bijlage": bool(step.get("bijlage", False)),
                "titel": step["titel"],
                "samenvatting": step.get("samenvatting", "").strip(),
                "tekst": step.get("tekst", "").strip(),
            },
            self.classification(step, "instrumenten", "artikelen"),
            label=f"{plan.titel} › {step['titel']}",
        )

    def load_plans(self, items):
        for item in items:
            plan = self.upsert(
                Jaarplan,
                {"slug": item["slug"]},
                {
                    "titel": item["titel"],
                    "jaar": item["jaar"],
                    "organisatie": self.named(Organisatie, item.get("organisatie")),
                    "sector": self.ref(Sector, item.get("sector"), item, "sector"),
                    "samenvatting": item.get("samenvatting", "").strip(),
                    "tekst": item.get("tekst", "").strip(),
                    "bron_url": item.get("bron_url", ""),
                    "status": Status.GEPUBLICEERD,
                    "publicatiedatum": _as_moment(
                        item.get("publicatiedatum", datetime.date(item["jaar"], 1, 1))
                    ),
                },
            )
            if plan is None:
                continue
            for order, activity in enumerate(item.get("activiteiten", []), start=1):
                activity.setdefault("_file", item.get("_file"))
                self._load_activity(plan, activity, order)

    def _load_activity(self, plan, activity, order):
        thema = self.ref(Thema, activity.get("thema"), activity, "thema")
        if thema is None:
            if not activity.get("thema"):
                self.errors.append(
                    f"{activity.get('_file')}: '{activity['slug']}' heeft geen thema"
                )
            return
        instance = self.upsert(
            Activiteit,
            {"jaarplan": plan, "slug": activity["slug"]},
            {
                "thema": thema,
                "volgorde": order,
                "titel": activity["titel"],
                "soort": self.choice(
                    ActiviteitSoort,
                    activity.get("soort"),
                    activity,
                    "soort",
                    ActiviteitSoort.OVERIG,
                ),
                "omschrijving": activity.get("omschrijving", "").strip(),
            },
            self.classification(activity, "instrumenten", "pilots", "artikelen"),
            label=f"{plan.titel} › {activity['titel']}",
        )
        if instance is None:
            return
        for link_order, link in enumerate(activity.get("links", []) or [], start=1):
            self.upsert(
                ActiviteitLink,
                {"activiteit": instance, "url": link["url"]},
                {"titel": link.get("titel") or link["url"], "volgorde": link_order},
            )

    # -- entry point ------------------------------------------------------------------

    def load(self) -> LoadReport:
        data = self.read()
        with transaction.atomic():
            self.load_taxonomy(data)
            self.load_instruments(data.get("instrumenten", []))
            self.load_keuzehulp(data)
            self.load_pilots(data.get("pilots", []))
            self.load_articles(data.get("artikelen", []))
            self.load_guides(data.get("stappenplannen", []))
            self.load_plans(data.get("jaarplannen", []))
            if self.errors:
                transaction.set_rollback(True)
                raise ContentError("\n".join(self.errors))
        return self.report
