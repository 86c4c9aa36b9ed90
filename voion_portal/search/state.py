"""What search remembers between two changes of the content."""

from collections.abc import Callable, Iterable

from voion_portal.core.caching import remember


def per_content_state(
    name: str,
    query: str,
    compute: Callable[[], object],
    topics: Iterable[str] | None = None,
    follows_matches: bool = True,
):
    """`compute()` for `query`, remembered under `name` until content of `topics` (None:
    any content) is saved or the next scheduled publication.

    `follows_matches`: the value depends on the texts only through which items match
    the query (counts, "any match", estimates); not so a correction, made from the words
    of every title."""
    return remember(f"search-{name}", query, compute, topics, follows_matches)


def topics_of(model) -> tuple[str, ...]:
    """What a value about `model`'s rows alone depends on: its app (and the taxonomy)."""
    return (model._meta.app_label,)
