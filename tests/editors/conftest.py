"""Fixtures shared by the editors' tests: the local HTTP server the link check visits."""

from tests.editors.test_linkcheck import content, refused, server  # noqa: F401
