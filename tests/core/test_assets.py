"""The committed CSS and JS bundles are built from their current parts."""

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
