"""The endpoint behind "Was deze pagina nuttig?".

The widget sits on pages the page cache serves to everyone, so it carries no CSRF token;
instead the request must come from a page of this site (its Origin, or its Referer when
a browser sends no Origin), and each client address may answer a limited number of times.
Nothing personal is stored: the address only counts towards the limit, in the cache.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit

from django import forms
from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from voion_portal.core import ratelimit
from voion_portal.core.security import client_ip
from voion_portal.feedback.models import COMMENT_MAX_LENGTH, Paginafeedback

# Pages that are no pages to give feedback on.
EXCLUDED_URL_NAMES = {
    "feedback",
    "robots_txt",
    "feed_kennisbank",
    "django.contrib.sitemaps.views.sitemap",
}


class FeedbackForm(forms.Form):
    pagina = forms.CharField(max_length=1000)
    nuttig = forms.ChoiceField(choices=[("ja", "Ja"), ("nee", "Nee")])
    opmerking = forms.CharField(required=False, max_length=COMMENT_MAX_LENGTH, strip=True)

    def clean_pagina(self):
        """The page's path (what is stored) and its query (only to send the visitor back)."""
        value = self.cleaned_data["pagina"]
        parts = urlsplit(value)
        path = parts.path
        if (
            parts.scheme
            or parts.netloc
            or not path.startswith("/")
            or path.startswith("//")
            or "\\" in value
            or any(ord(char) < 32 for char in value)
            or len(path) > Paginafeedback._meta.get_field("pad").max_length
        ):
            raise forms.ValidationError("Geen pagina van dit portaal.")
        try:
            match = resolve(path)
        except Resolver404:
            raise forms.ValidationError("Geen pagina van dit portaal.") from None
        if match.url_name in EXCLUDED_URL_NAMES or "admin" in match.namespaces:
            raise forms.ValidationError("Geen pagina van dit portaal.")
        return path, parts.query


def same_origin(request) -> bool:
    """Whether the post comes from a page of this site (Origin, else Referer)."""
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    if not source or source == "null":
        return False
    parts = urlsplit(source)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    if f"{parts.scheme}://{parts.netloc}" in settings.CSRF_TRUSTED_ORIGINS:
        return True
    try:
        return parts.netloc == request.get_host()
    except Exception:  # DisallowedHost: the request's own Host is not ours
        return False


def _plain(text: str, status: int) -> HttpResponse:
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


def _back(path: str, query: str) -> str:
    """The page again, with the thank-you showing (`?feedback=bedankt#feedback`)."""
    kept = [pair for pair in parse_qsl(query, keep_blank_values=True) if pair[0] != "feedback"]
    return f"{path}?{urlencode([*kept, ('feedback', 'bedankt')])}#feedback"


@csrf_exempt  # no per-visitor token on cached pages: the origin check stands in for it
@require_POST
def feedback(request):
    if not same_origin(request):
        return _plain("Reacties kunnen alleen via dit portaal worden gegeven.", 403)
    wait = ratelimit.hit(
        "feedback",
        client_ip(request),
        settings.FEEDBACK_RATE_LIMIT,
        settings.FEEDBACK_RATE_WINDOW,
    )
    form = FeedbackForm(request.POST)
    if wait:
        back = form.cleaned_data["pagina"][0] if form.is_valid() else "/"
        return ratelimit.too_many_requests(request, wait, back_url=back)
    if not form.is_valid():
        return _plain("Deze reactie kunnen we niet verwerken.", 400)
    path, query = form.cleaned_data["pagina"]
    Paginafeedback.objects.create(
        pad=path,
        nuttig=form.cleaned_data["nuttig"] == "ja",
        opmerking=form.cleaned_data["opmerking"],
    )
    if "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"ontvangen": True})
    else:
        response = HttpResponseRedirect(_back(path, query))
    add_never_cache_headers(response)
    return response
