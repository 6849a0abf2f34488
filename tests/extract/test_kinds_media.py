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
