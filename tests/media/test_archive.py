"""The library's files survive a backup and restore, checked file by file."""

import io
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.factories import AfbeeldingFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def files_under(root) -> dict[str, bytes]:
    base = Path(root)
    return {str(p.relative_to(base)): p.read_bytes() for p in base.rglob("*") if p.is_file()}


def test_backup_then_restore_into_an_empty_storage_gives_the_same_files(settings, tmp_path, client):
    image = AfbeeldingFactory(width=900)
    document = DocumentFactory(titel="Jaarplan")
    original = files_under(settings.MEDIA_ROOT)
    archive = tmp_path / "media.tar.gz"
    out = io.StringIO()

    call_command("backup_media", str(archive), stdout=out)
    assert out.getvalue().startswith(f"{len(image.file_names()) + 1} bestanden")

    settings.MEDIA_ROOT = str(tmp_path / "elders")  # a new server's empty disk
    assert client.get(image.src).status_code == 404
    call_command("restore_media", str(archive), stdout=io.StringIO())

    assert files_under(settings.MEDIA_ROOT) == original
    assert client.get(image.src).status_code == 200
    assert client.get(document.get_absolute_url()).status_code == 200
    again = io.StringIO()
    call_command("restore_media", str(archive), stdout=again)  # nothing to do twice
    assert again.getvalue().startswith("0 bestanden")


def test_a_tampered_archive_is_refused(settings, tmp_path):
    DocumentFactory()
    archive = tmp_path / "media.tar.gz"
    call_command("backup_media", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as source:
        members = {m.name: source.extractfile(m).read() for m in source.getmembers()}
    name = next(n for n in members if n.startswith("documenten/"))
    members[name] = b"%PDF- something else"
    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(forged, "w:gz") as target:
        for member_name, data in members.items():
            info = tarfile.TarInfo(member_name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))

    settings.MEDIA_ROOT = str(tmp_path / "elders")
    with pytest.raises(CommandError, match="beschadigd"):
        call_command("restore_media", str(forged), stdout=io.StringIO())


def test_a_file_missing_from_storage_fails_the_backup_loudly(settings, tmp_path):
    document = DocumentFactory()
    Path(settings.MEDIA_ROOT, document.bestand.name).unlink()
    with pytest.raises(CommandError, match="1 bestanden ontbreken"):
        call_command(
            "backup_media", str(tmp_path / "m.tar.gz"), stdout=io.StringIO(), stderr=io.StringIO()
        )
