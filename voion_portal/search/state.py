"""What search remembers between two changes of the content."""

from collections.abc import Callable

from voion_portal.core.caching import remember


def per_content_state(name: str, query: str, compute: Callable[[], object]):
    """`compute()` for `query`, remembered under `name` until any content is saved or the
    next scheduled publication."""
    return remember(f"search-{name}", query, compute)
