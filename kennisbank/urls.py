from django.urls import path

from kennisbank import views

app_name = "kennisbank"

urlpatterns = [
    path("kennisbank/", views.ArtikelListView.as_view(), name="list"),
    path("kennisbank/<slug:slug>/", views.ArtikelDetailView.as_view(), name="detail"),
    path("stappenplannen/", views.StappenplanListView.as_view(), name="stappenplannen"),
    path("stappenplannen/<slug:slug>/", views.StappenplanDetailView.as_view(), name="stappenplan"),
    path("stappenplannen/<slug:stappenplan_slug>/<slug:slug>/", views.stap_detail, name="stap"),
]
