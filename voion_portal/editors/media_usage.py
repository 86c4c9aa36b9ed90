"""Where a library image or document is used, and what follows from it.

An image or document is used as a field of an item (an instrument's logo, an article's
documents) or inside a text (`![…](afbeelding:12)`, recorded as an `InterneLink` on every
save). From that:

* deleting a file still in use is refused, naming every place (`protect_if_used`; the
  admin shows the same list before anyone confirms);
* a changed alternative text, caption or file re-renders the texts that show it;
* the files of a deleted image or document leave the storage once the deletion is
  committed.
"""

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import ManyToManyRel, ManyToOneRel, ProtectedError
from django.db.models.signals import post_delete, post_save, pre_delete

from voion_portal.editors.internallinks import rerender_texts_using
from voion_portal.editors.models import InterneLink
from voion_portal.media.models import Afbeelding, Document

MEDIA_KEYS = {Afbeelding: "afbeelding", Document: "document"}


@dataclass(frozen=True)
class Usage:
    item: object
    how: str  # "logo", "documenten", "tekst"

    def __str__(self):
        kind = self.item._meta.verbose_name
        return f"{kind} ‘{self.item}’ ({self.how})"


def usages(medium) -> list[Usage]:
    """Every item that uses `medium`: through a field or in one of its texts."""
    found: list[Usage] = []
    # Hidden relations too: the content types point here with related_name="+".
    for relation in type(medium)._meta.get_fields(include_hidden=True):
        if not isinstance(relation, ManyToOneRel | ManyToManyRel):
            continue
        model = relation.related_model
        if model._meta.auto_created:
            continue  # the link table of a many-to-many field: found through the field
        field = relation.field
        for item in model._base_manager.filter(**{field.name: medium}).distinct():
            found.append(Usage(item, str(field.verbose_name)))
    links = InterneLink.objects.filter(
        doel_soort=MEDIA_KEYS[type(medium)], doel_id=medium.pk
    ).select_related("bron_type")
    for link in links:
        model = link.bron_type.model_class()
        item = model._base_manager.filter(pk=link.bron_id).first() if model else None
        if item is not None:
            field = model._meta.get_field(link.veld).verbose_name
            found.append(Usage(item, f"in de {field}"))
    return sorted(set(found), key=str)


def protect_if_used(sender, instance, **kwargs):
    used = usages(instance)
    if used:
        names = "; ".join(str(usage) for usage in used)
        raise ProtectedError(
            f"{instance._meta.verbose_name.capitalize()} ‘{instance}’ wordt nog gebruikt: {names}.",
            {usage.item for usage in used},
        )


def _files_of(medium) -> list[str]:
    if isinstance(medium, Afbeelding):
        return medium.file_names()
    return [medium.bestand.name] if medium.bestand.name else []


def remove_files_later(names: list[str]) -> None:
    """Remove stored files once the transaction that stopped using them commits; a
    rolled-back change keeps them."""

    def remove():
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(remove)


def _after_delete(sender, instance, **kwargs):
    remove_files_later(_files_of(instance))


def _after_save(sender, instance, raw=False, **kwargs):
    if not raw:
        rerender_texts_using(MEDIA_KEYS[sender], instance.pk)


def connect_signals() -> None:
    for model in MEDIA_KEYS:
        uid = f"media-{model._meta.model_name}"
        pre_delete.connect(protect_if_used, sender=model, dispatch_uid=f"{uid}-protect")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-files")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-rerender")
