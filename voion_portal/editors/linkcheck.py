"""Link checking: every external address in the content, checked outside any web request.

`manage.py check_links` (see README) does three things:

1. **collect** every http(s) address in the content — instrument links, source links,
   activity links, organisation websites and the links inside every Markdown text —
   with where each occurs (`ExterneLink` and `Vindplaats`);
2. **check** them concurrently (a thread pool): HEAD first, GET when HEAD is refused,
   redirects followed one hop at a time, each request with a timeout;
3. **record** per address the status code, final address, error text and when.

The threads only talk HTTP; all database work stays in the calling thread. Editors ask
for a new check in the admin: that only marks the link (`aangevraagd_op`); the next run
of `check_links --aangevraagd` picks it up.
"""

import ipaddress
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.client import HTTPException
from urllib.parse import quote, urldefrag, urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from voion_portal.core import registry
from voion_portal.editors.models import ExterneLink, Vindplaats

REDIRECT_CODES = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 10
MAX_URL_LENGTH = 1000
USER_AGENT = "VoionPortal-Linkcontrole/1.0"


@dataclass(frozen=True)
class Occurrence:
    content_type_id: int
    object_id: int
    item: str
    veld: str


@dataclass
class CheckResult:
    url: str
    status: int | None = None
    final_url: str = ""
    error: str = ""

    @property
    def broken(self) -> bool:
        return bool(self.error) or self.status is None or self.status >= 400


@dataclass
class RunReport:
    links: int = 0
    checked: int = 0
    broken: list[ExterneLink] = field(default_factory=list)
    redirected: int = 0


# -- collecting -----------------------------------------------------------------------------


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_in_html(html: str) -> list[str]:
    parser = _LinkParser()
    parser.feed(html or "")
    parser.close()
    return parser.hrefs


def normalise(url: str) -> str | None:
    """The address to check, or None for anything that is not an external http(s) link."""
    url = urldefrag((url or "").strip())[0]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if len(url) > MAX_URL_LENGTH:
        return None
    return url


def collect_links() -> dict[str, set[Occurrence]]:
    """url -> where it occurs, over all content (drafts included: they will be published)."""
    found: dict[str, set[Occurrence]] = {}
    for source in registry.link_sources():
        model = source.model
        html_fields = tuple(getattr(model, "markdown_fields", {}).items())
        owner_model = model._meta.get_field(source.owner).related_model if source.owner else model
        content_type = ContentType.objects.get_for_model(owner_model)
        label_field = "naam" if hasattr(owner_model, "naam") else "titel"
        rows = model._base_manager.all()
        if source.owner:
            rows = rows.select_related(source.owner).only(
                "pk", *source.url_fields, f"{source.owner}__{label_field}"
            )
        else:
            rows = rows.only("pk", label_field, *source.url_fields, *(h for _, h in html_fields))
        for row in rows.iterator(chunk_size=2000):
            owner = getattr(row, source.owner) if source.owner else row
            item = str(getattr(owner, label_field))[:300]
            candidates = []
            for name in source.url_fields:
                label = str(model._meta.get_field(name).verbose_name)
                if source.owner:
                    label = str(model._meta.verbose_name_plural)
                candidates.append((getattr(row, name), label))
            for markdown_field, html_field in html_fields:
                label = f"{model._meta.get_field(markdown_field).verbose_name} (tekst)"
                candidates.extend((href, label) for href in links_in_html(getattr(row, html_field)))
            for raw, label in candidates:
                url = normalise(raw)
                if url:
                    found.setdefault(url, set()).add(
                        Occurrence(content_type.pk, owner.pk, item, label[:100])
                    )
    return found


@transaction.atomic
def sync_links(found: dict[str, set[Occurrence]]) -> None:
    """Make ExterneLink and Vindplaats mirror what the content links to now.

    Bulk queries only: they send no signals, so the page cache is left alone.
    """
    existing = dict(ExterneLink.objects.values_list("url", "pk"))
    gone = [pk for url, pk in existing.items() if url not in found]
    for start in range(0, len(gone), 500):
        ExterneLink.objects.filter(pk__in=gone[start : start + 500]).delete()
    ExterneLink.objects.bulk_create(
        [ExterneLink(url=url) for url in found if url not in existing],
        batch_size=500,
        ignore_conflicts=True,
    )
    ids = dict(ExterneLink.objects.values_list("url", "pk"))
    Vindplaats.objects.all().delete()
    Vindplaats.objects.bulk_create(
        [
            Vindplaats(
                link_id=ids[url],
                content_type_id=o.content_type_id,
                object_id=o.object_id,
                item=o.item,
                veld=o.veld,
            )
            for url, occurrences in found.items()
            for o in occurrences
        ],
        batch_size=500,
    )


# -- checking -------------------------------------------------------------------------------


class LinkError(Exception):
    """A check that failed before or without an HTTP status; the message is for editors."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by `check_url` itself, one hop at a time, HEAD kept HEAD."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def _guard(url: str, allow_private: bool) -> None:
    """Refuse addresses on this machine or a private network (no probing from the server)."""
    if allow_private:
        return
    host = urlsplit(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as error:
        raise LinkError("onbekende server (naam niet gevonden)") from error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise LinkError("intern of privé-adres: niet gecontroleerd")


def _describe(error: BaseException, timeout: float) -> str:
    reason = getattr(error, "reason", error)
    if isinstance(reason, TimeoutError) or isinstance(error, TimeoutError):
        return f"geen antwoord binnen {timeout:g} seconden"
    if isinstance(reason, ConnectionRefusedError):
        return "verbinding geweigerd"
    if isinstance(reason, socket.gaierror):
        return "onbekende server (naam niet gevonden)"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"certificaatfout: {reason.verify_message or reason}"[:300]
    if isinstance(reason, ssl.SSLError):
        return f"beveiligde verbinding mislukt: {reason}"[:300]
    if isinstance(reason, ConnectionError):
        return "verbinding verbroken"
    return f"verbinding mislukt: {reason}"[:300]


def _ascii(url: str) -> str:
    """The address as HTTP needs it: IDNA host, percent-encoded path and query."""
    parts = urlsplit(url)
    host = (parts.hostname or "").encode("idna").decode("ascii")
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    safe = "/%:@!$&'()*+,;=-._~"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=safe),
            quote(parts.query, safe=safe + "?"),
            "",
        )
    )


def _request(url: str, method: str, timeout: float) -> tuple[int, str]:
    """(status, Location header) of one request; the body is never read."""
    request = urllib.request.Request(
        _ascii(url), method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location", "") if error.headers else ""
        error.close()
        return error.code, location


def _fetch(url: str, timeout: float) -> tuple[int, str]:
    """HEAD, then GET if the server refuses or mishandles HEAD (many do).

    No answer at all (refused, timed out, unknown host) is not retried with GET.
    """
    try:
        status, location = _request(url, "HEAD", timeout)
    except (HTTPException, ConnectionResetError):
        pass  # the server broke off the HEAD request; some only answer GET
    else:
        if status < 400:
            return status, location
    return _request(url, "GET", timeout)


def check_url(url: str, *, timeout: float, allow_private: bool = False) -> CheckResult:
    """Check one address, following redirects; never raises."""
    current = url
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            _guard(current, allow_private)
            status, location = _fetch(current, timeout)
            if status in REDIRECT_CODES and location:
                current = urljoin(current, location)
                if urlsplit(current).scheme not in ("http", "https"):
                    return CheckResult(
                        url, status, current, "doorverwijzing naar een ongeldig adres"
                    )
                continue
            return CheckResult(url, status, current)
        return CheckResult(url, None, current, "te veel doorverwijzingen")
    except LinkError as error:
        return CheckResult(url, None, "", str(error))
    except (urllib.error.URLError, HTTPException, OSError, ValueError) as error:
        return CheckResult(url, None, "", _describe(error, timeout))


def check_urls(
    urls: Iterable[str], *, timeout: float, workers: int, allow_private: bool = False
) -> Iterator[CheckResult]:
    """Check addresses concurrently; results come in as they finish."""
    urls = list(urls)
    if not urls:
        return
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls)))) as pool:
        futures = [
            pool.submit(check_url, url, timeout=timeout, allow_private=allow_private)
            for url in urls
        ]
        for future in as_completed(futures):
            yield future.result()


# -- a run ----------------------------------------------------------------------------------


RECORD_EVERY = 25


def _record(links: list) -> None:
    ExterneLink.objects.bulk_update(
        links,
        ["gecontroleerd_op", "statuscode", "eind_url", "fout", "kapot", "aangevraagd_op"],
        batch_size=500,
    )


def run(
    *,
    only_requested: bool = False,
    timeout: float | None = None,
    workers: int | None = None,
    allow_private: bool | None = None,
) -> RunReport:
    """Collect, check and record; what `manage.py check_links` does."""
    timeout = settings.LINK_CHECK_TIMEOUT if timeout is None else timeout
    workers = settings.LINK_CHECK_WORKERS if workers is None else workers
    if allow_private is None:
        allow_private = settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES
    sync_links(collect_links())
    links = ExterneLink.objects.all()
    if only_requested:
        links = links.filter(aangevraagd_op__isnull=False) | links.filter(
            gecontroleerd_op__isnull=True
        )
    by_url = {link.url: link for link in links}
    report = RunReport(links=ExterneLink.objects.count())
    checked, unsaved = [], []
    for result in check_urls(by_url, timeout=timeout, workers=workers, allow_private=allow_private):
        link = by_url[result.url]
        link.gecontroleerd_op = timezone.now()
        link.statuscode = result.status
        link.eind_url = result.final_url[:MAX_URL_LENGTH]
        link.fout = result.error[:300]
        link.kapot = result.broken
        link.aangevraagd_op = None
        checked.append(link)
        unsaved.append(link)
        # Recorded as they come in: the admin shows how many are still waiting.
        if len(unsaved) >= RECORD_EVERY:
            _record(unsaved)
            unsaved = []
    _record(unsaved)
    report.checked = len(checked)
    report.broken = sorted((link for link in checked if link.kapot), key=lambda link: link.url)
    report.redirected = sum(1 for link in checked if link.redirected and not link.kapot)
    return report
