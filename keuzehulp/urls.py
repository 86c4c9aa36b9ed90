from django.urls import path

from keuzehulp import views

app_name = "keuzehulp"

urlpatterns = [
    path("", views.question_page, name="start"),
    path("vraag/<slug:vraag>/", views.question_page, name="vraag"),
    path("resultaat/", views.result_page, name="resultaat"),
]
