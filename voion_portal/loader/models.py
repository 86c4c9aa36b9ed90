"""Bookkeeping for the content loader (see `manage.py load_content`)."""

from django.db import models


class FixtureRecord(models.Model):
    """What the content loader last wrote for one item.

    The loader compares an item's current state with `state_checksum` to tell
    whether an editor has changed it since; edited items are never overwritten.
    """

    shown_to_public = False  # the loader's bookkeeping

    key = models.CharField("sleutel", max_length=300, unique=True)
    fixture_checksum = models.CharField("checksum bestand", max_length=64)
    state_checksum = models.CharField("checksum na laden", max_length=64)
    loaded_at = models.DateTimeField("geladen op", auto_now=True)

    class Meta:
        verbose_name = "geladen inhoudsitem"
        verbose_name_plural = "geladen inhoudsitems"
        ordering = ["key"]

    def __str__(self):
        return self.key

    def get_absolute_url(self):
        return "/admin/"
