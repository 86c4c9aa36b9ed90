"""How the loader writes one item while respecting editors' changes.

Each loaded item has a `FixtureRecord`: the checksum of its file entry and of the state
the loader left it in. An item is only updated when its file entry changed and its
state is still the one the loader left (no editor touched it).
"""

import datetime
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from django.db import models

from voion_portal.loader.models import FixtureRecord

# Fields the loader writes that earlier versions did not, by model: a database loaded
# before has checksums without them (see `ContentLoader._untouched`). Add a field here
# whenever the loader starts writing one to a model it already loaded.
FIELDS_LOADED_SINCE = {
    "kennisbank.artikel": ("bron_titel", "bron_jaar", "door_redactie"),
    "kennisbank.stap": ("bijlage",),
    "taxonomy.kernopgave": ("bron",),
}


class ContentError(Exception):
    """The content files are inconsistent; the message lists every problem."""


@dataclass
class LoadReport:
    counts: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{n} {what}" for what, n in sorted(self.counts.items())]
        return ", ".join(parts) if parts else "niets te doen"


def _normalise(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return sorted(_normalise(v) for v in value)
    return value


def _checksum(data: dict) -> str:
    normalised = {key: _normalise(value) for key, value in data.items()}
    payload = json.dumps(normalised, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


class RecordKeeper:
    """Creates and updates items as the files describe them, never over an editor's work."""

    def __init__(self):
        self.report = LoadReport()

    def upsert(self, model, lookup: dict, values: dict, m2m: dict | None = None, label=""):
        """Create or update one item; returns the instance (or None if the editor deleted it)."""
        m2m = m2m or {}
        key = f"{model._meta.label_lower}:" + "/".join(str(_normalise(v)) for v in lookup.values())
        fixture_sum = _checksum({**lookup, **values, **m2m})
        record = FixtureRecord.objects.filter(key=key).first()
        instance = model.objects.filter(**lookup).first()
        kind = model._meta.verbose_name_plural

        if instance is None:
            if record is not None:
                self.report.counts[f"{kind} verwijderd door redactie (niet teruggezet)"] += 1
                return None
            instance = model(**lookup, **values)
            instance.save()
            for name, related in m2m.items():
                getattr(instance, name).set(related)
            self._record(key, fixture_sum, instance, values, m2m)
            self.report.counts[f"{kind} aangemaakt"] += 1
            return instance

        if record is not None and record.fixture_checksum == fixture_sum:
            self.report.counts[f"{kind} ongewijzigd"] += 1
            return instance

        if record is None or not self._untouched(record, instance, values, m2m):
            self.report.kept.append(f"{kind}: {label or instance}")
            self.report.counts[f"{kind} bewerkt door redactie (behouden)"] += 1
            return instance

        for name, value in values.items():
            setattr(instance, name, value)
        instance.save()
        for name, related in m2m.items():
            getattr(instance, name).set(related)
        self._record(key, fixture_sum, instance, values, m2m)
        self.report.counts[f"{kind} bijgewerkt"] += 1
        return instance

    def _untouched(self, record, instance, values: dict, m2m: dict) -> bool:
        """Whether the item is as the loader last left it (no editor changed it).

        The record's checksum covers the fields the loader wrote then. A field the loader
        learnt to write since (`FIELDS_LOADED_SINCE`) was not in it: an item whose only
        difference is such a field, still at its default, is untouched too — otherwise
        every item would look edited after an upgrade and corrected content never land.
        """
        if self._state_checksum(instance, values, m2m) == record.state_checksum:
            return True
        later = FIELDS_LOADED_SINCE.get(instance._meta.label_lower, ())
        at_default = {
            name
            for name in later
            if name in values
            and getattr(instance, name) == instance._meta.get_field(name).get_default()
        }
        if not at_default:
            return False
        earlier = {name: value for name, value in values.items() if name not in at_default}
        return self._state_checksum(instance, earlier, m2m) == record.state_checksum

    def _state_checksum(self, instance, values: dict, m2m: dict) -> str:
        instance.refresh_from_db()
        state = {name: getattr(instance, name) for name in values}
        for name in m2m:
            state[name] = list(getattr(instance, name).values_list("pk", flat=True))
        return _checksum(state)

    def _record(self, key, fixture_sum, instance, values, m2m):
        FixtureRecord.objects.update_or_create(
            key=key,
            defaults={
                "fixture_checksum": fixture_sum,
                "state_checksum": self._state_checksum(instance, values, m2m),
            },
        )

    # -- references ---------------------------------------------------------------
