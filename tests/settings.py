"""Test settings: the production settings, with a throwaway secret and a fast hasher."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production")
os.environ.setdefault("DEBUG", "false")

from voion_portal.settings import *  # noqa: F403

# The synthetic-data command is tested too.
if "perf" not in INSTALLED_APPS:  # noqa: F405
    INSTALLED_APPS = [*INSTALLED_APPS, "perf"]  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Most tests measure real renders; the page-cache tests switch it on themselves.
PAGE_CACHE_SECONDS = 0
PAGE_CACHE_STAMP_FILE = os.path.join(
    os.environ.get("TMPDIR", "/tmp"), f"voion-tests-{os.getpid()}.stamp"
)

# Uploaded media go to a throwaway folder per test process, never into the repository.
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="voion-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)

# The page cache's machine-wide tier of this test process only (tests/conftest.py empties it).
if "pages" in CACHES:  # noqa: F405
    CACHES["pages"]["LOCATION"] = tempfile.mkdtemp(prefix="voion-pages-")  # noqa: F405
    atexit.register(shutil.rmtree, CACHES["pages"]["LOCATION"], ignore_errors=True)  # noqa: F405
