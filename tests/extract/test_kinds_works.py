"""Titles of works are neither actors nor places (issue 15): a work named by what introduces it ('his
setting of Salve Regina', "the publication of Thomas Malthus's Principles of Political Economy"), works
in brackets after their makers ('directors such as Ingmar Bergman (Persona)'), a dated title that the
model cut ('Midnight in |Paris| (2011)'). The real spaCy model runs; the sentences are written as
biographies and arts pages write them."""
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


def test_works_in_brackets_after_each_creator_of_a_list_are_titles():
    found = names("She also worked with directors such as Ingmar Bergman (Persona), Federico Fellini (La Strada "
                  "and Amarcord), Agnes Varda (Vagabond) and Jean Renoir (The River).")
    assert not {"Persona", "La Strada", "Amarcord", "Vagabond", "The River"} & set(found), found
    assert found.get("Ingmar Bergman") == "person" and found.get("Jean Renoir") == "person", found


def test_a_dated_title_the_model_cut_is_no_place():
    # The model reads 'Paris' alone out of the title 'Midnight in Paris'.
    found = names("Woody Allen's later films include Vicky Cristina Barcelona (2008), Midnight in Paris (2011) "
                  "and To Rome with Love (2012).")
    assert "Paris" not in found, found
    assert found.get("Woody Allen") == "person"
