"""The selection as a PDF for a team meeting: WeasyPrint renders our own HTML, segno draws
each item's QR code as SVG. Both are imported only here, when a PDF is asked for, so the
portal runs (and says so politely) where WeasyPrint's system libraries are missing."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs (Pango) are not installed."""


def qr_svg(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=3, border=2)


def today_in_dutch() -> str:
    return date_format(timezone.localdate(), "j F Y")


def render_pdf(entries, *, absolute, title: str, day: str) -> bytes:
    """The PDF of `entries`; `absolute(path)` makes a full address of a page's path."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: Pango and friends not found
        raise PdfUnavailable(str(error)) from error
    items = []
    for entry in entries:
        url = absolute(entry.url) if entry.available else ""
        items.append({"entry": entry, "url": url, "qr": qr_svg(url) if url else ""})
    html = render_to_string("selectie/pdf.html", {"items": items, "title": title, "day": day})
    # The document holds only data: URLs (the QR codes): nothing is fetched from elsewhere.
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
