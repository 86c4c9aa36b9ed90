"""The admin in Dutch where a translation catalogue cannot do it.

* Django's Dutch builds every success message as "De {name} … is met succes gewijzigd";
  a het-word needs "Het artikel …". A model says which article its name takes with a
  class attribute `lidwoord = "het"` (no attribute: "de"); admins that edit such models
  mix in `DutchMessagesMixin`.
* The automatic link tables of many-to-many fields (`Artikel_themas`) have no `__str__`
  of their own, so a delete confirmation listed "Artikel_themas object (105)"; they get
  a name and a text an editor can read.
* Yes/no icons in lists and read-only fields say "ja"/"nee" to a screen reader, where
  Django writes Python's True/False into the alt text.
"""

import re

from django.apps import apps
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe

# Apps whose models editors meet; Django's own (users, groups) keep their own wording.
PROJECT_MODULES = ("voion_portal.", "kennisbank.", "instrumenten.", "jaarplan.", "pilots.")


def lidwoord(model) -> str:
    """The definite article of the model's name: "het" (het artikel) or "de" (de pilot)."""
    return getattr(model, "lidwoord", "de")


def with_article(message, model):
    """`message` with "Het" where Django's Dutch wrote "De" before a het-word's name."""
    if lidwoord(model) != "het":
        return message
    name = re.escape(str(model._meta.verbose_name))
    fixed = re.sub(rf"^De ({name})\b", r"Het \1", str(message))
    # "U kunt deze hieronder … bewerken" refers to the item: "het" for a het-word.
    fixed = fixed.replace("U kunt deze hieronder", "U kunt het hieronder")
    return mark_safe(fixed) if isinstance(message, SafeData) else fixed


class DutchMessagesMixin:
    """For a ModelAdmin: its success messages use the model's article."""

    def message_user(self, request, message, *args, **kwargs):
        return super().message_user(request, with_article(message, self.model), *args, **kwargs)


def _link_text(source: str, target: str):
    def __str__(self):
        return f"{getattr(self, source)} – {getattr(self, target)}"

    return __str__


def name_link_tables() -> None:
    """Readable names for the automatic link table of every many-to-many field."""
    for model in apps.get_models():
        if not model.__module__.startswith(PROJECT_MODULES):
            continue
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue
            pair = f"{model._meta.verbose_name} – {field.related_model._meta.verbose_name}"
            through._meta.verbose_name = f"koppeling {pair}"
            through._meta.verbose_name_plural = f"koppelingen {pair}"
            through.__str__ = _link_text(field.m2m_field_name(), field.m2m_reverse_field_name())


def _boolean_icon(value):
    icon = {True: "yes", False: "no", None: "unknown"}[value]
    text = {True: "ja", False: "nee", None: "onbekend"}[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), text)


def dutch_boolean_icons() -> None:
    """Django's lists and read-only fields import `_boolean_icon` from this module each
    time they draw one; replacing it there is the one place that reaches them all."""
    from django.contrib.admin.templatetags import admin_list

    admin_list._boolean_icon = _boolean_icon
