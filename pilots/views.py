import logging
import math

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods
from django.views.generic import ListView

from pilots.forms import InteresseForm
from pilots.models import Pilot
from pilots.tasks import send_registration_mails
from voion_portal.core.ratelimit import posts_left_wait, too_many_requests

logger = logging.getLogger(__name__)

RECEIVED = "Dank u wel, uw aanmelding is ontvangen."
RECEIVED_TAG = "aanmelding-ontvangen"
TOO_MANY = (
    "Vanaf uw internetverbinding zijn in korte tijd veel aanmeldingen verstuurd. Om misbruik "
    "te voorkomen nemen we er even geen aan: uw aanmelding is nog niet verstuurd. Wat u "
    "invulde staat hieronder nog; verstuur het over {minutes} opnieuw."
)


class PilotListView(ListView):
    page_topics = ("pilots",)
    template_name = "pilots/pilot_list.html"
    context_object_name = "pilots"

    def get_queryset(self):
        return Pilot.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumb_trail"] = [("Pilots", None)]
        return context


def queue_mails(registration) -> None:
    """After the commit: the worker mails the editors and the visitor (`pilots.tasks`)."""
    try:
        send_registration_mails.enqueue(registration.pk)
    except Exception:  # the registration is saved; the editors see it in the admin
        logger.exception("Could not queue the mails for registration %s", registration.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def pilot_detail(request, slug):
    # Every POST counts against the visitor's address, also one with mistakes.
    wait = 0
    if request.method == "POST":
        wait = posts_left_wait(request, "interest", "INTEREST_RATE_LIMIT", "INTEREST_RATE_WINDOW")
    pilot = get_object_or_404(
        Pilot.objects.visible_to(request.user)
        .select_related("afbeelding")
        .prefetch_related("sectoren", "themas", "documenten"),
        slug=slug,
    )
    form = None
    status = 200
    if wait:
        if not pilot.accepts_registrations:
            return too_many_requests(request, wait)
        # Refused, but nothing the visitor typed is lost: the form comes back filled in.
        form = InteresseForm(initial=request.POST.dict())
        minutes = max(1, math.ceil(wait / 60))
        messages.warning(
            request, TOO_MANY.format(minutes="1 minuut" if minutes == 1 else f"{minutes} minuten")
        )
        status = 429
    elif pilot.accepts_registrations:
        if request.method == "POST":
            form = InteresseForm(request.POST)
            if form.is_valid():
                with transaction.atomic():
                    registration = form.save(commit=False)
                    registration.pilot = pilot
                    registration.save()
                transaction.on_commit(lambda: queue_mails(registration))
                # Post/redirect/get: the confirmation travels as a one-off message, so a
                # reload or a shared address never shows it (or re-posts) again.
                messages.success(request, RECEIVED, extra_tags=RECEIVED_TAG)
                return redirect(f"{pilot.get_absolute_url()}#aanmelden")
            status = 400
        else:
            form = InteresseForm()
    elif request.method == "POST":
        messages.error(request, "Voor deze pilot kunt u zich niet (meer) aanmelden.")
        status = 400

    notices = list(messages.get_messages(request))
    # A refused post shows the form again, not an earlier confirmation.
    received = not wait and any(RECEIVED_TAG in notice.tags for notice in notices)
    context = {
        "pilot": pilot,
        # After a registration the confirmation takes the form's place.
        "form": None if received and request.method != "POST" else form,
        "received": received,
        "notices": [notice for notice in notices if RECEIVED_TAG not in notice.tags],
        "is_preview": not pilot.is_published,
        "activiteiten": pilot.activiteiten.published().select_related("jaarplan"),
        "verhalen": pilot.artikelen.published(),
        "breadcrumb_trail": [("Pilots", reverse("pilots:list")), (pilot.titel, None)],
    }
    response = render(request, "pilots/pilot_detail.html", context, status=status)
    if context["is_preview"] or form is not None or received:
        # The page carries a CSRF token and possibly a visitor's input: never share it.
        patch_cache_control(response, private=True, no_store=True)
    if wait:
        response["Retry-After"] = str(max(1, math.ceil(wait)))
    return response
