"""Internal links that cannot rot.

An editor links to another item with the admin's chooser, which writes
`[Werkbalans](item:instrumenten/42)`: the item, not its address. The stored HTML gets the
item's address at the time (`core.markup`); this module keeps it right afterwards:

* every save records the item's outgoing internal links (`InterneLink`);
* when a linked item is saved or deleted (renamed, published, unpublished), the texts
  linking to it are rendered again, so their links follow it or become plain text;
* `unreachable_links(item)` and `unreachable_everywhere()` name the links to items the
  public cannot see, for the message after a save and for the dashboard.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from voion_portal.core import registry
from voion_portal.core.markup import item_links, linkable_address
from voion_portal.editors.models import InterneLink


@dataclass(frozen=True)
class Unreachable:
    source: object  # the item whose text has the link
    field: str
    target_key: str
    target_id: int
    target: object | None  # None: deleted

    @property
    def reason(self) -> str:
        if self.target is None:
            return "bestaat niet meer"
        return "is niet openbaar (concept)"


def connect_signals() -> None:
    for entry in registry.public_types():
        uid = f"internal-links-{entry.model._meta.label_lower}"
        post_save.connect(_after_save, sender=entry.model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_after_delete, sender=entry.model, dispatch_uid=f"{uid}-delete")


def _after_save(sender, instance, raw=False, **kwargs):
    record_links(instance)
    rerender_linking_to(instance)


def _after_delete(sender, instance, **kwargs):
    content_type = ContentType.objects.get_for_model(sender)
    InterneLink.objects.filter(bron_type=content_type, bron_id=instance.pk).delete()
    rerender_linking_to(instance)


def record_links(item) -> None:
    """Replace the recorded internal links of `item` by those in its texts now."""
    fields = getattr(item, "markdown_fields", {})
    content_type = ContentType.objects.get_for_model(type(item))
    wanted = {
        (field, key, pk)
        for field in fields
        for key, pk in item_links(getattr(item, field, "") or "")
    }
    recorded = InterneLink.objects.filter(bron_type=content_type, bron_id=item.pk)
    existing = {(link.veld, link.doel_soort, link.doel_id): link.pk for link in recorded}
    stale = [pk for triple, pk in existing.items() if triple not in wanted]
    if stale:
        InterneLink.objects.filter(pk__in=stale).delete()
    InterneLink.objects.bulk_create(
        [
            InterneLink(
                bron_type=content_type, bron_id=item.pk, veld=field, doel_soort=key, doel_id=pk
            )
            for field, key, pk in sorted(wanted - existing.keys())
        ],
        ignore_conflicts=True,
    )


def rerender_linking_to(target) -> None:
    """Render again the texts that link to `target`, which may have moved or changed
    visibility. Written with `update()`: the texts did not change, only their links."""
    entry = registry.get(type(target))  # the signals are connected for registered types only
    rerender_texts_using(entry.key, target.pk)


def rerender_texts_using(key: str, pk: int) -> None:
    """Render again the texts that link to, or show, item or medium `key`/`pk`."""
    links = InterneLink.objects.filter(doel_soort=key, doel_id=pk).select_related("bron_type")
    for content_type, source_id in {(link.bron_type, link.bron_id) for link in links}:
        model = content_type.model_class()
        source = model._base_manager.filter(pk=source_id).first()
        if source is None:
            continue
        before = {html: getattr(source, html) for html in source.markdown_fields.values()}
        source.render_markdown_fields()
        after = {html: getattr(source, html) for html in source.markdown_fields.values()}
        if after != before:
            model._base_manager.filter(pk=source_id).update(**after)


def unreachable_links(item) -> list[Unreachable]:
    """The internal links in `item`'s texts that the public could not follow."""
    content_type = ContentType.objects.get_for_model(type(item))
    links = InterneLink.objects.filter(
        bron_type=content_type, bron_id=item.pk, doel_soort__in=_item_keys()
    )
    return [found for link in links if (found := _unreachable(item, link))]


def _item_keys() -> list[str]:
    """The keys of links to items; library media (recorded alongside) are not items."""
    return [entry.key for entry in registry.public_types()]


def unreachable_everywhere(limit: int = 50) -> list[Unreachable]:
    """Links, in public items' texts, to items the public cannot see: a few queries per
    type, however many links there are."""
    links = list(
        InterneLink.objects.filter(doel_soort__in=_item_keys()).select_related("bron_type")
    )
    targets: dict[str, dict] = {}
    reachable: set[tuple[str, int]] = set()
    for key in {link.doel_soort for link in links}:
        entry = registry.by_key(key)
        if entry is None:
            continue
        ids = {link.doel_id for link in links if link.doel_soort == key}
        targets[key] = entry.model._base_manager.in_bulk(ids)
        public = set(
            entry.model.objects.published().filter(pk__in=ids).values_list("pk", flat=True)
        )
        planned = {pk for pk, item in targets[key].items() if getattr(item, "is_scheduled", False)}
        reachable |= {(key, pk) for pk in public | planned}
    broken = [link for link in links if (link.doel_soort, link.doel_id) not in reachable]
    sources: dict[tuple[int, int], object] = {}
    for content_type in {link.bron_type for link in broken}:
        ids = {link.bron_id for link in broken if link.bron_type_id == content_type.pk}
        for item in content_type.model_class().objects.published().filter(pk__in=ids):
            sources[(content_type.pk, item.pk)] = item  # a draft's links wait for it
    found = [
        Unreachable(
            source,
            link.veld,
            link.doel_soort,
            link.doel_id,
            targets.get(link.doel_soort, {}).get(link.doel_id),
        )
        for link in broken
        if (source := sources.get((link.bron_type_id, link.bron_id))) is not None
    ]
    return found[:limit]


def _unreachable(source, link) -> Unreachable | None:
    if linkable_address(link.doel_soort, link.doel_id):
        return None
    entry = registry.by_key(link.doel_soort)
    target = entry.model._base_manager.filter(pk=link.doel_id).first() if entry else None
    return Unreachable(source, link.veld, link.doel_soort, link.doel_id, target)
