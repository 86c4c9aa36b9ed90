"""The library's files in one archive, next to the database dump.

A `pg_dump` holds the media's rows but not their files. `write_archive` packs every file
the rows point at, from whatever storage is configured (a folder or object storage), with
a manifest of SHA-256 digests; `restore_archive` puts them back under the same names and
refuses anything the manifest does not vouch for. `manage.py backup_media` and
`manage.py restore_media` run them; `.ci/backup-roundtrip.sh` proves the round trip.
"""

import hashlib
import io
import json
import tarfile
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from voion_portal.media.models import Afbeelding, Document

MANIFEST = "manifest.json"
FOLDERS = ("afbeeldingen/", "documenten/")


class ArchiveError(Exception):
    pass


@dataclass
class Outcome:
    files: int
    size: int
    missing: list[str]


def stored_names() -> list[str]:
    """Every file a library row points at."""
    names = {name for image in Afbeelding.objects.only("formaten") for name in image.file_names()}
    names |= set(Document.objects.exclude(bestand="").values_list("bestand", flat=True))
    return sorted(names)


def write_archive(path) -> Outcome:
    """Write a gzipped tar of the library's files to `path`."""
    manifest: dict[str, str] = {}
    missing: list[str] = []
    size = 0
    with tarfile.open(path, mode="w:gz") as archive:
        for name in stored_names():
            if not default_storage.exists(name):
                missing.append(name)
                continue
            with default_storage.open(name, "rb") as handle:
                data = handle.read()
            manifest[name] = hashlib.sha256(data).hexdigest()
            _add(archive, name, data)
            size += len(data)
        _add(archive, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
    return Outcome(files=len(manifest), size=size, missing=missing)


def restore_archive(path) -> Outcome:
    """Put the files of an archive back in the storage, each checked against the manifest."""
    restored = size = 0
    with tarfile.open(path, mode="r:gz") as archive:
        manifest = json.loads(_read(archive, MANIFEST))
        for name, digest in manifest.items():
            if not name.startswith(FOLDERS) or ".." in name.split("/"):
                raise ArchiveError(f"onverwachte naam in het archief: {name}")
            data = _read(archive, name)
            if hashlib.sha256(data).hexdigest() != digest:
                raise ArchiveError(f"{name} is beschadigd: de inhoud past niet bij het manifest")
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    if hashlib.sha256(handle.read()).hexdigest() == digest:
                        continue
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile(data))
            if saved != name:
                raise ArchiveError(f"{name} kwam terug als {saved}")
            restored += 1
            size += len(data)
    return Outcome(files=restored, size=size, missing=[])


def _add(archive, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


def _read(archive, name: str) -> bytes:
    try:
        member = archive.getmember(name)
    except KeyError:
        raise ArchiveError(f"{name} ontbreekt in het archief") from None
    handle = archive.extractfile(member)
    if handle is None:
        raise ArchiveError(f"{name} is geen bestand")
    return handle.read()
