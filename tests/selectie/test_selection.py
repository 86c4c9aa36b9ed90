"""Reading a selection from its address, and writing it back (selectie/selection.py)."""

from django.http import QueryDict

from selectie.selection import MAX_ITEMS, Selection


def parse(query: str) -> Selection:
    return Selection.from_query(QueryDict(query))


def test_items_keep_the_order_of_their_numbers_not_of_the_parameters():
    selection = parse(
        "notitie-2=Maandag&item-2=artikel:werkdruk&item-10=stap:shrm/analyse"
        "&item-1=instrument:werkbalans"
    )
    assert selection.keys == ["instrument:werkbalans", "artikel:werkdruk", "stap:shrm/analyse"]
    assert selection.notes == {"artikel:werkdruk": "Maandag"}


def test_the_address_is_readable_and_numbered_from_one():
    selection = parse("item-3=instrument:werkbalans&item-7=activiteit:plan-2024/onderzoek")
    selection.notes["activiteit:plan-2024/onderzoek"] = "Voor het MT & de GMR"
    assert selection.query_string() == (
        "item-1=instrument:werkbalans&item-2=activiteit:plan-2024/onderzoek"
        "&notitie-2=Voor+het+MT+%26+de+GMR"
    )
    assert parse(selection.query_string()) == Selection(selection.keys, selection.notes)


def test_malformed_unknown_kinds_and_repeats_are_left_out_and_counted():
    selection = parse(
        "item-1=instrument:werkbalans&item-2=pilot:iets&item-3=instrument:werkbalans"
        "&item-4=stap:zonder-stappenplan&item-5=artikel:<script>&item-6=&item-7=artikel:ok"
    )
    assert selection.keys == ["instrument:werkbalans", "artikel:ok"]
    assert selection.dropped == 5


def test_a_selection_is_capped():
    query = "&".join(f"item-{n}=artikel:a-{n}" for n in range(1, MAX_ITEMS + 6))
    selection = parse(query)
    assert len(selection.keys) == MAX_ITEMS
    assert selection.over_limit == 5


def test_notes_are_single_lines_of_limited_length():
    selection = parse("item-1=artikel:a&notitie-1=" + "regel%0Atwee+" * 100)
    assert "\n" not in selection.notes["artikel:a"]
    assert len(selection.notes["artikel:a"]) == 500


def test_moving_removing_and_adding_return_new_selections():
    selection = parse("item-1=artikel:a&item-2=artikel:b&item-3=artikel:c&notitie-2=B")
    assert selection.moved("artikel:c", -1).keys == ["artikel:a", "artikel:c", "artikel:b"]
    assert selection.moved("artikel:a", -1).keys == ["artikel:a", "artikel:b", "artikel:c"]
    assert selection.moved("artikel:a", 1).query_string() == (
        "item-1=artikel:b&item-2=artikel:a&item-3=artikel:c&notitie-1=B"
    )
    assert selection.without("artikel:b").notes == {}
    assert selection.plus("artikel:d").keys[-1] == "artikel:d"
    assert selection.plus("nonsens").keys == selection.keys
    assert selection.keys == ["artikel:a", "artikel:b", "artikel:c"]  # unchanged
