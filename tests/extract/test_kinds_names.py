"""Names that are not of an actor or place (issue 15): a name written as a name ('real name Shawn
Carter', 'renamed Volgograd'), a language ('a degree in Biblical Hebrew', 'speakers of Kwambi and …').
The real spaCy model runs; the sentences are written as news and biographies write them."""
from archive.extract import extract


def mentions(text: str) -> dict[str, tuple[str, list[str]]]:
    result = extract(text, None)
    return {entity.name: (entity.kind, [m.text for m in entity.mentions]) for entity in result.actors + result.places}


# ---- a name written as a name, not of its bearer

def test_a_real_or_pen_name_is_no_mention_of_its_bearer():
    found = mentions("Jay-Z, real name Shawn Carter, said he would stay. Her first stories appeared in a small "
                     "newspaper under her pen name, Kiyoko Sato. The name \"Marbles\" comes from her dog.")
    assert not {"Shawn Carter", "Kiyoko Sato", "Marbles"} & set(found), found
    assert found.get("Jay-Z", ("person",))[0] == "person", found


def test_a_renamed_city_keeps_its_later_mentions():
    found = mentions("In 1925 Tsaritsyn was renamed Stalingrad. In 1961 the name of the city was officially changed "
                     "from Stalingrad to Volgograd. Today Volgograd is home to a million people, and visitors to "
                     "Volgograd climb the Mamayev Kurgan.")
    assert "Stalingrad" not in found, found
    kind, written = found["Volgograd"]
    assert kind == "place" and len(written) == 2, found


def test_a_bearer_known_by_a_name_or_named_to_a_post_stays():
    found = mentions("Chelsea name Jose Mourinho as their new manager. Jenna Mourey, better known by her "
                     "pseudonym Jenna Marbles, posted a video.")
    assert found.get("Jose Mourinho", ("?",))[0] == "person", found
    assert found.get("Jenna Marbles", ("?",))[0] == "person", found
    # Idioms with 'name' that name no name: 'to his name', 'the other name (linked with the job)'.
    found = mentions("With 27 caps and a winner's medal to his name, Julian White is now in a position to help. "
                     "Todd Martin is the other name to have been linked with the job.")
    assert found.get("Julian White", ("?",))[0] == "person" and found.get("Todd Martin", ("?",))[0] == "person", found


# ---- languages: a field of study, a list of languages, a name the text also writes '-speaking'

def test_a_language_studied_listed_or_spoken_is_no_actor_nor_place():
    found = mentions("Mwale obtained a master's degree in Biblical Hebrew in 1962 and taught at Lusaka. Further "
                     "north, speakers of Kwambi and Oshikwaluudhi Kolonkadhi farm millet. Most children in the "
                     "district are Silozi-speaking, and numbers up to five are counted with native Silozi words.")
    assert not {"Biblical Hebrew", "Oshikwaluudhi Kolonkadhi", "Silozi"} & set(found), found
    assert found.get("Lusaka", ("?",))[0] == "place", found
