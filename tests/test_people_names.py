"""How names and tags are folded for search: pure functions, no I/O."""

import pytest
from chalicelib.domain import names
from chalicelib.errors import ApiError


def test_folding_drops_case_diacritics_and_punctuation():
    assert names.fold("Emre Yılmaz") == "emre yilmaz"
    assert names.fold("  Zoë  Çelik-de Wit ") == "zoe celik de wit"
    assert names.key("Financiën") == names.key("financien") == "financien"


def test_name_tokens_are_unique_words_in_order():
    assert names.name_tokens("Jan de Jong de Jong") == ["jan", "de", "jong"]


def test_spellings_of_one_tag_share_a_key_and_the_first_spelling_is_kept():
    assert names.key("Org change") == names.key("org-change") == "org-change"
    assert names.tag_labels(["Org  Change", "org-change", "GIS"]) == ["org change", "gis"]


@pytest.mark.parametrize("raw", ["", "---", "x" * 41, 7])
def test_bad_tags_are_rejected_on_the_expertise_field(raw):
    with pytest.raises(ApiError) as err:
        names.tag_labels([raw])
    assert err.value.field == "expertise"


def test_every_word_must_start_some_word_of_the_name():
    tokens = names.name_tokens("Fatima El Amrani")
    assert names.matches_words(["fat", "am"], tokens)
    assert not names.matches_words(["fat", "jan"], tokens)
