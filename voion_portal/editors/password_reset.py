"""A way back for an editor who forgot a password or locked themself out.

Django's own password-reset views, in the admin's look and Dutch: a link by e-mail to set
a new password. Setting it also lifts the editor's login lock-outs (django-axes), so a
locked-out editor can log in at once instead of waiting out the cool-off. Asking for a
link is rate-limited per address like the public forms: nobody can flood an inbox.
"""

from axes.utils import reset as reset_lockouts
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.decorators import method_decorator

from voion_portal.core.ratelimit import limit_posts


def _admin_context() -> dict:
    return {"site_header": admin.site.site_header, "site_title": admin.site.site_title}


@method_decorator(
    limit_posts("password-reset", "PASSWORD_RESET_RATE_LIMIT", "PASSWORD_RESET_RATE_WINDOW"),
    name="dispatch",
)
class AskForLink(auth_views.PasswordResetView):
    title = "Wachtwoord vergeten"
    success_url = reverse_lazy("password_reset_done")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_admin_context()}


class LinkSent(auth_views.PasswordResetDoneView):
    title = "Kijk in uw mail"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_admin_context()}


class SetNewPassword(auth_views.PasswordResetConfirmView):
    title = "Nieuw wachtwoord instellen"
    success_url = reverse_lazy("password_reset_complete")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_admin_context()}

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_lockouts(username=form.user.get_username())
        return response


class PasswordSet(auth_views.PasswordResetCompleteView):
    title = "Nieuw wachtwoord ingesteld"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_admin_context()}


urlpatterns = [
    # The admin's login page offers "Wachtwoord vergeten?" once this name exists.
    path("wachtwoord-vergeten/", AskForLink.as_view(), name="admin_password_reset"),
    path("wachtwoord-vergeten/verstuurd/", LinkSent.as_view(), name="password_reset_done"),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        SetNewPassword.as_view(),
        name="password_reset_confirm",
    ),
    path("wachtwoord-hersteld/", PasswordSet.as_view(), name="password_reset_complete"),
]
