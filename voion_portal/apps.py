from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save


class VoionPortalConfig(AppConfig):
    """The project package: shared content base, markup, templates tags, site views."""

    name = "voion_portal"
    verbose_name = "Voion portal"

    def ready(self):
        from django.core import checks

        from voion_portal.core import caching, dutch_admin, registry, revalidation, security
        from voion_portal.editors import internallinks, media_usage, redirects, workingcopy
        from voion_portal.editors.permissions import sync_redactie_group_after_migrate
        from voion_portal.media import embeds
        from voion_portal.search import engine, indexing

        caching.connect_signals()
        # A stale search page is kept when the items saved since never matched its query.
        revalidation.check_saved_items_with(engine.saved_items_matched)
        checks.register(security.proxy_address_check, checks.Tags.security, deploy=True)
        dutch_admin.name_link_tables()
        dutch_admin.dutch_boolean_icons()
        # Renaming an item keeps its old address working (a 301 to the new one).
        redirects.connect_signals()
        workingcopy.connect_signals()
        # Texts linking to an item follow it when it moves or goes offline.
        internallinks.connect_signals()
        # Library media: shown in texts, protected while in use, their files tidied up.
        embeds.register()
        media_usage.connect_signals()
        # Editors' rights are live policy: synced after every migrate, not by data migrations.
        post_migrate.connect(sync_redactie_group_after_migrate, sender=self)
        # The SQLite full-text index is derived from the content, outside the migrations.
        post_migrate.connect(indexing.rebuild_after_migrate, sender=self)
        for entry in registry.searchable_types():
            pre_save.connect(indexing.keep_vector_before_save, sender=entry.model)
            post_save.connect(indexing.index_saved_item, sender=entry.model)
            post_delete.connect(indexing.unindex_deleted_item, sender=entry.model)
