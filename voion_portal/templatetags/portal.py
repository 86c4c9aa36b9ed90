"""Site-wide template tags."""

import math

from django import template

register = template.Library()

# A numbered circle: the phase titles are the step list beside it (its legend), so the
# drawing carries only numbers, large enough to read on a phone (viewBox units render
# 1:1 at the figure's 15rem width; the CSS never draws it smaller than ~13rem).
CYCLE_SIZE = 240
CYCLE_RADIUS = 84
NODE_RADIUS = 22


@register.inclusion_tag("includes/cycle_diagram.html")
def cycle_diagram(steps, current_id=None, title="De cyclus"):
    """The guide's phases drawn as a cycle of numbered circles; each circle links to its
    step. Arrows between the circles carry no text. Positions are computed here so the
    template only draws.
    """
    centre = CYCLE_SIZE / 2
    count = max(len(steps), 1)

    def point(position):
        angle = -math.pi / 2 + 2 * math.pi * position / count
        return (
            round(centre + CYCLE_RADIUS * math.cos(angle), 1),
            round(centre + CYCLE_RADIUS * math.sin(angle), 1),
        )

    nodes = []
    for index, step in enumerate(steps):
        x, y = point(index)
        nodes.append(
            {
                "step": step,
                "number": index + 1,
                "x": x,
                "y": y,
                "current": step.pk == current_id,
            }
        )
    # The gap an arrow leaves at each end: the node's radius plus a little air, as a
    # fraction of the circle between two nodes.
    gap = (NODE_RADIUS + 5) / (2 * math.pi * CYCLE_RADIUS / count)
    arrows = []
    for index in range(len(nodes)):
        (x1, y1), (x2, y2) = point(index + gap), point(index + 1 - gap)
        arrows.append({"x1": x1, "y1": y1, "x2": x2, "y2": y2, "r": CYCLE_RADIUS})
    return {
        "nodes": nodes,
        "arrows": arrows if len(nodes) > 1 and gap < 0.5 else [],
        "size": CYCLE_SIZE,
        "node_radius": NODE_RADIUS,
        "title": title,
    }


@register.filter(is_safe=True)
def teaser(text, length=220):
    """The text cut at a word boundary to at most `length` characters, with an ellipsis.

    Django's truncatechars inspects every character for combining marks; a list page
    shows twenty summaries, so this cheaper cut is worth having.
    """
    text = " ".join(str(text or "").split())
    length = int(length)
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut[length // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


@register.simple_tag(takes_context=True)
def page_address(context):
    """This page's full address without query string: what a visitor shares or prints."""
    request = context.get("request")
    return request.build_absolute_uri(request.path) if request else ""
