from django.urls import path

from . import views

app_name = "selectie"

urlpatterns = [
    path("", views.selection_page, name="page"),
    path("pdf/", views.selection_pdf, name="pdf"),
]
