"""Inlines for long lists of children: grouped in sections, or as a tree.

Django's stacked inline lists its forms in formset order. A jaarplan's ~45 activities
read better per kernopgave and thema, a stappenplan's steps as main steps with their
sub-steps. The inlines here arrange the same forms in Python (`arrange()`); their
templates only render the arrangement (`{% arranged_forms %}`, editor_inlines).

Every form keeps its formset prefix and the management form is untouched, so a POST is
what Django's own templates would send, and Django's inlines.js keeps adding and removing
rows. Rows added in the browser, and unsaved rows sent back with errors, come after all
saved rows: inlines.js renumbers the forms in page order when an unsaved row is removed,
which must leave the saved rows' numbers below the formset's initial count.
"""

from dataclasses import dataclass, field

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper

from voion_portal.editors.admin import TEXT_FORM_FIELDS, MarkdownEditorMixin


@dataclass
class ArrangedForms:
    """What an arranged inline template renders."""

    groups: list  # FormGroup or StepNode, per inline
    new_forms: list  # unsaved rows sent back with errors: after the saved ones
    empty_form: object | None  # the template inlines.js copies for "add another"


@dataclass
class FormGroup:
    """A titled group of forms (an activity's thema), or of groups (its kernopgave)."""

    title: str
    forms: list = field(default_factory=list)
    groups: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.forms) + sum(group.count for group in self.groups)

    @property
    def has_errors(self) -> bool:
        """A group holding a form with errors opens by itself."""
        return any(form.form.errors for form in self.forms) or any(
            group.has_errors for group in self.groups
        )


@dataclass
class StepNode:
    """A main step's form and the forms of its sub-steps."""

    form: object
    children: list = field(default_factory=list)


def split_forms(inline_admin_formset):
    """(saved rows, unsaved rows, the empty template row) of an inline's forms."""
    forms = list(inline_admin_formset)
    empty = forms.pop() if inline_admin_formset.has_add_permission and forms else None
    saved = [form for form in forms if form.original is not None and form.original.pk]
    new = [form for form in forms if form.original is None or not form.original.pk]
    return saved, new, empty


def bound_number(inline_admin_form, name: str) -> int:
    """The number the form shows in `name`: what was sent, or else what is stored."""
    try:
        return int(inline_admin_form.form[name].value())
    except (TypeError, ValueError):
        return 0


class ArrangedInline(MarkdownEditorMixin, admin.StackedInline):
    """A stacked inline whose template renders `arrange()`'s groups. Text areas keep
    their line endings (no spurious changes) and get the Markdown editor."""

    formfield_overrides = TEXT_FORM_FIELDS
    extra = 0
    show_change_link = True

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is None:
            return field
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs["rows"] = 5  # dozens of forms on one page: short boxes
        if isinstance(field.widget, RelatedFieldWidgetWrapper):
            # Changing or deleting a thema or instrument is not done from inside a plan;
            # adding one that is missing is.
            field.widget.can_change_related = False
            field.widget.can_delete_related = False
            field.widget.can_view_related = False
        return field

    def arrange(self, inline_admin_formset) -> ArrangedForms:
        raise NotImplementedError
