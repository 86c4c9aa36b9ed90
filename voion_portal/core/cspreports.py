"""Receiving the browsers' Content-Security-Policy violation reports.

The policy names `/csp-rapport/` as its `report-uri`. Anything may be posted there, so the
view trusts nothing: JSON only, at most 8 KB, a few reports per request, a rate limit per
address, every value cut to its column; garbage gets a 400, never a 500. Reports older
than `CSP_REPORT_RETENTION_DAYS` are removed as new ones arrive.
"""

import datetime
import json

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from voion_portal.core.models import CspRapport
from voion_portal.core.ratelimit import hit
from voion_portal.core.security import client_ip

MAX_BODY = 8 * 1024
MAX_REPORTS = 5
ACCEPTED_TYPES = ("application/csp-report", "application/reports+json", "application/json")


def _reports(payload) -> list[dict]:
    """The violation bodies in either format browsers use: the classic
    {"csp-report": {...}} and the Reporting API's [{"type": "csp-violation", "body": {...}}]."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        return [
            entry["body"]
            for entry in payload
            if isinstance(entry, dict)
            and entry.get("type") == "csp-violation"
            and isinstance(entry.get("body"), dict)
        ]
    return []


def _text(report: dict, *names: str, limit: int) -> str:
    for name in names:
        value = report.get(name)
        if isinstance(value, str | int) and not isinstance(value, bool):
            return str(value).replace("\x00", "")[:limit]
    return ""


def _record(report: dict, user_agent: str) -> CspRapport:
    source = _text(report, "source-file", "sourceFile", limit=400)
    line = _text(report, "line-number", "lineNumber", limit=10)
    return CspRapport(
        pagina=_text(report, "document-uri", "documentURL", limit=500),
        regel=_text(
            report, "effective-directive", "effectiveDirective", "violated-directive", limit=200
        ),
        geblokkeerd=_text(report, "blocked-uri", "blockedURL", limit=500),
        bron=f"{source}:{line}" if source and line else source,
        browser=user_agent[:300],
    )


@csrf_exempt  # browsers post reports without a token; nothing here acts for a user
@require_POST
def receive_csp_report(request):
    content_type = request.content_type or ""
    if content_type not in ACCEPTED_TYPES:
        return HttpResponseBadRequest("Alleen JSON.")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponseBadRequest("Onbekende lengte.")
    if length > MAX_BODY:
        return HttpResponseBadRequest("Te groot.")
    if hit("csp-report", client_ip(request), settings.CSP_REPORT_RATE_LIMIT, 600):
        return HttpResponse(status=429)
    try:
        payload = json.loads(request.read(MAX_BODY + 1)[:MAX_BODY].decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return HttpResponseBadRequest("Geen geldige JSON.")
    reports = _reports(payload)[:MAX_REPORTS]
    if not reports:
        return HttpResponseBadRequest("Geen CSP-melding.")
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    CspRapport.objects.bulk_create([_record(report, user_agent) for report in reports])
    horizon = timezone.now() - datetime.timedelta(days=settings.CSP_REPORT_RETENTION_DAYS)
    CspRapport.objects.filter(ontvangen__lt=horizon).delete()
    return HttpResponse(status=204)
