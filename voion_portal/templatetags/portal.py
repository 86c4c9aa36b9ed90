"""Site-wide template tags."""

import math
import textwrap

from django import template

register = template.Library()

CYCLE_SIZE = 560
CYCLE_RADIUS = 190
NODE_RADIUS = 26


@register.inclusion_tag("includes/cycle_diagram.html")
def cycle_diagram(steps, current_id=None, title="De cyclus"):
    """The main steps of a guide drawn as a cycle; each step is a link.

    Positions are computed here so the template only draws.
    """
    centre = CYCLE_SIZE / 2
    count = max(len(steps), 1)
    nodes = []
    for index, step in enumerate(steps):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x = centre + CYCLE_RADIUS * math.cos(angle)
        y = centre + CYCLE_RADIUS * math.sin(angle)
        lines = textwrap.wrap(step.titel, 22)[:3]
        below = y >= centre - 1
        label_y = y + NODE_RADIUS + 18 if below else y - NODE_RADIUS - 10 - 17 * (len(lines) - 1)
        nodes.append(
            {
                "step": step,
                "number": index + 1,
                "x": round(x, 1),
                "y": round(y, 1),
                "lines": [
                    {"text": line, "y": round(label_y + 17 * i, 1)} for i, line in enumerate(lines)
                ],
                "current": step.pk == current_id,
            }
        )
    arrows = []
    for index in range(len(nodes)):
        start_angle = -math.pi / 2 + 2 * math.pi * (index + 0.18) / count
        end_angle = -math.pi / 2 + 2 * math.pi * (index + 0.82) / count
        arrows.append(
            {
                "x1": round(centre + CYCLE_RADIUS * math.cos(start_angle), 1),
                "y1": round(centre + CYCLE_RADIUS * math.sin(start_angle), 1),
                "x2": round(centre + CYCLE_RADIUS * math.cos(end_angle), 1),
                "y2": round(centre + CYCLE_RADIUS * math.sin(end_angle), 1),
                "r": CYCLE_RADIUS,
            }
        )
    return {
        "nodes": nodes,
        "arrows": arrows if len(nodes) > 1 else [],
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
