"""Old addresses of renamed items, recorded on save and followed with a 301.

When a save changes the address of a public item (its slug, or the slug of the plan a
step belongs to), the address it had is recorded (`OudAdres`) for the item. Steps move
with their stappenplan, so renaming a plan records its steps' old addresses too. Only
addresses the public could see are recorded: renaming a draft breaks no one's link.

`follow(path)` is what the site does with a request that found nothing: the current
address of the item that used to live there, if the public may see it.
"""

from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save, pre_save

from voion_portal.core import registry
from voion_portal.editors.models import OudAdres


def connect_signals() -> None:
    for entry in registry.public_types():
        uid = f"old-addresses-{entry.model._meta.label_lower}"
        pre_save.connect(_note_addresses, sender=entry.model, dispatch_uid=f"{uid}-before")
        post_save.connect(_record_moves, sender=entry.model, dispatch_uid=f"{uid}-after")


def follow(path: str) -> str | None:
    """Where the item that had address `path` is now, when the public may see it."""
    if "\x00" in path or len(path) > OudAdres._meta.get_field("pad").max_length:
        return None  # never recorded; PostgreSQL refuses a NUL in text outright
    moved = OudAdres.objects.filter(pad=path).select_related("content_type").first()
    if moved is None:
        return None
    model = moved.content_type.model_class()
    if model not in {entry.model for entry in registry.public_types()}:
        return None
    item = model.objects.published().filter(pk=moved.object_id).first()
    if item is None:
        return None
    current = item.get_absolute_url()
    return None if _path(current) == path else current


def public_addresses(item) -> dict[tuple[int, int], str]:
    """The address path of `item` and of the items whose address contains its slug (a
    stappenplan's steps), by (content type id, pk); only those the public can see."""
    addresses = {}
    model = type(item)
    if model.objects.published().filter(pk=item.pk).exists():
        addresses[_key(item)] = _path(item.get_absolute_url())
    for child_type in _children_of(model):
        children = child_type.model.objects.published().filter(**{child_type.parent: item.pk})
        for child in children.select_related(child_type.parent):
            path = _path(child.get_absolute_url())
            if path not in addresses.values():  # not a part of the page (an activity)
                addresses[_key(child)] = path
    return addresses


def _note_addresses(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    stored = sender._base_manager.filter(pk=instance.pk).first()
    if stored is not None:
        instance._public_addresses_before = public_addresses(stored)


def _record_moves(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop("_public_addresses_before", None)
    if not raw and before:
        record_moves(instance, before)


def record_moves(item, before: dict[tuple[int, int], str]) -> None:
    """Record the addresses in `before` (`public_addresses` of `item` before it changed)
    that moved."""
    now = {key: _path(_current_item(key, item).get_absolute_url()) for key in before}
    for (content_type_id, pk), old_path in before.items():
        if now[(content_type_id, pk)] != old_path:
            OudAdres.objects.update_or_create(
                pad=old_path, defaults={"content_type_id": content_type_id, "object_id": pk}
            )
    # An item back at an address it had before is no longer away from it.
    OudAdres.objects.filter(pad__in=now.values()).delete()


def _current_item(key, saved):
    """The item of `key` as it is after the save of `saved` (a child reads its parent anew)."""
    if key == _key(saved):
        return saved
    content_type_id, pk = key
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return model._base_manager.get(pk=pk)


def _children_of(model) -> list[registry.PublicType]:
    """The registered types whose address is built from an item of `model`."""
    return [
        entry
        for entry in registry.public_types()
        if entry.parent and entry.model._meta.get_field(entry.parent).related_model is model
    ]


def _key(item) -> tuple[int, int]:
    return ContentType.objects.get_for_model(type(item)).pk, item.pk


def _path(url: str) -> str:
    return urlsplit(url).path
