"""The editors' dashboard on the admin index (see voion_portal.editors.dashboard)."""

from django import template

from voion_portal.editors import dashboard

register = template.Library()


@register.inclusion_tag("admin/voion/dashboard.html", takes_context=True)
def editor_dashboard(context):
    return {"board": dashboard.build(context["request"].user)}
