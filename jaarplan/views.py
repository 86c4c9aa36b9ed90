from django.urls import reverse
from django.views.generic import ListView

from jaarplan.models import Jaarplan
from voion_portal.core.views import PublishableDetailView


class JaarplanListView(ListView):
    page_topics = ("jaarplan",)
    template_name = "jaarplan/jaarplan_list.html"
    context_object_name = "jaarplannen"

    def get_queryset(self):
        return Jaarplan.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumb_trail"] = [("Jaarplannen", None)]
        return context


class JaarplanDetailView(PublishableDetailView):
    model = Jaarplan
    template_name = "jaarplan/jaarplan_detail.html"
    context_object_name = "jaarplan"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("organisatie", "sector")
            .prefetch_related("documenten")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kernopgaven"] = kernopgaven = self.object.grouped_activities()
        # "Op deze pagina": the plan as it reads, kernopgave -> thema (with its activities).
        context["contents"] = [
            {
                "anchor": kernopgave.slug,
                "label": kernopgave.naam,
                "children": [
                    {
                        "anchor": f"thema-{thema.slug}",
                        "label": thema.naam,
                        "count": len(activiteiten),
                    }
                    for thema, activiteiten in themas
                ],
            }
            for kernopgave, themas in kernopgaven
        ]
        context["breadcrumb_trail"] = [
            ("Jaarplannen", reverse("jaarplan:list")),
            (self.object.titel, None),
        ]
        return context
