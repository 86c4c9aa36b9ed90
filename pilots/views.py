from django.views.generic import ListView

from pilots.models import Pilot
from voion_portal.views import PublishableDetailView


class PilotListView(ListView):
    template_name = "pilots/pilot_list.html"
    context_object_name = "pilots"

    def get_queryset(self):
        return Pilot.objects.published().for_listing()


class PilotDetailView(PublishableDetailView):
    model = Pilot
    template_name = "pilots/pilot_detail.html"
    context_object_name = "pilot"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("sectoren", "themas")
