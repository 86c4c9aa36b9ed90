from django.contrib import admin
from django.urls import include, path

from voion_portal import views

admin.site.site_header = "Voion portal — redactie"
admin.site.site_title = "Voion redactie"
admin.site.index_title = "Inhoud beheren"

urlpatterns = [
    path("", views.home, name="home"),
    path("themas/<slug:slug>/", views.thema_hub, name="thema"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("instrumenten/", include("instrumenten.urls")),
    path("jaarplan/", include("jaarplan.urls")),
    path("pilots/", include("pilots.urls")),
    path("", include("kennisbank.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "voion_portal.views.page_not_found"
handler500 = "voion_portal.views.server_error"
