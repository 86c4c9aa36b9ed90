"""Security helpers: the client's address, and the headers Django itself does not set.

Django's SecurityMiddleware sets X-Content-Type-Options, Referrer-Policy,
Cross-Origin-Opener-Policy and HSTS; django-csp sets Content-Security-Policy. This
module adds Permissions-Policy to every response and makes sure nothing under
/admin/ is ever stored by a browser or a shared cache.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.cache import add_never_cache_headers


def client_ip(request) -> str:
    """The visitor's IP address, for rate limits and the admin lock-out.

    REMOTE_ADDR unless TRUSTED_PROXY_COUNT says how many proxies we sit behind: each
    appends the address it received the request from to X-Forwarded-For, so the entry
    that many places from the end was written by our outermost proxy. Anything left of
    it came from the client and can be forged.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return remote


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """`{"camera": [], "fullscreen": ["self"]}` → `camera=(), fullscreen=(self)`."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in sorted(policy.items())
    )


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; /admin/ responses are never cached."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header(
            getattr(settings, "PERMISSIONS_POLICY", {})
        )
        self._admin_prefix = None

    @property
    def admin_prefix(self) -> str:
        if self._admin_prefix is None:
            self._admin_prefix = reverse("admin:index")
        return self._admin_prefix

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if request.path.startswith(self.admin_prefix):
            # Admin pages show personal data and carry CSRF tokens; the lock-out page
            # and redirects to the login come from outside the admin's own never_cache.
            add_never_cache_headers(response)
        return response


def proxy_address_check(app_configs=None, **kwargs):
    """System check: behind a TLS proxy with no trusted proxy, every visitor has the
    proxy's address, so one attacker locks the whole admin out and uses up the rate
    limit of the interest form for everybody."""
    from django.conf import settings
    from django.core.checks import Warning

    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and settings.TRUSTED_PROXY_COUNT == 0:
        return [
            Warning(
                "BEHIND_TLS_PROXY is on but TRUSTED_PROXY_COUNT is 0: every visitor gets "
                "the proxy's address, so login lock-outs and the form's rate limit hit "
                "everybody at once.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies that append to "
                "X-Forwarded-For (usually 1).",
                id="voion.W001",
            )
        ]
    return []
