from django.urls import path

from instrumenten import views

app_name = "instrumenten"

urlpatterns = [
    path("", views.InstrumentListView.as_view(), name="list"),
    # Before the detail page: "vergelijk" would otherwise be taken for an instrument's slug.
    path("vergelijk/", views.compare, name="compare"),
    path("<slug:slug>/", views.InstrumentDetailView.as_view(), name="detail"),
]
