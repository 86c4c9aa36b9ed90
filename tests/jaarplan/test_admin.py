"""A jaarplan's change page: every activity editable in full, grouped per kernopgave and thema."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from jaarplan.models import Activiteit
from tests.editors.forms import form_data
from tests.factories import (
    ActiviteitFactory,
    InstrumentFactory,
    JaarplanFactory,
    KernopgaveFactory,
    ThemaFactory,
)

pytestmark = pytest.mark.django_db


class _Groups(HTMLParser):
    """For each form field, the kernopgave and thema group (<details>) it is shown in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[dict] = []  # open <details>: {"title": str, "open": bool}
        self.in_title = False
        self.field_group: dict[str, tuple[str, ...]] = {}
        self.opened: dict[str, bool] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "details":
            self.stack.append({"title": "", "open": "open" in attributes})
        elif tag in ("h3", "h4") and self.stack and not self.stack[-1]["title"]:
            self.in_title = True
        elif tag == "span" and self.in_title:
            self.in_title = False  # the count after the title
        elif tag in ("textarea", "input", "select") and attributes.get("name"):
            self.field_group[attributes["name"]] = tuple(d["title"] for d in self.stack)

    def handle_data(self, data):
        if self.in_title:
            self.stack[-1]["title"] += data.strip()

    def handle_endtag(self, tag):
        if tag in ("h3", "h4"):
            self.in_title = False
        elif tag == "details" and self.stack:
            group = self.stack.pop()
            self.opened[group["title"]] = group["open"]


def groups_of(response) -> _Groups:
    parser = _Groups()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def plan():
    """A plan as the 2024 one: two kernopgaven, themas in their own order."""
    plan = JaarplanFactory(titel="Jaarplan Voion 2024")
    markt = KernopgaveFactory(naam="Optimaliseren onderwijsarbeidsmarkt", volgorde=1)
    veilig = KernopgaveFactory(naam="Stimuleren veilig en vitaal werken", volgorde=2)
    innovatie = ThemaFactory(naam="Innovatie", kernopgave=markt, volgorde=2)
    arbeidsmarkt = ThemaFactory(naam="Arbeidsmarkt", kernopgave=markt, volgorde=1)
    gezond = ThemaFactory(naam="Gezond werken", kernopgave=veilig, volgorde=1)
    for thema, titel, volgorde in [
        (gezond, "Werkdruk aanpakken", 1),
        (innovatie, "Innovatielab", 1),
        (arbeidsmarkt, "Prognoses", 2),
        (arbeidsmarkt, "Onderzoek naar zij-instromers", 1),
    ]:
        ActiviteitFactory(jaarplan=plan, thema=thema, titel=titel, volgorde=volgorde)
    return plan


def change_url(plan):
    return reverse("admin:jaarplan_jaarplan_change", args=[plan.pk])


def test_every_activity_description_is_editable_under_its_kernopgave_and_thema(editor_client, plan):
    response = editor_client.get(change_url(plan))
    data = form_data(response, "jaarplan_form")
    groups = groups_of(response)
    shown = {}
    for index in range(int(data["activiteiten-TOTAL_FORMS"][0])):
        title = data[f"activiteiten-{index}-titel"][0]
        assert f"activiteiten-{index}-omschrijving" in groups.field_group
        shown[title] = groups.field_group[f"activiteiten-{index}-omschrijving"]
    assert shown == {
        "Onderzoek naar zij-instromers": ("Optimaliseren onderwijsarbeidsmarkt", "Arbeidsmarkt"),
        "Prognoses": ("Optimaliseren onderwijsarbeidsmarkt", "Arbeidsmarkt"),
        "Innovatielab": ("Optimaliseren onderwijsarbeidsmarkt", "Innovatie"),
        "Werkdruk aanpakken": ("Stimuleren veilig en vitaal werken", "Gezond werken"),
    }
    # The groups in the plan's reading order, activities by their own order within them.
    body = response.content.decode()
    order = ["Onderzoek naar zij-instromers", "Prognoses", "Innovatielab", "Werkdruk aanpakken"]
    positions = [body.index(f'value="{title}"') for title in order]
    assert positions == sorted(positions)
    # Every field an activity has is there: title to related articles, with autocomplete.
    for name in ("titel", "slug", "thema", "soort", "volgorde", "omschrijving"):
        assert f"activiteiten-0-{name}" in data
    for name in ("instrumenten", "pilots", "artikelen"):
        assert f'name="activiteiten-0-{name}"' in body
    assert body.count('data-theme="admin-autocomplete"') >= 4 * 4  # thema + 3 relations each
    # Themas start folded, kernopgaven open: the page starts as an overview.
    assert groups.opened["Arbeidsmarkt"] is False
    assert groups.opened["Optimaliseren onderwijsarbeidsmarkt"] is True


def _as_a_browser_sends_it(data):
    """Browsers send text areas with CRLF line endings."""
    return {
        name: [value.replace("\n", "\r\n") for value in values]
        if "omschrijving" in name
        else values
        for name, values in data.items()
    }


def test_saving_the_plan_unchanged_leaves_every_activity_as_it_was(editor_client, plan):
    Activiteit.objects.filter(jaarplan=plan).update(omschrijving="Eerste regel.\nTweede regel.")
    before = dict(Activiteit.objects.values_list("pk", "gewijzigd"))
    data = _as_a_browser_sends_it(form_data(editor_client.get(change_url(plan)), "jaarplan_form"))
    assert editor_client.post(change_url(plan), data).status_code == 302
    assert dict(Activiteit.objects.values_list("pk", "gewijzigd")) == before


def test_an_activity_description_and_instruments_are_saved_from_the_plan_page(editor_client, plan):
    tool = InstrumentFactory(titel="Arboscan-VO")
    data = form_data(editor_client.get(change_url(plan)), "jaarplan_form")
    index = data_index(data, "Innovatielab")
    data[f"activiteiten-{index}-omschrijving"] = ["Scholen **proberen** nieuwe vormen uit."]
    data[f"activiteiten-{index}-instrumenten"] = [str(tool.pk)]
    assert editor_client.post(change_url(plan), data).status_code == 302
    activity = Activiteit.objects.get(titel="Innovatielab")
    assert activity.omschrijving == "Scholen **proberen** nieuwe vormen uit."
    assert "<strong>proberen</strong>" in activity.omschrijving_html
    assert list(activity.instrumenten.all()) == [tool]


def data_index(data, title):
    return next(
        name.split("-")[1]
        for name, values in data.items()
        if name.endswith("-titel") and values == [title]
    )


def test_an_error_opens_the_thema_of_the_activity_it_is_in(editor_client, plan):
    data = form_data(editor_client.get(change_url(plan)), "jaarplan_form")
    data[f"activiteiten-{data_index(data, 'Innovatielab')}-titel"] = [""]
    response = editor_client.post(change_url(plan), data)
    assert response.status_code == 200
    groups = groups_of(response)
    assert groups.opened["Innovatie"] is True
    assert groups.opened["Arbeidsmarkt"] is False
    assert "met fouten" in response.content.decode()


def test_a_new_activity_is_added_from_the_plan_page_and_shown_under_its_thema(editor_client, plan):
    thema = plan.activiteiten.get(titel="Innovatielab").thema
    data = form_data(editor_client.get(change_url(plan)), "jaarplan_form")
    index = int(data["activiteiten-TOTAL_FORMS"][0])
    data.update(
        {
            "activiteiten-TOTAL_FORMS": [str(index + 1)],
            f"activiteiten-{index}-titel": ["Hackathon"],
            f"activiteiten-{index}-slug": ["hackathon"],
            f"activiteiten-{index}-thema": [str(thema.pk)],
            f"activiteiten-{index}-soort": ["organiseren"],
            f"activiteiten-{index}-volgorde": ["2"],
            f"activiteiten-{index}-omschrijving": ["Een dag bouwen aan ideeën."],
            f"activiteiten-{index}-jaarplan": [str(plan.pk)],
        }
    )
    assert editor_client.post(change_url(plan), data).status_code == 302
    assert plan.activiteiten.get(slug="hackathon").thema == thema
    groups = groups_of(editor_client.get(change_url(plan)))
    shown = {name: group for name, group in groups.field_group.items() if name.endswith("-titel")}
    data = form_data(editor_client.get(change_url(plan)), "jaarplan_form")
    assert shown[f"activiteiten-{data_index(data, 'Hackathon')}-titel"][-1] == "Innovatie"
