"""Datelines, results tables and event names: rules read from the layout of wire copy."""
from archive.extract import extract
from archive.extract.layout import DATELINE_WITHIN, dateline_places, lineup_names, table_names

STANDINGS = ("SOCCER - ENGLISH LEAGUE STANDINGS . LONDON 1996-08-31 English soccer league standings "
             "after Saturday 's matches ( tabulated - played , won , drawn , lost , goals for , goals "
             "against , points ) : Division one Stoke 4 3 1 0 7 4 10 Barnsley 3 3 0 0 8 2 9 "
             "Norwich 4 3 0 1 5 3 9 Bolton 3 2 1 0 5 2 7 Queens Park Rangers 3 2 1 0 5 3 7")
BASEBALL = ("BASEBALL - MAJOR LEAGUE STANDINGS . NEW YORK 1996-08-30 Major League Baseball standings "
            "after games played on Thursday : AMERICAN LEAGUE EASTERN DIVISION W L PCT GB "
            "BALTIMORE 70 63 .526 4 BOSTON 69 65 .515 5 1/2 TORONTO 63 71 .470 11 1/2 "
            "WESTERN DIVISION TEXAS 75 58 .564 - SEATTLE 70 63 .526 5")
SCORES = ("Results of English league matches on Saturday : Barnsley 1 Reading 1 Bristol City 2 "
          "Ipswich 1 Stoke 0 Wolverhampton 2 Hove : Sussex 363 ( W. Athey 111 , V. Drakes 52 ) , "
          "Lancashire 197-8 ( W. Hegg 54 ) .")
TENNIS = ("Results from the U.S. Open on Thursday : Guy Forget ( France ) beat Felix Mantilla "
          "( Spain ) 6-2 6-4 6-4 Thomas Enqvist ( Sweden ) beat Pablo Campana ( Ecuador ) 6-3 6-4 "
          "Amanda Coetzer ( South Africa ) beat Asa Carlsson ( Sweden ) 6-1 6-2")


def kinds(text):
    result = extract(text)
    return {m.text: e.kind for e in result.actors + result.places for m in e.mentions}


def test_datelines_are_places_even_in_capitals():
    assert [s.text for s, _ in dateline_places("SOCCER - FRANCE WIN . PARIS 1996-08-31 France beat")] == ["PARIS"]
    assert [s.text for s, _ in dateline_places("ARLINGTON, Texas, Aug 31 (Reuters) - Juan Gonzalez")] == [
        "ARLINGTON", "Texas"]
    assert [s.text for s, _ in dateline_places("WASHINGTON (Reuters) - The Senate voted")] == ["WASHINGTON"]
    assert dateline_places("He said NATO will meet in 1996 .") == []


def test_a_dateline_opens_the_story():
    """One starting within DATELINE_WITHIN characters counts (however far it runs), a later one does not."""
    lead = "x" * (DATELINE_WITHIN - 10) + " . "
    assert [s.text for s, _ in dateline_places(lead + "PARIS 1996-08-31 France beat")] == ["PARIS"]
    assert [s.text for s, _ in dateline_places(lead + "LA CORUNA, Spain, Aug 31 (Reuters)")] == ["LA CORUNA", "Spain"]
    assert dateline_places("x" * DATELINE_WITHIN + " . PARIS 1996-08-31 France beat") == []
    two = "BONN 1996-08-30 Talks began . PARIS 1996-08-31 France beat"
    assert [s.text for s, _ in dateline_places(two)] == ["BONN", "PARIS"]


def test_a_byline_before_the_dateline_stays_a_person():
    found = kinds("U.S. SENDS CARRIER . Jim Adams WASHINGTON 1996-08-30 The United States sent a second "
                  "aircraft carrier to the Gulf on Friday , officials said .")
    assert found["WASHINGTON"] == "place"
    assert found.get("Jim Adams") == "person"


def test_teams_in_standings_are_organisations_not_places():
    found = kinds(STANDINGS)
    assert found["LONDON"] == "place"
    for team in ("Stoke", "Barnsley", "Norwich", "Bolton", "Queens Park Rangers"):
        assert found[team] == "organization", team


def test_table_headers_are_cut_from_team_names():
    names = {span.text for span, _vote in table_names(BASEBALL)}
    assert {"BALTIMORE", "BOSTON", "TORONTO", "TEXAS", "SEATTLE"} <= names
    assert not any("DIVISION" in name for name in names)


def test_scores_players_and_venues():
    votes = {span.text: vote for span, vote in table_names(SCORES)}
    assert votes["Barnsley"] == votes["Reading"] == votes["Bristol City"] == "organization+"
    assert votes["W. Athey"] == votes["W. Hegg"] == "person+"
    assert votes["Hove"] == "place+"


def test_competitors_with_a_country_in_brackets():
    names = {span.text for span, _vote in table_names(TENNIS)}
    assert {"Guy Forget", "Felix Mantilla", "Thomas Enqvist", "Amanda Coetzer"} <= names
    assert kinds(TENNIS).get("Sweden") == "place"


def test_figures_in_prose_are_not_a_table():
    text = ("Boeing 747 jets and Airbus 320 planes were grounded , and Windows 95 sales fell . "
            "The airline said on Monday it would resume flights to Paris in September .")
    assert table_names(text) == []


def test_event_names_are_neither_actors_nor_places():
    found = kinds("Payne Stewart , the former U.S. Open champion , led the Hong Kong Open after "
                  "Tiger Woods won the U.S. Amateur Championship in Portland , Oregon .")
    assert "Hong Kong Open" not in found and "U.S." not in found
    assert found.get("Portland") == "place"


def test_price_series_by_month_are_not_teams():
    text = ("Soybean futures closed on Friday : Soybean May 6.12 6.15 , July 6.20 6.24 , "
            "Aug 6.25 6.27 , Sept 6.18 6.22 , Nov 6.10 6.14 .")
    assert table_names(text) == []


def test_a_scorer_the_model_calls_a_person_stays_a_person():
    text = ("Chelsea 2 Arsenal 1 Everton 0 Fulham 0 Liverpool 3 Bolton 1 . Scorers : Chelsea - "
            "Didier Drogba 60 , Frank Lampard 75 ; Arsenal - Thierry Henry 12 .")
    found = kinds(text)
    assert found["Chelsea"] == found["Arsenal"] == "organization"
    assert found.get("Frank Lampard") == "person"


MATCH_REPORT = (
    "Barton missed a late chance for City, and United keeper Roy Carroll saved well from Kiki Musampa.\n\n"
    "Man City: James, Mills (Bradley Wright-Phillips 83), Dunne, Distin, Thatcher, Shaun Wright-Phillips, "
    "Barton (Macken 68), Sibierski, McManaman, Musampa, Fowler. Subs Not Used: Weaver, Onuoha, Flood. Booked: "
    "Fowler, Sibierski. Man Utd: Carroll, Gary Neville, Ferdinand, Brown, Heinze, O'Shea (Ronaldo 33), Keane, "
    "Fortune, Fletcher (Giggs 64), Rooney, Scholes (Phil Neville 84). Subs Not Used: Howard, Bellion. Goals: "
    "Rooney 68, Dunne 75 og. Att: 47,111 Ref: S Bennett (Kent).")


def test_a_match_reports_line_ups_and_notes_are_players_and_their_sides():
    found = kinds(MATCH_REPORT)
    for player in ("James", "Mills", "Bradley Wright-Phillips", "Macken", "Onuoha", "Flood", "Fowler", "Barton",
                   "Ferdinand", "Heinze", "O'Shea", "Ronaldo", "Phil Neville", "Bellion", "S Bennett"):
        assert found.get(player) == "person", (player, found)
    assert found.get("Man City") == found.get("Man Utd") == "organization", found
    assert not {"Att", "Ref", "James, Mills"} & set(found), found
    assert found.get("Kiki Musampa") == "person", found  # the line-up's 'Musampa' makes the model's organisation one
    # A list of towns after a colon is no line-up: it is short and has no substitutions.
    assert lineup_names("The tour visits five cities. Stops: Leeds, York, Hull, Derby, Bath.") == []


def test_a_first_name_in_brackets_is_no_acronym():
    found = kinds('"But with (Cristiano) Ronaldo and (Ryan) Giggs on, the speed improved," Ferguson said. '
                  "E Taukafa (Tonga) and O Palepoi (Samoa) are on the bench.")
    assert "Ronaldo and" not in found and "Taukafa" not in {k for k, v in found.items() if v == "organization"}, found
    assert found.get("Tonga") == "place", found
