"""Cards of content items, rendered once and reused until the content changes.

A catalogue page shows twenty cards. Fetching their tags (sectors, pillars) and
rendering them costs more than finding the page's rows, yet a card depends only on its
own item, and the same card appears on many pages (every filter combination, the home
page, the thema hubs). So each card is cached under the content generation of its
type: any save of that type (or of the taxonomy) makes its cards stale, and no card
outlives the next scheduled publication. Only the cards missing from the cache have
their tags fetched.
"""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from voion_portal.core.caching import remember_many


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
    by_pk = {item.pk: item for item in items}

    def render(pks: list) -> list[str]:
        missing = [by_pk[pk] for pk in pks]
        if kind.prefetch:
            prefetch_related_objects(missing, *kind.prefetch)
        template = get_template(kind.template_name)
        return [template.render({kind.context_name: item}) for item in missing]

    html = remember_many(
        f"card:{kind.template_name}", [item.pk for item in items], render, topics=(kind.topic,)
    )
    # Rendered by our own template with autoescaping on: safe to insert as is.
    return [mark_safe(card) for card in html]
