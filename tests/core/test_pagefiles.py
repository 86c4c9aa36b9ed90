"""The files of the page cache's machine-wide tier: full only now and then, and then the
pages written longest ago go first."""

import os
import time

import pytest

from voion_portal.core.pagefiles import PageFileCache


@pytest.fixture
def files(tmp_path):
    return PageFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})


def age(cache, key, seconds_ago):
    path = cache._key_to_file(key)
    moment = time.time() - seconds_ago
    os.utime(path, (moment, moment))


def test_when_full_the_oldest_pages_go_and_the_newest_stay(files):
    for number in range(12):
        files.set(f"page-{number}", number)
        age(files, f"page-{number}", 1000 - number)
    files._next_look = 0.0  # the interval has passed
    files.set("newest", "nieuw")

    left = [key for key in [f"page-{n}" for n in range(12)] if files.get(key) is not None]
    assert files.get("newest") == "nieuw"
    # Room was made for half of MAX_ENTRIES, from the oldest end.
    assert left == [f"page-{n}" for n in range(7, 12)]


def test_between_two_looks_writes_do_not_list_the_directory(files, monkeypatch):
    files.set("first", 1)  # looks, and plans the next look an interval later
    listed = []
    monkeypatch.setattr(files, "_list_cache_files", lambda: listed.append(1) or [])
    for number in range(20):
        files.set(f"page-{number}", number)
    assert listed == []
    assert files.get("page-19") == 19
