"""Static files as collected for serving: the built bundles, not the parts they are built from.

`static/css/src/` and `static/js/src/` are the sources `make assets` concatenates into
`static/css/portal.css` and `static/js/portal.js`. Collected, they would be served for
nothing, and the manifest storage would try to resolve their relative `url(...)`s from the
wrong folder.
"""

from django.contrib.staticfiles.apps import StaticFilesConfig


class PortalStaticFilesConfig(StaticFilesConfig):
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "src"]
