"""The committed CSS and JS bundles are built from their current parts."""

import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_the_bundles_are_up_to_date_with_their_parts():
    script = Path(settings.BASE_DIR) / ".ci" / "build_assets.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


COMPONENT_CLASS = re.compile(r"\butrecht-[a-z0-9-]+?(?=__|--|[^a-z0-9-]|$)")


def test_every_design_system_component_the_pages_use_is_in_the_bundle():
    """A template that starts using another NL Design System component needs its CSS
    vendored (static/vendor/utrecht/subset.py); the reverse keeps the bundle lean."""
    base = Path(settings.BASE_DIR)
    sources = [*(base / "templates").rglob("*.html"), base / "pilots" / "forms.py"]
    used = {name for path in sources for name in COMPONENT_CLASS.findall(path.read_text())}
    vendored = (base / "static/css/src/00-utrecht.css").read_text()
    bundled = set(re.findall(r"\.(" + COMPONENT_CLASS.pattern + ")", vendored))
    assert used, "the templates use no NL Design System components"
    assert used <= bundled, f"used but not vendored: {sorted(used - bundled)}"
    unused = {name for name in bundled if not any(name.startswith(u) for u in used)}
    assert not unused, f"vendored but unused: {sorted(unused)}"
