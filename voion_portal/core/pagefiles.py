"""The files behind the page cache's machine-wide tier: Django's file cache, made full
only now and then.

Django's `FileBasedCache` lists its whole directory before every write to see whether it
is full. The page tier writes a dozen pages after every edit, and with the pages of
earlier generations still lying there (their keys are never asked for again) that
listing cost 17 ms per write at 1,500 files, against 2 ms for writing the page itself.
And when it is full it removes files at random, this generation's pages as likely as
the earlier ones.

Here each process looks at most once per `cull_interval_seconds` and then removes the
pages written longest ago, which are those of earlier generations first. Between two
looks the directory can grow past MAX_ENTRIES by the pages written meanwhile.
"""

import os
import time

from django.core.cache.backends.filebased import FileBasedCache


class PageFileCache(FileBasedCache):
    cull_interval_seconds = 30.0

    def __init__(self, directory, params):
        super().__init__(directory, params)
        self._next_look = 0.0

    def _cull(self):
        now = time.monotonic()
        if now < self._next_look:
            return
        self._next_look = now + self.cull_interval_seconds
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        if self._cull_frequency == 0:
            self.clear()
            return
        # As Django does: make room for a 1/CULL_FREQUENCY of MAX_ENTRIES, but from the
        # oldest end.
        keep = self._max_entries - self._max_entries // self._cull_frequency
        for path in sorted(files, key=_written_at)[: len(files) - keep]:
            self._delete(path)


def _written_at(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except FileNotFoundError:  # removed by another process meanwhile
        return 0.0
