"""The editors' dashboard on the admin index: what needs attention now.

Drafts, scheduled items, unhandled interest registrations, broken links, the pages
visitors found least useful, the searches that found nothing and recently changed items,
each linking to the admin list filtered to exactly those items. Only what the user may
see is counted; a constant number of queries whatever the data size.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from voion_portal.core import registry
from voion_portal.core.content import Status
from voion_portal.editors import completeness, internallinks
from voion_portal.editors.permissions import user_name
from voion_portal.search.counting import current_week

RECENT_ITEMS = 10
INCOMPLETE_ITEMS = 15
UPCOMING_ITEMS = 5
# "Minst nuttige pagina's": pages with at least this many answers, this many of them.
FEEDBACK_MINIMUM_ANSWERS = 5
FEEDBACK_PAGES = 5
# "Niet gevonden": the queries without results most often in the current and last week.
NOT_FOUND_WEEKS = 2
NOT_FOUND_QUERIES = 5


@dataclass
class Row:
    label: str
    count: int
    url: str


@dataclass
class Item:
    title: str
    kind: str
    url: str
    moment: datetime.datetime
    user: str = ""


@dataclass
class PageFeedback:
    path: str
    yes: int
    total: int
    url: str

    @property
    def percentage_yes(self) -> int:
        return round(100 * self.yes / self.total) if self.total else 0


@dataclass
class Dashboard:
    drafts: list[Row] = field(default_factory=list)
    scheduled: list[Row] = field(default_factory=list)
    upcoming: list[Item] = field(default_factory=list)
    registrations: Row | None = None
    broken_links: Row | None = None
    links_checked: datetime.datetime | None = None
    # internal links in public texts to items the public cannot see
    unreachable: list[Item] = field(default_factory=list)
    working_copies: list[Item] = field(default_factory=list)
    recent: list[Item] = field(default_factory=list)
    incomplete: list = field(default_factory=list)
    incomplete_total: int = 0
    recent_lists: list[Row] = field(default_factory=list)
    least_useful: list[PageFeedback] | None = None
    feedback_url: str = ""
    feedback_minimum: int = FEEDBACK_MINIMUM_ANSWERS
    not_found: list[Row] | None = None
    searches_url: str = ""

    @property
    def draft_total(self) -> int:
        return sum(row.count for row in self.drafts)

    @property
    def scheduled_total(self) -> int:
        return sum(row.count for row in self.scheduled)


def _changelist(model, query: str = "") -> str:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return f"{url}?{query}" if query else url


def _change(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def _may_view(user, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def build(user) -> Dashboard:
    board = Dashboard()
    now = timezone.now()

    # Steps and activities are published with their parent: they have no drafts of their
    # own, but they are edited on their own and show among the recent changes.
    listed = registry.dashboard_types()
    for model in [entry.model for entry in listed if entry.scheduled]:
        if not _may_view(user, model):
            continue
        counts = model.objects.aggregate(
            concept=Count("pk", filter=Q(status=Status.CONCEPT)),
            gepland=Count("pk", filter=Q(status=Status.GEPUBLICEERD, publicatiedatum__gt=now)),
        )
        plural = str(model._meta.verbose_name_plural)
        if counts["concept"]:
            board.drafts.append(
                Row(plural, counts["concept"], _changelist(model, "publicatie=concept"))
            )
        if counts["gepland"]:
            board.scheduled.append(
                Row(plural, counts["gepland"], _changelist(model, "publicatie=gepland"))
            )
            for obj in model.objects.scheduled().order_by("publicatiedatum")[:UPCOMING_ITEMS]:
                board.upcoming.append(
                    Item(
                        obj.titel, str(model._meta.verbose_name), _change(obj), obj.publicatiedatum
                    )
                )
    board.upcoming = sorted(board.upcoming, key=lambda item: item.moment)[:UPCOMING_ITEMS]

    registration = apps.get_model("pilots.Interesseaanmelding")
    if _may_view(user, registration):
        board.registrations = Row(
            "nog niet afgehandeld",
            registration.objects.filter(afgehandeld=False).count(),
            _changelist(registration, "afgehandeld__exact=0"),
        )

    link = apps.get_model("voion_portal.ExterneLink")
    if _may_view(user, link):
        stats = link.objects.aggregate(
            kapot=Count("pk", filter=Q(kapot=True, gecontroleerd_op__isnull=False)),
            laatst=Max("gecontroleerd_op"),
        )
        board.broken_links = Row(
            "kapotte links", stats["kapot"], _changelist(link, "resultaat=kapot")
        )
        board.links_checked = stats["laatst"]

    for problem in internallinks.unreachable_everywhere(limit=10):
        if user.has_perm(
            f"{problem.source._meta.app_label}.change_{problem.source._meta.model_name}"
        ):
            target = (
                str(problem.target)
                if problem.target
                else f"{problem.target_key} #{problem.target_id}"
            )
            board.unreachable.append(
                Item(
                    str(problem.source), f"{target} {problem.reason}", _change(problem.source), None
                )
            )

    copies = apps.get_model("voion_portal.Werkversie")
    for copy in copies.objects.select_related("content_type", "revision__user")[:10]:
        item = copy.item
        if item is not None and user.has_perm(
            f"{copy.content_type.app_label}.change_{copy.content_type.model}"
        ):
            planned = copy.publiceren_op
            board.working_copies.append(
                Item(
                    str(item),
                    "gepland" if planned else "wacht",
                    _change(item),
                    planned or copy.gewijzigd,
                    user_name(copy.revision.user),
                )
            )

    feedback = apps.get_model("voion_portal.Paginafeedback")
    if _may_view(user, feedback):
        board.feedback_url = _changelist(feedback)
        board.least_useful = [
            PageFeedback(
                page["pad"],
                page["ja"],
                page["totaal"],
                _changelist(feedback, urlencode({"pad": page["pad"]})),
            )
            for page in feedback.objects.least_useful(FEEDBACK_MINIMUM_ANSWERS, FEEDBACK_PAGES)
        ]

    searches = apps.get_model("voion_portal.Zoekopdracht")
    if _may_view(user, searches):
        since = current_week() - datetime.timedelta(weeks=NOT_FOUND_WEEKS - 1)
        board.searches_url = _changelist(searches, "uitkomst=geen-resultaten")
        board.not_found = [
            Row(
                row["zoekterm"],
                row["zonder"],
                _changelist(
                    searches, urlencode({"q": row["zoekterm"], "uitkomst": "geen-resultaten"})
                ),
            )
            for row in searches.objects.not_found_since(since, NOT_FOUND_QUERIES)
        ]

    recent = []
    for model in [entry.model for entry in listed]:
        if not _may_view(user, model):
            continue
        board.recent_lists.append(
            Row(str(model._meta.verbose_name_plural), 0, _changelist(model, "gewijzigd=week"))
        )
        for obj in (
            model.objects.select_related("gewijzigd_door")
            .only(
                "pk",
                "titel",
                "gewijzigd",
                "gewijzigd_door__username",
                "gewijzigd_door__first_name",
                "gewijzigd_door__last_name",
            )
            .order_by("-gewijzigd")[:RECENT_ITEMS]
        ):
            recent.append(
                Item(
                    obj.titel,
                    str(model._meta.verbose_name),
                    _change(obj),
                    obj.gewijzigd,
                    user_name(obj.gewijzigd_door),
                )
            )
    board.recent = sorted(recent, key=lambda item: item.moment, reverse=True)[:RECENT_ITEMS]

    gaps = completeness.gaps(user)
    board.incomplete, board.incomplete_total = gaps[:INCOMPLETE_ITEMS], len(gaps)
    return board
