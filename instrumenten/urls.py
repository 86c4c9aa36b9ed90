from django.urls import path

from instrumenten import views

app_name = "instrumenten"

urlpatterns = [
    path("", views.InstrumentListView.as_view(), name="list"),
    path("<slug:slug>/", views.InstrumentDetailView.as_view(), name="detail"),
]
