from django.urls import path

from pilots import views

app_name = "pilots"

urlpatterns = [
    path("", views.PilotListView.as_view(), name="list"),
    path("<slug:slug>/", views.PilotDetailView.as_view(), name="detail"),
]
