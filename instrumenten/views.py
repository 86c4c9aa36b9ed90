from django.conf import settings
from django.views.generic import ListView

from instrumenten.models import Instrument
from voion_portal.views import PublishableDetailView


class InstrumentListView(ListView):
    template_name = "instrumenten/instrument_list.html"
    paginate_by = settings.PAGE_SIZE
    context_object_name = "instrumenten"

    def get_queryset(self):
        return Instrument.objects.published().for_listing()


class InstrumentDetailView(PublishableDetailView):
    model = Instrument
    template_name = "instrumenten/instrument_detail.html"
    context_object_name = "instrument"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("soort", "aanbieder")
            .prefetch_related("sectoren", "themas", "pijlers", "doelgroepen")
        )
