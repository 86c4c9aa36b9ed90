"""The detail view every public content type builds on."""

from django.utils.cache import patch_cache_control
from django.views.generic import DetailView


class PublishableDetailView(DetailView):
    """A detail page the public sees when published and staff may preview as a draft."""

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_published
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["is_preview"]:
            patch_cache_control(response, private=True, no_store=True)
        return response
