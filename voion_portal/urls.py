from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from kennisbank.feeds import KennisbankFeed
from voion_portal.core.cspreports import receive_csp_report
from voion_portal.core.pagecache import reads_parameters
from voion_portal.editors.chooser import choose_item, choose_media, preview_markdown, upload_media
from voion_portal.feedback.views import feedback
from voion_portal.media import views as media_views
from voion_portal.site import views
from voion_portal.site.sitemaps import sitemaps

admin.site.site_header = "Voion portal — redactie"
admin.site.site_title = "Voion redactie"
admin.site.index_title = "Inhoud beheren"

urlpatterns = [
    path("", views.home, name="home"),
    path("themas/", views.themas_overview, name="themas"),
    path("themas/<slug:slug>/", views.thema_hub, name="thema"),
    path("zoeken/", views.search_page, name="zoeken"),
    path("feedback/", feedback, name="feedback"),
    path("csp-rapport/", receive_csp_report, name="csp_report"),
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path(
        "toegankelijkheid/",
        TemplateView.as_view(template_name="toegankelijkheid.html"),
        name="toegankelijkheid",
    ),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        reads_parameters("p")(sitemap),  # the page of a long sitemap
        {"sitemaps": sitemaps()},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("feeds/kennisbank/", KennisbankFeed(), name="feed_kennisbank"),
    path("documenten/<int:pk>/<str:filename>", media_views.document_download, name="document"),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media_views.image_file, name="media_file"),
    path("instrumenten/", include("instrumenten.urls")),
    path("jaarplan/", include("jaarplan.urls")),
    path("pilots/", include("pilots.urls")),
    path("keuzehulp/", include("keuzehulp.urls")),
    path("selectie/", include("selectie.urls")),
    path("", include("kennisbank.urls")),
    path("admin/kies-item/", admin.site.admin_view(choose_item), name="choose_item"),
    path("admin/kies-media/", admin.site.admin_view(choose_media), name="choose_media"),
    path("admin/kies-media/nieuw/", admin.site.admin_view(upload_media), name="upload_media"),
    path(
        "admin/markdown-voorbeeld/",
        admin.site.admin_view(preview_markdown),
        name="preview_markdown",
    ),
    path("admin/", include("voion_portal.editors.password_reset")),
    path("admin/", admin.site.urls),
]

handler400 = "voion_portal.site.views.bad_request"
handler403 = "voion_portal.site.views.permission_denied"
handler404 = "voion_portal.site.views.page_not_found"
handler500 = "voion_portal.site.views.server_error"
