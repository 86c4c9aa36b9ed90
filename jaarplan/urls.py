from django.urls import path

from jaarplan import views

app_name = "jaarplan"

urlpatterns = [
    path("", views.JaarplanListView.as_view(), name="list"),
    path("<slug:slug>/", views.JaarplanDetailView.as_view(), name="detail"),
]
