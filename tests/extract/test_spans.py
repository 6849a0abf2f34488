"""Cleaning model spans into names, headlines in capitals, and places the model misses."""
from datetime import date

import pytest

from archive.extract import extract
from archive.extract.places import is_well_known
from archive.extract.spans import Span, confirmed, pieces, shouted


def texts(text, start=0, end=None):
    return [span.text for span in pieces(text, start, len(text) if end is None else end)]


@pytest.mark.parametrize("text, names", [
    ("Romania - Cosmin Contra", ["Romania", "Cosmin Contra"]),   # a sports line: two names
    ("Durham 114", ["Durham"]),                                  # a score is not part of a name
    ("D. Blenkiron 4-43", ["D. Blenkiron"]),
    ("Scott Draper (Australia)", ["Scott Draper", "Australia"]),
    ("Interfax news agency", ["Interfax"]),                      # trailing common words go
    ("the Bank of England", ["Bank of England"]),
    ("Charles de Gaulle", ["Charles de Gaulle"]),
    ("1996-08-30", []),
])
def test_pieces(text, names):
    assert texts(text) == names


def test_pieces_keep_offsets():
    text = "Results: Lithuania - Danius Gleveckas won."
    spans = pieces(text, 9, 37)
    assert [(s.text, text[s.start:s.end]) for s in spans] == [("Lithuania", "Lithuania"),
                                                             ("Danius Gleveckas", "Danius Gleveckas")]


def test_shouted_names_need_confirmation():
    text = "AMERICAN LEAGUE STANDINGS. LEICESTERSHIRE WIN. Leicestershire beat Kent. SRI LANKA LOSE."
    assert shouted("AMERICAN LEAGUE") and shouted("LEICESTERSHIRE") and not shouted("NATO")
    assert not confirmed(text, Span("AMERICAN LEAGUE", 0, 15))
    assert confirmed(text, Span("LEICESTERSHIRE", 27, 41))  # written normally later
    assert confirmed(text, Span("SRI LANKA", 73, 82))       # a country


@pytest.mark.parametrize("name, known", [
    ("Belgrade", True), ("BELGRADE", True), ("Sri Lanka", True), ("Europe", True),
    ("Jordan", False),   # also a first name: only with the model or a cue
    ("Essex", False), ("Kazakh", False), ("Monday", False),
])
def test_is_well_known(name, known):
    assert is_well_known(name) is known


def test_headline_capitals_join_the_names_below():
    text = ("YELTSIN ENDORSES LEBED PEACE PLAN\n\nMOSCOW - Russian President Boris Yeltsin on Friday endorsed "
            "a peace plan drawn up by Alexander Lebed. Lebed met rebels in Khasavyurt, the Interfax news agency "
            "said. Lebed said the plan would hold.")
    result = extract(text, date(1996, 8, 30))
    actors = {e.name: e for e in result.actors}
    assert [m.text for m in actors["Alexander Lebed"].mentions] == ["LEBED", "Alexander Lebed", "Lebed", "Lebed"]
    assert actors["Alexander Lebed"].kind == "person"
    assert [m.text for m in actors["Boris Yeltsin"].mentions] == ["YELTSIN", "Boris Yeltsin"]
    assert "Interfax" in actors and "Interfax news agency" not in actors
    places = {e.name: e for e in result.places}
    assert {"Moscow", "Khasavyurt"} <= set(places)
    assert [m.text for m in places["Moscow"].mentions] == ["MOSCOW"]


def test_a_country_is_a_place_whatever_the_model_says():
    text = "England will play Moldova on Sunday. Moldova lost 3-0 to Italy in June, when Moldova coach Ion Caras spoke."
    result = extract(text, date(1996, 8, 30))
    places = {e.name: e for e in result.places}
    assert len(places["Moldova"].mentions) == 3 and places["Moldova"].place.country_code == "MD"
    assert "Moldova" not in {e.name for e in result.actors}


def test_country_tagged_as_nationality_is_kept():
    text = "Tajik government troops now control the town of Tavildara in Tajikistan, officials said. " \
           "Tajikistan has been at war since 1992."
    result = extract(text, date(1996, 8, 30))
    places = {e.name: e for e in result.places}
    assert len(places["Tajikistan"].mentions) == 2
    assert "Tajik" not in places
