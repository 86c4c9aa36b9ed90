"""Publishing as editors speak of it, and what happens at a planned moment.

The change form asks one question — Concept, Publiceren or Inplannen op … — and an
optional "Depubliceren op …", instead of a status and a moment whose combination
editors had to know (`PublicationForm`). Underneath, the item keeps its status and
publication moment: a new item planned for a moment is public from then on by itself.

What must be *done* at a moment is done by `run_due()` (`manage.py publish_scheduled`,
every minute): planned working copies are published and items whose "depubliceren op"
has come become drafts again, each with a version in the history.
"""

import reversion
from django import forms
from django.db import transaction
from django.utils import timezone

from voion_portal.core import registry
from voion_portal.core.content import Status
from voion_portal.editors import workingcopy

CONCEPT, NOW, PLANNED = "concept", "nu", "inplannen"
UNPUBLISHED_COMMENT = "Gedepubliceerd op het geplande moment."


class PublicationForm(forms.ModelForm):
    """A content form whose publication is chosen as an action (see the module)."""

    publiceren = forms.ChoiceField(
        label="Publicatie",
        widget=forms.RadioSelect,
        choices=[
            (CONCEPT, "Concept — alleen de redactie ziet het"),
            (
                NOW,
                "Publiceren — openbaar vanaf nu (of vanaf het publicatiemoment, als dat eerder is)",
            ),
            (PLANNED, "Inplannen — openbaar vanaf het publicatiemoment hieronder"),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        item = self.instance
        if item.pk is None or item.status == Status.CONCEPT:
            self.fields["publiceren"].initial = CONCEPT
        else:
            self.fields["publiceren"].initial = PLANNED if item.is_scheduled else NOW
        if "publicatiedatum" in self.fields:
            self.fields["publicatiedatum"].label = "Publicatiemoment (bij inplannen: wanneer)"

    def clean(self):
        cleaned_data = super().clean()
        choice = cleaned_data.get("publiceren")
        moment = cleaned_data.get("publicatiedatum")
        now = timezone.now()
        if choice == CONCEPT:
            self.instance.status = Status.CONCEPT
        elif choice == NOW:
            self.instance.status = Status.GEPUBLICEERD
            if moment is None or moment > now:
                cleaned_data["publicatiedatum"] = now
        elif choice == PLANNED:
            self.instance.status = Status.GEPUBLICEERD
            if moment is not None and moment <= now:
                self.add_error(
                    "publicatiedatum",
                    "Kies voor inplannen een moment in de toekomst, of kies Publiceren.",
                )
        end = cleaned_data.get("depubliceren_op")
        start = cleaned_data.get("publicatiedatum")
        if end is not None and choice != CONCEPT:
            if end <= now:
                self.add_error(
                    "depubliceren_op", "Kies een moment in de toekomst, of laat het leeg."
                )
            elif start is not None and end <= start:
                self.add_error("depubliceren_op", "Depubliceren kan pas na het publicatiemoment.")
        return cleaned_data


def run_due(now=None) -> list[str]:
    """Everything planned for `now` or earlier: what was done, one line per item."""
    now = now or timezone.now()
    done = [f"gepubliceerd: {name}" for name in workingcopy.publish_due(now)]
    done += [f"gedepubliceerd: {name}" for name in unpublish_due(now)]
    return done


def unpublish_due(now) -> list[str]:
    """Make the public items whose "depubliceren op" has come drafts again."""
    names = []
    for entry in registry.scheduled_types():
        model = entry.model
        if not any(field.name == "depubliceren_op" for field in model._meta.fields):
            continue
        due = model._default_manager.filter(
            status=Status.GEPUBLICEERD, depubliceren_op__lte=now
        ).order_by("depubliceren_op")
        for item in due:
            with transaction.atomic(), reversion.create_revision():
                reversion.set_comment(UNPUBLISHED_COMMENT)
                item.status = Status.CONCEPT
                item.depubliceren_op = None
                item.save()
            names.append(str(item))
    return names
