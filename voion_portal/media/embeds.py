"""How images and documents from the library appear in rendered Markdown.

`core.markup` finds `![alt](afbeelding:12)` and `[text](document:7)` in a text and asks
the renderers registered here for their HTML; core itself knows no media models. The HTML
is built from stored, escaped values only, never from what a text says about a file.
"""

from django.utils.html import escape, format_html

from voion_portal.core import markup
from voion_portal.media.models import Afbeelding, Document

# The width an image takes in a text column: full width on a phone, at most ~42rem beside.
TEXT_SIZES = "(min-width: 56em) 42rem, 100vw"


def image_html(pk: int, alt: str, standalone: bool) -> str | None:
    """A library image, as a figure with its caption when it stands on its own line."""
    image = Afbeelding.objects.filter(pk=pk).first()
    if image is None or not image.formaten:
        return None
    width, height, src = image.smallest_at_least(640)
    tag = format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="lazy" decoding="async">',
        src,
        image.srcset(),
        TEXT_SIZES,
        width,
        height,
        alt.strip() or image.alt_tekst,
    )
    if not standalone:
        return tag
    caption = ""
    if image.bijschrift or image.maker:
        maker = format_html('<span class="figuur-maker">{}</span>', image.maker)
        caption = format_html(
            "<figcaption>{}{}</figcaption>",
            image.bijschrift,
            maker if image.maker else "",
        )
    return format_html('<figure class="figuur">{}{}</figure>', tag, caption)


def document_link(pk: int, label_html: str, title_attr: str) -> str | None:
    """A link to a library document that says what the visitor will get: kind and size."""
    document = Document.objects.filter(pk=pk).first()
    if document is None:
        return None
    return (
        f'<a href="{escape(document.get_absolute_url())}"{title_attr}>{label_html} '
        f"({escape(document.kind_and_size)})</a>"
    )


def register() -> None:
    markup.register_embeds(image=image_html, document=document_link)
