"""`compare_overview`: the hand-written overview statement timed against the ORM's."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from perf.management.commands.compare_overview import QUERIES, by_hand, with_the_orm
from tests.factories import ArtikelFactory, InstrumentFactory
from voion_portal.search.engine import search_types

pytestmark = pytest.mark.django_db


def test_times_both_ways_on_postgresql_and_refuses_elsewhere():
    ArtikelFactory(titel="Werkdruk in het vo")
    output = io.StringIO()
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="Alleen op PostgreSQL"):
            call_command("compare_overview", runs=2, stdout=output)
        return
    call_command("compare_overview", runs=2, stdout=output)
    rows = output.getvalue().splitlines()[2:]
    assert [row.split(" | ")[0].strip("| ") for row in rows] == QUERIES


@pytest.mark.postgres
def test_the_orm_variant_finds_what_the_statement_finds():
    """A comparison is only fair when both build the same overview."""
    for number in range(3):
        ArtikelFactory(titel=f"Werkdruk verlagen, deel {number}")
    InstrumentFactory(titel="Werkdrukmeter")
    statement = by_hand(search_types(), "werkdruk", 5)
    orm = with_the_orm(search_types(), "werkdruk", 5)
    assert {key: [row.pk for row in rows] for key, rows in statement.items()} == {
        key: [row.pk for row in rows] for key, rows in orm.items()
    }
