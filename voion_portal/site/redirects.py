"""A request for the old address of a renamed item is sent on to its new one (301)."""

from django.http import HttpResponsePermanentRedirect

from voion_portal.editors.redirects import follow


class OldAddressMiddleware:
    """Only requests that found nothing are looked up: one indexed query on a 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = follow(request.path)
        if target is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
