"""Mentions that are no actor or place of the story (issue 15): a platform that carries what someone says
('said on Twitter'), the label of a code in brackets ('(NYSE: IBM)'), a title right after the word that
introduces a work ('author of Alice in Wonderland'), a topic of scholarship ('lectures on Deixis'), an
epithet the model calls a place ('the Orange Prince') and a sports draft. Each rule is checked both ways:
the mention goes, and the actor or place in a like sentence stays. The real spaCy model runs."""
from archive.extract import extract


def names(text: str) -> dict[str, str]:
    result = extract(text, None)
    return {entity.name: entity.kind for entity in result.actors + result.places}


def mentions(text: str, name: str) -> list[str]:
    result = extract(text, None)
    return [text[m.start:m.end] for entity in result.actors + result.places if entity.name == name
            for m in entity.mentions]


def test_a_platform_that_carries_what_someone_says_is_no_actor():
    found = names("Searching for the name pulled up only Jenna's videos on Google, her mother said.")
    assert "Google" not in found, found
    found = names("Church officials asked the site to remove a promotional video featuring Tom Cruise from YouTube.")
    assert "YouTube" not in found and "Tom Cruise" in found, found


def test_a_platform_the_story_is_about_stays_an_actor():
    text = ("Officials asked the site to remove a promotional video from YouTube. Though YouTube is complying "
            "with the requests, other sites will keep hosting it.")
    assert mentions(text, "YouTube") == ["YouTube"]
    found = names("Google bought the video-sharing site for $1.65bn, Google said on Monday.")
    assert found.get("Google") == "organization", found


def test_the_label_of_a_code_in_brackets_is_no_actor_nor_the_code():
    found = names("Phoenix Sky Harbor International Airport (IATA: PHX) is the main air gateway to Arizona.")
    assert "IATA" not in found and "PHX" not in found and "Arizona" in found, found
    text = "Shares of International Business Machines (NYSE: IBM) rose 3%. IBM said sales grew."
    assert mentions(text, "IBM") == ["IBM"] and "NYSE" not in names(text)
    found = names("Tony Blair (Labour) and Michael Howard (Conservative) clashed in the Commons.")
    assert found.get("Labour Party") == "organization", found


def test_a_title_right_after_author_of_is_the_work_whatever_the_gazetteer_knows():
    found = names("The most famous of them is Lewis Carroll, author of Alice in Wonderland.")
    assert "Alice" not in found and "Lewis Carroll" in found, found
    found = names("The premiere of Hamlet in London drew crowds from across Europe.")
    assert found.get("London") == "place", found
    found = names("Tom Holland is the author of the Demos report on Britain's schools.")
    assert found.get("Tom Holland") == "person" and "United Kingdom" in found, found


def test_a_topic_of_lectures_or_of_a_scholars_work_is_no_organisation_or_place():
    found = names("Around the same time, Fillmore's Santa Cruz Lectures on Deixis, delivered in 1971 and "
                  "published in 1975, were widely read.")
    assert "Deixis" not in found and "Santa Cruz Lectures" not in found, found
    found = names("Daniel Bernoulli now returned to his earlier work on Conservation of Energy.")
    assert "Conservation of Energy" not in found, found


def test_a_topic_cue_does_not_take_an_actor_that_speaks():
    found = names("She wrote her thesis on Microsoft. Microsoft said it would not comment on the study.")
    assert found.get("Microsoft") == "organization", found


def test_an_epithet_the_gazetteer_does_not_know_is_no_place():
    text = ("Is it the 2016 license of the Orange Prince? Let's look at the 2016 license of Orange Prince, "
            "which is what I thought this case was about.")
    assert "Orange Prince" not in names(text)
    found = names("The Prince of Wales visited Orange and Prince George on Monday.")
    assert "Prince George" in found or "Orange" in found, found


def test_a_sports_draft_is_an_event():
    found = names("Holt was drafted by the Pittsburgh Pirates in the 2009 Major League Baseball Draft.")
    assert "Major League Baseball Draft" not in found and "Pittsburgh Pirates" in found, found


def test_a_person_named_inside_such_a_title_stays_a_person():
    text = ("Gordon became principal advisor and close friend of Tsar Peter the Great. His daughter married "
            'Alexander Gordon of Auchintoul, author of "The History of Peter the Great, Emperor of Russia".')
    assert len(mentions(text, "Peter the Great")) == 2


def test_a_reference_lists_authors_are_people_and_its_titles_no_names():
    text = ("Other random good ones:\n\nAusten, Jane. Pride and Prejudice\n\nLondon, Jack. White Fang\n\n"
            "Marx, Karl and Engels, Friedrich. The Communist Manifesto (solo)\n\nSee the catalog for more.")
    found = names(text)
    assert {"Jane Austen", "Jack London", "Karl Marx", "Friedrich Engels"} <= {n for n, k in found.items()
                                                                              if k == "person"}, found
    assert not {"London", "Engels", "Jane", "Karl", "Prejudice"} & set(found), found
    # One line in prose is no list: 'Smith, John.' stays as the model reads it.
    found = names("Blair, the prime minister, spoke. Smith, John. He said hello in London.")
    assert found.get("London") == "place", found


def test_deities_styles_and_ranks_are_no_actors_or_places():
    found = names("Pilgrims throw pebbles at a pillar to represent the stoning of Satan, near Jeddah.")
    assert "Satan" not in found and found.get("Jeddah") == "place", found
    found = names("Tulsa has one of the largest concentrations of Art Deco in the nation.")
    assert "Art Deco" not in found and "Tulsa" in found, found
    found = names("The stone mistakenly gives his rank as Oberst, Colonel, said Patrick Gordon.")
    assert "Oberst" not in found, found


def test_a_nickname_after_is_now_names_the_name_not_its_bearer():
    found = names("As its comeback has continued, the official moniker is now the New American City, and "
                  "Cleveland has earned the reputation.")
    assert "New American City" not in found and found.get("Cleveland") == "place", found


def test_an_aircraft_by_its_name_beside_its_fields_words():
    found = names("Dust particles collected by U2 in the stratosphere were studied at NASA.")
    assert "U2" not in found, found
    found = names("The Irish band U2 said on Monday that the tour would start in Dublin.")
    assert found.get("U2") == "organization", found


def test_a_judgment_named_by_its_party_where_a_court_speaks_is_the_case():
    found = names("The court must weigh its precedents. You would not deny that between the time that Navtej "
                  "was delivered and today, our society has changed, Justice Chandrachud said.")
    assert "Navtej" not in found and found.get("Chandrachud") == "person", found
    found = names("Jenny was delivered by caesarean at a hospital in London on Monday, her mother said.")
    assert found.get("Jenny") == "person", found


def test_a_campaign_slogan_names_the_people_it_calls_for():
    """The issue's 'Vote Blair' person: the call is no part of the name ('Vote Blair, Get Brown')."""
    text = ('Tony Blair has a fan. "I have a new slogan. Vote Blair, Get Brown. That is what I tell people," '
            "she said of Gordon Brown's future.")
    found = names(text)
    assert not {"Vote Blair", "Get Brown"} & set(found), found
    assert len(mentions(text, "Tony Blair")) == 2 and len(mentions(text, "Gordon Brown")) == 2
    found = names("Posters saying Vote Leave were everywhere, and Vote Leave said it had won.")
    assert "Vote Leave" in found and "Leave" not in found, found


def test_a_company_the_model_calls_a_person_by_its_wording():
    """The issue's 'Petronas' person: a firm by the words around it."""
    found = names("Malaysian oil firm Petronas has signed a deal with Shell. Petronas said output would rise.")
    assert found.get("Petronas") == "organization", found


def test_a_place_by_the_noun_the_text_gives_it_however_small():
    found = names("South Korea evacuated about 80 people in the town of Yeoncheon after a shell landed nearby.")
    assert found.get("Yeoncheon") == "place", found
    found = names("The port of Mukalla was busy as ships unloaded food.")
    assert found.get("Mukalla") == "place", found
    found = names("Chelsea boss Jose Mourinho said Chelsea would win the league.")
    assert found.get("Chelsea") == "organization", found


def test_a_name_that_acts_where_no_things_wording_stands_stays_an_actor():
    found = names("Former Worldcom boss Bernie Ebbers denied the charges. Did he ever make an entry into Worldcom "
                  "books, the lawyer asked.")
    assert found.get("Worldcom") == "organization", found
    found = names("Robert Blake, the former star of US TV drama Baretta, has denied murder, his lawyer said.")
    assert "Baretta" not in found and "Robert Blake" in found, found
