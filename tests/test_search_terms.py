"""Folding, stop words and stemming: what makes a search find a word in another form."""

from chalicelib.domain.search.snippets import snippet
from chalicelib.domain.search.terms import document_terms, query_terms


def found(query: str, text: str, lang: str = "nl") -> bool:
    return set(query_terms(query, lang)) <= set(document_terms(text))


def test_a_plural_finds_the_singular():
    assert found("fietsenstallingen", "De nieuwe fietsenstalling is open.")
    assert found("fietsenstalling", "Alle fietsenstallingen gaan dicht.")


def test_accents_and_case_fold_away():
    assert found("cafe", "Vrijdag borrel in het Café op de hoek.")
    assert found("CAFÉ", "het cafe")


def test_english_text_is_stemmed_in_english():
    assert found("meeting", "Our weekly meetings move to Tuesday.", lang="en")
    assert found("the meetings", "Weekly meeting on Tuesday.")  # English stop words say so


def test_stop_words_are_no_terms():
    assert query_terms("de het een", "nl") == []
    assert "het" not in document_terms("het gebouw")
    assert not found("kantine", "De fietsenstalling is open.")


def test_at_most_five_terms_a_query():
    assert len(query_terms("een twee drie vier vijf zes zeven", "nl")) == 5


def test_snippets_escape_the_text_and_mark_the_matches():
    text = "Het <b>café</b> & de fietsenstallingen: <script>alert(1)</script>"
    marked = snippet(text, set(query_terms("fietsenstalling cafe")))
    assert "<mark>café</mark>" in marked and "<mark>fietsenstallingen</mark>" in marked
    assert "<script>" not in marked and "<b>" not in marked
    assert "&lt;script&gt;" in marked


def test_no_payload_survives_as_markup_in_a_snippet():
    import re

    from chalicelib.domain.search.terms import plain_text
    from xss_payloads import PAYLOADS

    for payload in PAYLOADS:
        text = plain_text(f"zoekwoord {payload} zoekwoord")
        marked = snippet(text, set(query_terms("zoekwoord")))
        tags = set(re.findall(r"</?([a-zA-Z][^\s/>]*)", marked))
        assert tags <= {"mark"}, (payload, marked)
        assert "<mark>zoekwoord</mark>" in marked
