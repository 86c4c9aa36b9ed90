"""`{% arranged_forms inline_admin_formset as arranged %}`: an arranged inline's forms, in
the groups or tree its `arrange()` builds (voion_portal.editors.inlines)."""

from django import template

register = template.Library()


@register.simple_tag
def arranged_forms(inline_admin_formset):
    return inline_admin_formset.opts.arrange(inline_admin_formset)
