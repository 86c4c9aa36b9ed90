"""Dutch words to index terms, the same way for the texts and for what a visitor types.

The embedded (SQLite) backend cannot give FTS5 a tokenizer of its own from Python, so
texts are turned into terms here and FTS5 only splits them on spaces. The terms follow
PostgreSQL's `dutch` configuration: the Snowball stemmer it uses (`dutch_porter` in
Snowball 3; the newer `dutch` algorithm strips "ge-" and turns "begeleiden" into
"beleid") and the function words it leaves out, so both backends agree on what a word
matches.
"""

import functools
import re

import snowballstemmer

WORD = re.compile(r"[^\W_]+")


_MARKDOWN_NOISE = re.compile(r"\[([^\]]*)\]\([^)]*\)|[#*_>`|]+")


# Words too common to tell texts apart (articles, pronouns, auxiliaries, prepositions):
# not indexed and dropped from queries, as PostgreSQL's `dutch` configuration does.
_STOP_WORDS_TEXT = """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen
    door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij
    hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet
    na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen
    tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze
    zelf zich zij zijn zo zonder zou
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


_stemmer = snowballstemmer.stemmer("dutch_porter")


def plain_text(text: str) -> str:
    """`text` without Markdown link targets and markup characters, whitespace collapsed."""
    return " ".join(_MARKDOWN_NOISE.sub(lambda m: m.group(1) or " ", text or "").split())


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str | None:
    """The index term of one word, or None for a function word."""
    lowered = word.lower()
    if lowered in STOP_WORDS:
        return None
    return _stemmer.stemWord(lowered)


def terms(text: str) -> list[str]:
    """The index terms of a text, in order."""
    found = (stem(match.group()) for match in WORD.finditer(plain_text(text)))
    return [term for term in found if term]
