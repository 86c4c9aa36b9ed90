"""What the editors' tools keep: link check results (every external address in the content
and where it occurs) and the old addresses of renamed items."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.db import models
from django.urls import reverse


class ExterneLinkQuerySet(models.QuerySet):
    def broken(self):
        return self.filter(gecontroleerd_op__isnull=False, kapot=True)

    def requested(self):
        return self.filter(aangevraagd_op__isnull=False)


class ExterneLink(models.Model):
    """An external address the content links to, and what the last check of it found.

    Filled and checked by `manage.py check_links`, never inside a web request; editors
    see the broken ones in the admin and can ask for a new check (`aangevraagd_op`).
    """

    shown_to_public = False  # link-check results are for editors only

    url = models.URLField("adres", max_length=1000, unique=True)
    gecontroleerd_op = models.DateTimeField("gecontroleerd op", null=True, blank=True)
    statuscode = models.PositiveSmallIntegerField("statuscode", null=True, blank=True)
    eind_url = models.URLField(
        "eindadres",
        max_length=1000,
        blank=True,
        help_text="Waar het adres na doorverwijzingen uitkomt.",
    )
    fout = models.CharField("fout", max_length=300, blank=True)
    kapot = models.BooleanField(
        "kapot", default=False, help_text="Geen antwoord, of een foutcode (400 of hoger)."
    )
    aangevraagd_op = models.DateTimeField(
        "controle aangevraagd op",
        null=True,
        blank=True,
        help_text="Een redacteur vroeg om een nieuwe controle; check_links pakt dit op.",
    )

    objects = ExterneLinkQuerySet.as_manager()

    class Meta:
        verbose_name = "externe link"
        verbose_name_plural = "externe links (linkcontrole)"
        ordering = ["-kapot", "url"]
        indexes = [models.Index(fields=["kapot", "gecontroleerd_op"], name="link_kapot_idx")]

    def __str__(self):
        return self.url

    def get_absolute_url(self):
        return self.url

    @property
    def redirected(self) -> bool:
        return bool(self.eind_url) and self.eind_url != self.url


class Vindplaats(models.Model):
    """Where an external link occurs: which item, which field."""

    shown_to_public = False

    link = models.ForeignKey(
        ExterneLink, verbose_name="link", on_delete=models.CASCADE, related_name="vindplaatsen"
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name="soort item", on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField("item-id")
    item = models.CharField("item", max_length=300)
    veld = models.CharField("veld", max_length=100)

    class Meta:
        verbose_name = "vindplaats"
        verbose_name_plural = "vindplaatsen"
        ordering = ["link", "content_type", "object_id", "veld"]
        constraints = [
            models.UniqueConstraint(
                fields=["link", "content_type", "object_id", "veld"], name="vindplaats_unique"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="vindplaats_item_idx")]

    def __str__(self):
        return f"{self.item} ({self.veld})"

    def get_absolute_url(self):
        return reverse(
            f"admin:{self.content_type.app_label}_{self.content_type.model}_change",
            args=[self.object_id],
        )


class OudAdres(models.Model):
    """A public address an item had before its slug (or its plan's) changed.

    Links in mails, bookmarks, other sites and search engines keep pointing at the old
    address; a visitor following one is sent on permanently (301) to where the item is
    now. The record points at the item, not at an address, so an item renamed twice
    sends both old addresses straight to the current one. Kept by `editors.redirects`
    on every save, from the admin, an import or code alike.
    """

    shown_to_public = False  # recorded in the same save that changes the public pages
    lidwoord = "het"

    pad = models.CharField(
        "oud adres",
        max_length=500,
        unique=True,
        help_text="Het pad zonder domein, bijvoorbeeld /kennisbank/oude-naam/.",
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name="soort item", on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField("item-id")
    item = GenericForeignKey("content_type", "object_id")
    sinds = models.DateTimeField("oud sinds", auto_now=True)

    class Meta:
        verbose_name = "oud adres"
        verbose_name_plural = "oude adressen (doorverwijzingen)"
        ordering = ["-sinds", "pad"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="oudadres_item_idx")]

    def __str__(self):
        return self.pad

    def get_absolute_url(self):
        return self.pad


class Werkversie(models.Model):
    """Changes to a live item that are not public yet: a working copy.

    An editor corrects a published page without changing it for visitors, previews the
    page with the correction, and publishes it now or at a chosen moment, or throws it
    away. The changed item (with the children it is edited with) is kept as a
    django-reversion revision of its own, so it is compared, previewed and applied the
    way the history's versions are; the history itself does not list it until it is
    published (`editors.workingcopy`).
    """

    shown_to_public = False  # nothing of it is public until it is published

    revision = models.OneToOneField(
        "reversion.Revision", verbose_name="revisie", on_delete=models.CASCADE
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name="soort item", on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField("item-id")
    item = GenericForeignKey("content_type", "object_id")
    publiceren_op = models.DateTimeField(
        "publiceren op",
        null=True,
        blank=True,
        help_text="Leeg: de werkversie wacht tot iemand haar publiceert of weggooit.",
    )
    gewijzigd = models.DateTimeField("gewijzigd", auto_now=True)

    class Meta:
        verbose_name = "werkversie"
        verbose_name_plural = "werkversies"
        ordering = ["-gewijzigd"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="werkversie_one_per_item"
            )
        ]
        indexes = [models.Index(fields=["publiceren_op"], name="werkversie_due_idx")]

    def __str__(self):
        return f"Werkversie van {self.revision.version_set.first() or self.object_id}"

    def get_absolute_url(self):
        return reverse(
            f"admin:{self.content_type.app_label}_{self.content_type.model}_change",
            args=[self.object_id],
        )


class InterneLink(models.Model):
    """A link in an item's text to another item of the portal (`item:<type>/<id>`).

    Kept on every save (`editors.internallinks`), so that a renamed, published or
    unpublished target re-renders the texts that link to it, and editors are told of
    links to items the public cannot see (on save and on the dashboard).
    """

    shown_to_public = False  # bookkeeping; the texts themselves are what is public

    bron_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name="soort item met de link",
        on_delete=models.CASCADE,
        related_name="+",
    )
    bron_id = models.PositiveBigIntegerField("item met de link")
    veld = models.CharField("veld", max_length=100)
    doel_soort = models.CharField("soort doel", max_length=50, help_text="Registersleutel.")
    doel_id = models.PositiveBigIntegerField("doel-id")

    class Meta:
        verbose_name = "interne link"
        verbose_name_plural = "interne links"
        ordering = ["bron_type", "bron_id", "veld", "doel_soort", "doel_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bron_type", "bron_id", "veld", "doel_soort", "doel_id"],
                name="internelink_unique",
            )
        ]
        indexes = [
            models.Index(fields=["doel_soort", "doel_id"], name="internelink_doel_idx"),
            models.Index(fields=["bron_type", "bron_id"], name="internelink_bron_idx"),
        ]

    def __str__(self):
        return f"{self.veld} → {self.doel_soort}/{self.doel_id}"

    def get_absolute_url(self):
        return reverse(
            f"admin:{self.bron_type.app_label}_{self.bron_type.model}_change",
            args=[self.bron_id],
        )
