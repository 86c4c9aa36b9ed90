"""The public content types, each declared once, next to its model.

Search, the sitemap, the page cache's schedule, the editors' dashboard and the link
check all need to know which kinds of content the portal shows and how. Each of them
reads this registry instead of keeping a list of its own, so a new content type is one
`register(...)` call in its app's `models.py`:

    register(
        Artikel,
        key="kennisbank",
        label="Kennisbank",
        search_weights={"titel": "A", "samenvatting": "B", "tekst": "C"},
        snippet_fields=("samenvatting", "tekst"),
        link_fields=("bron_url",),
        sitemap="weekly",
    )

Models that are not pages of their own but hold external addresses (an activity's links,
an organisation's website) are declared with `register_link_source(...)`.
"""

from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class PublicType:
    """What the rest of the portal needs to know about one public content type."""

    model: type
    # Names the type in URLs (`/zoeken/?type=`) and code; stable.
    key: str
    # How visitors see the type named, e.g. as a group of search results.
    label: str
    # Text fields searched, with their weight: A (title) > B (summary) > C (body).
    # Empty: the type is not searched (the model then has no search vector).
    search_weights: tuple[tuple[str, str], ...] = ()
    # The texts a search result's snippet is cut from, first the one tried first.
    snippet_fields: tuple[str, ...] = ()
    # The field a search result is shown by (and its words offered as corrections).
    title_field: str = "titel"
    # What the model's `search_facts()` (kind, date, sectors beside a result) reads
    # besides its own columns: related objects and lists, fetched for all shown at once.
    search_prefetch: tuple[str, ...] = ()
    # The foreign key to the page an item is part of (a step's guide, an activity's
    # plan): named next to the item in search results; the item is public with it.
    parent: str = ""
    # Whether the type has a publication moment of its own that editors may set in the
    # future; caches then expire when it passes.
    scheduled: bool = True
    # Fields holding one external address each; Markdown fields are checked too.
    link_fields: tuple[str, ...] = ()
    # How often the sitemap says the page changes; None keeps the type out of it.
    sitemap: str | None = "monthly"
    # Whether the editors' dashboard lists drafts, scheduled and recent items of it.
    on_dashboard: bool = True
    # Where the type's results appear on the search overview (lowest first).
    search_position: int = 0
    # What a published item must have filled in to be findable (a text or URL field, or
    # a many-to-many list); the editors' completeness report lists items lacking any.
    required_fields: tuple[str, ...] = ()

    @property
    def searchable(self) -> bool:
        return bool(self.search_weights)

    @property
    def weights(self) -> dict[str, str]:
        return dict(self.search_weights)


@dataclass(frozen=True)
class LinkSource:
    """A model whose rows hold external addresses the link check visits.

    `owner` names the foreign key to the item editors open in the admin when the row is
    edited inline (an activity's links).
    """

    model: type
    url_fields: tuple[str, ...] = ()
    owner: str = ""


_types: dict[type, PublicType] = {}
_link_sources: list[LinkSource] = []


def register(model, *, search_weights: dict[str, str] | None = None, **declared) -> PublicType:
    """Declare `model` a public content type (see `PublicType` for what to declare)."""
    if model in _types:
        raise ImproperlyConfigured(f"{model.__name__} is registered twice.")
    weights = tuple((search_weights or {}).items())
    entry = PublicType(model=model, search_weights=weights, **declared)
    if any(other.key == entry.key for other in _types.values()):
        raise ImproperlyConfigured(f"Two content types use the key {entry.key!r}.")
    _types[model] = entry
    return entry


def register_link_source(model, url_fields: tuple[str, ...], *, owner: str = "") -> None:
    """Declare a model that is no page of its own but holds external addresses."""
    _link_sources.append(LinkSource(model, url_fields, owner))


def public_types() -> list[PublicType]:
    """Every registered type, in the order the apps were loaded."""
    return list(_types.values())


def by_key(key: str) -> PublicType | None:
    """The type registered under `key` (as in `/zoeken/?type=` and internal links)."""
    return next((entry for entry in _types.values() if entry.key == key), None)


def get(model) -> PublicType:
    try:
        return _types[model]
    except KeyError:
        raise ImproperlyConfigured(f"{model.__name__} is not a registered content type.") from None


def searchable_types() -> list[PublicType]:
    """The types search covers, in the order the overview shows them."""
    return sorted((t for t in _types.values() if t.searchable), key=lambda t: t.search_position)


def scheduled_types() -> list[PublicType]:
    return [entry for entry in _types.values() if entry.scheduled]


def dashboard_types() -> list[PublicType]:
    return [entry for entry in _types.values() if entry.on_dashboard]


def sitemap_types() -> list[PublicType]:
    return [entry for entry in _types.values() if entry.sitemap]


def link_sources() -> list[LinkSource]:
    """Every model whose rows the link check reads: the content types and the others."""
    own = [LinkSource(entry.model, entry.link_fields) for entry in _types.values()]
    return own + list(_link_sources)


def project_apps() -> list:
    """The Django apps of this project (not Django's own or third-party ones): those whose
    top-level package is a folder of the checkout. (Not "whose files lie below it": a
    virtualenv inside the checkout holds Django's own apps too.)"""
    base = Path(settings.BASE_DIR)
    return [
        config
        for config in apps.get_app_configs()
        if (base / config.name.split(".")[0] / "__init__.py").is_file()
    ]
