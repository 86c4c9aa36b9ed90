"""The front-end budget: every page type, as a visitor downloads it (HTML, the CSS bundle,
the script and the images it links, each gzip-compressed), stays within 150 KB."""

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.pages import PAGES

pytestmark = pytest.mark.django_db

BUDGET = 150 * 1024
PAGE_TYPES = {**PAGES, "themas": "/themas/", "toegankelijkheid": "/toegankelijkheid/"}
ASSET = re.compile(
    r'<(?:link[^>]*rel="(?:stylesheet|icon)"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"'
)


@pytest.fixture
def real_content():
    from voion_portal.loader.loader import ContentLoader

    ContentLoader(Path(settings.BASE_DIR) / "fixtures").load()


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def static_file(url: str) -> bytes:
    assert url.startswith(settings.STATIC_URL), f"asset outside static files: {url}"
    return (Path(settings.STATIC_ROOT) / url.removeprefix(settings.STATIC_URL)).read_bytes()


def test_every_page_type_stays_within_150_kb_compressed(client, real_content):
    report = {}
    for name, path in PAGE_TYPES.items():
        response = client.get(path)
        assert response.status_code in (200, 404), f"{path}: {response.status_code}"
        html = response.content
        assets = sorted(set(ASSET.findall(html.decode())))
        assert any(url.endswith(".css") for url in assets), f"{path} links no stylesheet"
        total = compressed(html) + sum(compressed(static_file(url)) for url in assets)
        report[name] = total
    too_big = {name: size for name, size in report.items() if size > BUDGET}
    assert not too_big, f"pages over {BUDGET} bytes compressed: {too_big}"


def test_the_css_bundle_leaves_room_for_the_page():
    """The one stylesheet every page loads stays well within the budget (under a third)."""
    css = (Path(settings.BASE_DIR) / "static" / "css" / "portal.css").read_bytes()
    js = (Path(settings.BASE_DIR) / "static" / "js" / "portal.js").read_bytes()
    assert compressed(css) + compressed(js) < BUDGET / 3
