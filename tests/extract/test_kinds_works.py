"""Titles of works are neither actors nor places (issue 15): a work named by what introduces it ('his
setting of Salve Regina', "the publication of Thomas Malthus's Principles of Political Economy"). The
real spaCy model runs; the sentences are written as biographies and arts pages write them."""
from archive.extract import extract


def names(text: str) -> dict[str, str]:
    result = extract(text, None)
    return {entity.name: entity.kind for entity in result.actors + result.places}


def test_a_setting_or_a_publication_of_a_work_is_no_actor():
    found = names("Elgar's first choral success, his setting of Salve Regina, was premiered in Worcester in 1887. "
                  "A year after the publication of Thomas Malthus's Principles of Political Economy, Ricardo "
                  "wrote to him.")
    assert not {"Salve Regina", "Principles of Political Economy"} & set(found), found
    assert found.get("Thomas Malthus") == "person" and found.get("Worcester") == "place", found
    # The author stays: 'the publication of Adair Turner's full report' names a person before the work.
    assert "Adair Turner" in names("The government has postponed the publication of Adair Turner's full report.")
