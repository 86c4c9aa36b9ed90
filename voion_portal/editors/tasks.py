"""The editors' work done by the task worker: checking external links on request.

`check_links` runs what `manage.py check_links` does, from the admin: the link list's
"Nu controleren" (all links), "Opnieuw laten controleren" (chosen links) and a content
list's "Links controleren" (the links of chosen items) queue it. The list shows its
progress (`progress()`), read from the task's row and the links still waiting.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from voion_portal.editors import linkcheck
from voion_portal.editors.models import ExterneLink


@task()
def check_links(only_requested: bool = True) -> str:
    report = linkcheck.run(only_requested=only_requested)
    return (
        f"{report.checked} van {report.links} links gecontroleerd: {len(report.broken)} kapot, "
        f"{report.redirected} doorverwezen."
    )


def request_all() -> None:
    check_links.enqueue(only_requested=False)


def request(links) -> int:
    """Ask for a new check of `links` (a queryset) and queue it; how many were asked.
    Queued even for none: a run also finds and checks links added since the last one."""
    count = links.update(aangevraagd_op=timezone.now())
    check_links.enqueue(only_requested=True)
    return count


def request_for_items(model, pks) -> int:
    """Ask for a new check of the links in the items `pks` of `model`."""
    content_type = ContentType.objects.get_for_model(model)
    found = ExterneLink.objects.filter(
        vindplaatsen__content_type=content_type, vindplaatsen__object_id__in=list(pks)
    ).values("pk")
    return request(ExterneLink.objects.filter(pk__in=found))


@dataclass
class Progress:
    state: str  # "wacht", "bezig", "klaar", "mislukt" or "" (never run from the admin)
    since: object = None
    waiting: int = 0  # links asked for and not checked yet
    summary: str = ""


def progress() -> Progress:
    latest = (
        DBTaskResult.objects.filter(task_path=f"{check_links.module_path}")
        .order_by("-enqueued_at")
        .first()
    )
    waiting = ExterneLink.objects.filter(
        Q(aangevraagd_op__isnull=False) | Q(gecontroleerd_op__isnull=True)
    ).count()
    if latest is None:
        return Progress("", waiting=waiting)
    states = {"READY": "wacht", "RUNNING": "bezig", "SUCCESSFUL": "klaar", "FAILED": "mislukt"}
    state = states.get(latest.status, "wacht")
    since = latest.finished_at or latest.started_at or latest.enqueued_at
    summary = latest.return_value if state == "klaar" and latest.return_value else ""
    return Progress(state, since, waiting, summary)
