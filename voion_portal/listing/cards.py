"""Cards of content items, rendered once and reused until the content changes.

A catalogue page shows twenty cards. Fetching their tags (sectors, pillars) and
rendering them costs more than finding the page's rows, yet a card depends only on its
own item, and the same card appears on many pages (every filter combination, the home
page, the thema hubs). So each card is cached per saved version of its item (its
`gewijzigd` stamp) under the generation of its type's *cards topic*, which every change
of the app bumps except a plain save of one such item (`caching.cards_topic`): saving
one article makes only that article's card stale, a changed sector link or kind every
card of the type. No card outlives the next scheduled publication. Only the cards
missing from the cache have their tags fetched.
"""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from voion_portal.core.caching import cards_topic, remember_many


@dataclass(frozen=True)
class CardKind:
    template_name: str
    context_name: str  # the name the template knows the item by
    topic: str  # the app whose changes make the card stale (besides the taxonomy)
    prefetch: tuple[str, ...] = ()  # related lists the card shows


INSTRUMENT_CARD = CardKind(
    "includes/instrument_card.html", "instrument", "instrumenten", ("sectoren", "pijlers")
)
ARTIKEL_CARD = CardKind("includes/artikel_card.html", "artikel", "kennisbank", ("sectoren",))


def rendered_cards(items, kind: CardKind) -> list[SafeString]:
    """The HTML card of each item, in order; `items` may be a (sliced) queryset."""
    items = list(items)
    if not items:
        return []
    by_version = {_version(item): item for item in items}

    def render(versions: list) -> list[str]:
        missing = [by_version[version] for version in versions]
        if kind.prefetch:
            prefetch_related_objects(missing, *kind.prefetch)
        template = get_template(kind.template_name)
        return [template.render({kind.context_name: item}) for item in missing]

    model = type(items[0])
    versioned = getattr(model, "cards_show_own_row", False)
    if versioned and all(version[1] is not None for version in by_version):
        topic = cards_topic(model)
    else:  # a stamp not loaded: any change of the app makes the cards stale
        topic = kind.topic
    html = remember_many(f"card:{kind.template_name}", list(by_version), render, topics=(topic,))
    # Rendered by our own template with autoescaping on: safe to insert as is.
    return [mark_safe(card) for card in html]


def _version(item) -> tuple:
    """The item and the moment it was last saved, if loaded (reading a deferred field
    would cost a query per card)."""
    return (item.pk, item.__dict__.get("gewijzigd"))
