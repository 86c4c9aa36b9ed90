"""Cards of content items, rendered once and reused until the content changes.

A catalogue page shows twenty cards. Fetching their tags (sectors, pillars) and
rendering them costs more than finding the page's rows, yet a card depends only on its
own item, and the same card appears on many pages (every filter combination, the home
page, the thema hubs). So each card is cached under the page cache's content
generation: any save makes every card stale at once, and no card outlives the next
scheduled publication. Only the cards missing from the cache have their tags fetched.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from voion_portal.core import pagecache


@dataclass(frozen=True)
class CardKind:
    template_name: str
    context_name: str  # the name the template knows the item by
    prefetch: tuple[str, ...] = ()  # related lists the card shows


INSTRUMENT_CARD = CardKind("includes/instrument_card.html", "instrument", ("sectoren", "pijlers"))
ARTIKEL_CARD = CardKind("includes/artikel_card.html", "artikel")


def rendered_cards(items, kind: CardKind) -> list[SafeString]:
    """The HTML card of each item, in order; `items` may be a (sliced) queryset."""
    items = list(items)
    if not items:
        return []
    generation = pagecache.current_generation()
    keys = [f"card:{kind.template_name}:{generation}:{item.pk}" for item in items]
    found = cache.get_many(keys)
    missing = [(key, item) for key, item in zip(keys, items, strict=True) if key not in found]
    if missing:
        missing_items = [item for _, item in missing]
        if kind.prefetch:
            prefetch_related_objects(missing_items, *kind.prefetch)
        template = get_template(kind.template_name)
        fresh = {key: template.render({kind.context_name: item}) for key, item in missing}
        timeout = pagecache.content_cache_timeout(generation)
        if timeout:
            cache.set_many(fresh, timeout)
        found |= fresh
    # Rendered by our own template with autoescaping on: safe to insert as is.
    return [mark_safe(found[key]) for key in keys]
