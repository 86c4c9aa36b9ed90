"""Working copies: changes to a live item kept aside until they are published.

A working copy is made by saving the change form the ordinary way inside a transaction
that is rolled back: django-reversion records the saved item and the children it
follows as usual, and those serialized rows are kept as a revision of their own
(`Werkversie.revision`), outside the history. So a working copy is compared,
previewed and applied with the same code as the history's versions:

* preview: the rows are written back in a rolled-back transaction, the page rendered;
* publish: the rows are written back for real and the result saved once more in an
  ordinary revision ("Werkversie gepubliceerd"): one new version in the history;
* discard: the revision is deleted.

`publish_due()` publishes the working copies whose moment has come; `manage.py
publish_scheduled` runs it (every minute, from cron or a systemd timer).
"""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import timezone
from reversion.models import Revision, Version

from voion_portal.core import registry
from voion_portal.editors import history, redirects
from voion_portal.editors.importexport import stamp_authors
from voion_portal.editors.models import Werkversie

COMMENT = "Werkversie"
PUBLISHED_COMMENT = "Werkversie gepubliceerd."
SCHEDULED_COMMENT = "Werkversie gepubliceerd op het geplande moment."


def connect_signals() -> None:
    """A deleted item takes its working copy with it."""
    for entry in registry.public_types():
        post_delete.connect(
            _drop_working_copy,
            sender=entry.model,
            dispatch_uid=f"working-copy-{entry.model._meta.label_lower}",
        )


def _drop_working_copy(sender, instance, **kwargs):
    copy = for_item(instance)
    if copy is not None:
        copy.revision.delete()


def for_item(item) -> Werkversie | None:
    if item is None or item.pk is None:
        return None
    return (
        Werkversie.objects.filter(
            content_type=ContentType.objects.get_for_model(type(item)), object_id=item.pk
        )
        .select_related("revision__user")
        .first()
    )


def history_versions(queryset):
    """`queryset` of versions without those of working copies (not history yet)."""
    return queryset.filter(revision__werkversie__isnull=True)


def revision_rows(item) -> list[dict]:
    """The rows of the revision just saved for `item` (in this transaction): its own
    version and its children's, as `Version` field values."""
    latest = Version.objects.get_for_object(item).order_by("-pk").first()
    return [
        {
            "content_type_id": version.content_type_id,
            "object_id": version.object_id,
            "db": version.db,
            "format": version.format,
            "serialized_data": version.serialized_data,
            "object_repr": version.object_repr,
        }
        for version in latest.revision.version_set.all()
    ]


def keep(item, rows: list[dict], user) -> Werkversie:
    """Store `rows` as the working copy of `item`, replacing an earlier one (its
    planned moment is kept: the editor changed the text, not the plan)."""
    with transaction.atomic():
        earlier = for_item(item)
        moment = earlier.publiceren_op if earlier else None
        if earlier:
            earlier.revision.delete()
        revision = Revision.objects.create(
            date_created=timezone.now(), user=user if user and user.pk else None, comment=COMMENT
        )
        Version.objects.bulk_create(Version(revision=revision, **row) for row in rows)
        return Werkversie.objects.create(
            revision=revision,
            content_type=ContentType.objects.get_for_model(type(item)),
            object_id=item.pk,
            publiceren_op=moment,
        )


def item_version(copy: Werkversie) -> Version:
    return copy.revision.version_set.get(
        content_type_id=copy.content_type_id, object_id=str(copy.object_id)
    )


def write_back(copy: Werkversie):
    """Write the working copy into the item (and its children); returns the item."""
    history.revert_item(item_version(copy))
    return copy.content_type.model_class()._default_manager.get(pk=copy.object_id)


def publish(copy: Werkversie, user=None, comment: str = PUBLISHED_COMMENT):
    """Make the working copy the live item: one new version in the history."""
    model = copy.content_type.model_class()
    with transaction.atomic():
        live = model._default_manager.select_for_update().get(pk=copy.object_id)
        addresses_before = redirects.public_addresses(live)
        item = write_back(copy)
        with reversion.create_revision():
            if user is not None and user.pk:
                reversion.set_user(user)
                stamp_authors(item, user, created=False)
            reversion.set_comment(comment)
            item.save()
        redirects.record_moves(item, addresses_before)
        copy.revision.delete()
    return item


def discard(copy: Werkversie) -> None:
    copy.revision.delete()


def publish_due(now=None) -> list[str]:
    """Publish every working copy whose moment has come; their items' names."""
    now = now or timezone.now()
    published = []
    for copy in Werkversie.objects.filter(publiceren_op__lte=now).order_by("publiceren_op"):
        item = publish(copy, comment=SCHEDULED_COMMENT)
        published.append(str(item))
    return published
