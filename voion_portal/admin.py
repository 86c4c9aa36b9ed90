"""The admin pages of the project's own models (Django looks for them here).

The content apps register their own; the shared admin bases are in `editors.admin`.
"""

from voion_portal.editors import (
    cspreports_admin,  # noqa: F401  (registers CspRapport)
    links_admin,  # noqa: F401  (registers ExterneLink)
    media_admin,  # noqa: F401  (registers Afbeelding and Document)
    redirects_admin,  # noqa: F401  (registers OudAdres)
)
from voion_portal.feedback import admin as feedback_admin  # noqa: F401  (Paginafeedback)
from voion_portal.search import admin as search_admin  # noqa: F401  (registers Synoniem)
