"""When a list's facet counts really change: only when what they count changes.

The counts of a selection without free text depend on which items are published and
on their facet values (kind, sectors, thema's, …), nothing else. Most edits on an
editing day change neither: a corrected sentence, a new summary, a better title. So each
watched model has a topic of its own for its counts, bumped only when an item is added
or deleted, changes in bulk, or changes its publication state or a facet value (a
column, or a many-to-many link). The counts of selections with free text also depend
on the texts and follow the model's app topic instead (see `FacetedListing.counts`).

Each app watches its faceted model once, in its AppConfig.ready(), so that every process
that saves (the admin, the loader, the task worker) bumps the right topic.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from voion_portal.core.caching import bump_generation
from voion_portal.core.content import bulk_changed

# Fields whose change can move an item in or out of `published()`.
PUBLICATION_FIELDS = ("status", "publicatiedatum")

_watched: dict[type, tuple[str, ...]] = {}  # model -> counted column attnames


def counts_topic(model) -> str:
    """The topic of the counts of `model`'s lists; its app's topic if not watched."""
    if model in _watched:
        return f"{model._meta.label_lower}.facets"
    return model._meta.app_label


def watch(model, facet_specs) -> None:
    """Bump `counts_topic(model)` whenever what `facet_specs` count changes."""
    columns, relations = list(PUBLICATION_FIELDS), []
    for spec in facet_specs:
        field = model._meta.get_field(spec.field)
        if field.many_to_many:
            relations.append(field.remote_field.through)
        else:
            columns.append(field.attname)
    _watched[model] = tuple(columns)
    uid = f"facet-counts-{model._meta.label_lower}"
    post_init.connect(_remember_counted_values, sender=model, dispatch_uid=f"{uid}-init")
    post_save.connect(_on_save, sender=model, dispatch_uid=f"{uid}-save")
    post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}-delete")
    bulk_changed.connect(_on_change, sender=model, dispatch_uid=f"{uid}-bulk")
    for through in relations:
        m2m_changed.connect(_on_link_change, sender=through, dispatch_uid=f"{uid}-{through}")


def _counted_values(instance) -> tuple | None:
    """The counted columns as loaded; None when one was not loaded (deferred): reading it
    would cost a query, and an unknown value counts as changed."""
    loaded = instance.__dict__
    columns = _watched[type(instance)]
    if any(column not in loaded for column in columns):
        return None
    return tuple(loaded[column] for column in columns)


def _remember_counted_values(sender, instance, **kwargs):
    instance._counted_values = _counted_values(instance)


def _bump(model) -> None:
    topics = [counts_topic(model)]
    bump_generation(topics)
    # Counts recomputed between the change and its commit read the old rows: stale too.
    transaction.on_commit(lambda: bump_generation(topics))


def _on_save(sender, instance, created, **kwargs):
    now = _counted_values(instance)
    before = getattr(instance, "_counted_values", None)
    if created or now is None or before is None or now != before:
        _bump(sender)
    instance._counted_values = now


def _on_change(sender, **kwargs):
    _bump(sender)


def _on_link_change(sender, instance, action, reverse, model, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    # Changed from the item's side (artikel.sectoren.add) or the term's (sector.artikel_set).
    _bump(model if reverse else type(instance))
