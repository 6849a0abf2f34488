"""Each kind of merge suggestion (logic/suggestions.py) and its limits, on articles imported from
hand-written extractions (an import joins no names, so every pair is there to suggest)."""
from archive.logic.curation import merge_entities, undo_edit
from archive.logic.delete import delete_article
from archive.logic.suggestions import merge_suggestions
from tests.logic.stored import store


def imported(session, *articles):
    """Each article is (body, (kind, name), ...)."""
    return [store(session, body, *names, exact=True) for body, *names in articles]


def pairs(session):
    return [(s.reason, s.entity.name, s.into.name) for s in merge_suggestions(session)]


def test_a_surname_shared_by_two_full_names_is_not_suggested(db_session):
    imported(db_session, ("Berg said no.", ("person", "Berg")), ("Anna Berg spoke.", ("person", "Anna Berg")))
    assert pairs(db_session) == [("surname", "Berg", "Anna Berg")]
    imported(db_session, ("Erik Berg ruled.", ("person", "Erik Berg")))
    assert pairs(db_session) == []


def test_an_acronym_of_three_letters_or_more_is_suggested_by_an_organisations_initials(db_session):
    imported(db_session, ("The NRC cut fares.", ("organization", "NRC")),
             ("Nordic Rail Company cut fares.", ("organization", "Nordic Rail Company")),
             ("AB lent money.", ("organization", "AB")), ("Arctic Bank lent money.", ("organization", "Arctic Bank")))
    assert pairs(db_session) == [("acronym", "NRC", "Nordic Rail Company")]  # two letters stand for too much


def test_an_acronym_is_not_a_persons_initials_nor_one_of_two_expansions(db_session):
    imported(db_session, ("CBS aired it.", ("organization", "CBS")),
             ("Carlos Baez Silva aired it.", ("person", "Carlos Baez Silva")))
    assert pairs(db_session) == []
    imported(db_session, ("The PDA won.", ("organization", "PDA")),
             ("The People's Democratic Alliance won.", ("organization", "People's Democratic Alliance")),
             ("The Party of Democratic Action won.", ("organization", "Party of Democratic Action")))
    assert pairs(db_session) == []


def test_a_known_short_form_is_suggested_even_with_two_letters(db_session):
    imported(db_session, ("The AU met.", ("organization", "AU")),
             ("The African Union met.", ("organization", "African Union")))
    assert pairs(db_session) == [("acronym", "AU", "African Union")]


def test_part_of_an_organisations_name_is_suggested_only_when_the_longer_name_is_as_common(db_session):
    imported(db_session, ("Lloyds fell.", ("organization", "Lloyds")),
             ("Lloyds TSB fell.", ("organization", "Lloyds TSB")),
             ("BBC News said so.", ("organization", "BBC News")), ("BBC News said it.", ("organization", "BBC News")),
             ("BBC News Online said so.", ("organization", "BBC News Online")))
    assert pairs(db_session) == [("inside", "Lloyds", "Lloyds TSB")]  # BBC News is named more than its longer form


def test_part_of_a_persons_name_is_suggested_whatever_the_counts_but_not_a_list_of_names(db_session):
    imported(db_session, ("Rafa won.", ("person", "Rafa")), ("Rafa won again.", ("person", "Rafa")),
             ("Rafa Benitez won.", ("person", "Rafa Benitez")),
             ("Dell and Samsung fell.", ("organization", "Dell")),
             ("Dell, Samsung fell.", ("organization", "Dell, Samsung")))
    assert pairs(db_session) == [("inside", "Rafa", "Rafa Benitez")]


def test_two_places_of_one_name_are_suggested_the_less_named_into_the_other(db_session):
    imported(db_session, ("Georgia voted.", ("place", "Georgia")),
             ("Georgia is warm.", ("place", "Georgia", "geonames:4197000")),
             ("Georgia grows peaches.", ("place", "Georgia", "geonames:4197000")))
    [suggestion] = merge_suggestions(db_session)
    assert (suggestion.reason, suggestion.entity.key, suggestion.into.key) == \
        ("same place", "georgia", "geonames:4197000")
    assert (suggestion.entity_articles, suggestion.into_articles) == (1, 2)


def test_a_merge_an_admin_undid_is_not_suggested_again(db_session, index):
    imported(db_session, ("The NRC cut fares.", ("organization", "NRC")),
             ("Nordic Rail Company cut fares.", ("organization", "Nordic Rail Company")))
    [suggestion] = merge_suggestions(db_session)
    edit = merge_entities(db_session, index, suggestion.entity, suggestion.into, "admin")
    undo_edit(db_session, index, edit, "admin")
    assert pairs(db_session) == []


def test_an_entity_left_in_no_article_is_not_suggested(db_session, index):
    berg, _anna = imported(db_session, ("Berg said no.", ("person", "Berg")),
                           ("Anna Berg spoke.", ("person", "Anna Berg")))
    delete_article(db_session, index, berg)
    assert pairs(db_session) == []
