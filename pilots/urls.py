from django.urls import path

from pilots import views

app_name = "pilots"

urlpatterns = [
    path("", views.PilotListView.as_view(), name="list"),
    path("<slug:slug>/", views.pilot_detail, name="detail"),
    path("<slug:slug>/interesse/", views.pilot_detail, name="interesse"),
]
