"""Every field an editor can fill in says what to write and where it shows."""

import pytest
from django.contrib import admin

CONTENT_APPS = {"kennisbank", "instrumenten", "jaarplan", "pilots", "taxonomy", "keuzehulp"}


def edited_models():
    """The content models with an admin page, and the models edited inline on them."""
    found = set()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in CONTENT_APPS:
            continue
        found.add(model)
        found.update(inline.model for inline in model_admin.inlines)
    return sorted(found, key=lambda model: model._meta.label)


def editable_fields(model):
    for field in model._meta.get_fields():
        if field.auto_created or not getattr(field, "editable", False):
            continue
        if field.concrete or field.many_to_many:
            yield field


def test_the_content_models_are_found():
    labels = {model._meta.label for model in edited_models()}
    assert {
        "kennisbank.Artikel",
        "kennisbank.Stappenplan",
        "kennisbank.Stap",
        "instrumenten.Instrument",
        "jaarplan.Jaarplan",
        "jaarplan.Activiteit",
        "jaarplan.ActiviteitLink",
        "pilots.Pilot",
        "pilots.Interesseaanmelding",
        "taxonomy.Thema",
        "taxonomy.Organisatie",
    } <= labels


@pytest.mark.parametrize("model", edited_models(), ids=lambda model: model._meta.label)
def test_every_editable_field_has_help_text_for_editors(model):
    missing = [field.name for field in editable_fields(model) if not str(field.help_text).strip()]
    assert missing == [], f"{model._meta.label}: fields without help text: {missing}"


@pytest.mark.parametrize("model", edited_models(), ids=lambda model: model._meta.label)
def test_help_texts_speak_plain_dutch_not_bare_markdown(model):
    # "Markdown." alone tells an editor nothing about what to write.
    bare = [
        field.name
        for field in editable_fields(model)
        if str(field.help_text).strip().rstrip(".").lower() == "markdown"
    ]
    assert bare == []
