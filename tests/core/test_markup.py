import pytest

from voion_portal.core.markup import render_markdown


@pytest.mark.parametrize(
    "hostile, forbidden",
    [
        ("<script>alert('x')</script>", "<script"),
        ("<img src=x onerror=alert(1)>", "onerror"),
        ("[klik](javascript:alert(1))", "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "javascript"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ("<svg onload=alert(1)><circle/></svg>", "onload"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
        ('<p style="background:url(x)">x</p>', "style="),
        ("<object data=x></object><embed src=x>", "<object"),
    ],
)
def test_hostile_markup_is_removed(hostile, forbidden):
    html = render_markdown(f"Tekst ervoor.\n\n{hostile}\n\nTekst erna.")
    assert forbidden.lower() not in html.lower()
    assert "Tekst ervoor." in html
    assert "Tekst erna." in html


def test_script_content_is_dropped_not_shown_as_text():
    html = render_markdown("<script>stealCookies()</script>")
    assert "stealCookies" not in html


def test_ordinary_markdown_is_kept():
    html = render_markdown(
        "# Titel\n\n## Kop\n\n- een\n- twee\n\n1. eerst\n2. dan\n\n"
        "[Voion](https://www.voion.nl/) en [mail](mailto:info@voion.nl)\n\n"
        "| Stap | Wie |\n| --- | --- |\n| 1 | Schoolleider |\n"
    )
    assert "<h2>Titel</h2>" in html, "the page title is the h1, so a Markdown h1 becomes h2"
    assert "<h2>Kop</h2>" in html
    assert "<ul>" in html and "<li>een</li>" in html
    assert "<ol>" in html and "<li>dan</li>" in html
    assert '<a href="mailto:info@voion.nl">mail</a>' in html
    assert "<table>" in html and "<td>Schoolleider</td>" in html


def test_external_links_get_noopener_internal_links_do_not():
    html = render_markdown("[extern](https://www.voion.nl/) en [intern](/kennisbank/werkdruk/)")
    assert '<a href="https://www.voion.nl/" rel="noopener noreferrer">extern</a>' in html
    assert '<a href="/kennisbank/werkdruk/">intern</a>' in html


def test_empty_text_renders_to_empty_string():
    assert render_markdown("") == ""
    assert render_markdown("   \n") == ""
