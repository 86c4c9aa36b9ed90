"""The models of the project's sub-packages, registered under the app label `voion_portal`.

Django finds an app's models through this module. Each model lives with the layer that
owns it; their tables and migration history keep the app label `voion_portal`.
"""

from voion_portal.core.models import CspRapport, Snelheidsteller
from voion_portal.editors.models import (
    ExterneLink,
    InterneLink,
    OudAdres,
    Vindplaats,
    Werkversie,
)
from voion_portal.feedback.models import Paginafeedback
from voion_portal.loader.models import FixtureRecord
from voion_portal.media.models import Afbeelding, Document
from voion_portal.search.models import (
    Synoniem,
    Tekstwijziging,
    Woordstam,
    Zoekopdracht,
    Zoekwoord,
)

__all__ = [
    "Afbeelding",
    "CspRapport",
    "Document",
    "ExterneLink",
    "FixtureRecord",
    "InterneLink",
    "OudAdres",
    "Paginafeedback",
    "Snelheidsteller",
    "Synoniem",
    "Tekstwijziging",
    "Vindplaats",
    "Werkversie",
    "Woordstam",
    "Zoekopdracht",
    "Zoekwoord",
]
