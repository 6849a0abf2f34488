"""Merge suggestions (issue 15): likely duplicates with article counts, merged in one click, undoable."""
from sqlalchemy import insert

from archive import db
from archive.models import ArticleEntity, Entity
from tests.views.test_curation import admin, token_of  # noqa: F401 (the admin fixture)

TEXTS = ["Blair said on Monday that the plan would work.",
         "Tony Blair met union leaders in London on Tuesday.",
         "The WFP said food aid would reach Sudan next week.",
         "The World Food Programme said aid would reach Darfur.",
         "Shares in Lloyds TSB rose on Monday in London.",
         "Lloyds said profits would rise this year."]


def post_all(client, auth):
    return [client.post("/api/v1/articles", headers=auth, json={"body": body}).get_json()["id"] for body in TEXTS]


def suggested(client, auth) -> dict[tuple[str, str], dict]:
    reply = client.get("/api/v1/entities/suggestions", headers=auth)
    assert reply.status_code == 200
    return {(s["entity"]["name"], s["into"]["name"]): s for s in reply.get_json()["results"]}


def test_suggestions_list_surname_acronym_and_inside_pairs_with_counts(client, auth):
    post_all(client, auth)
    found = suggested(client, auth)
    assert found[("Blair", "Tony Blair")]["reason"] == "surname"
    assert found[("WFP", "World Food Programme")]["reason"] == "acronym"
    assert found[("Lloyds", "Lloyds TSB")]["reason"] == "inside"
    assert found[("Blair", "Tony Blair")]["entity"]["article_count"] == 1
    assert found[("Blair", "Tony Blair")]["into"]["article_count"] == 1


def test_same_place_twice_is_suggested(app, client, auth):
    post_all(client, auth)
    with app.app_context():  # a second 'London' row, as an older gazetteer would have made it
        session = db.session()
        other = Entity(kind="place", name="London", key="geonames:old-london")
        session.add(other)
        session.flush()
        session.execute(insert(ArticleEntity), [{"article_id": 1, "entity_id": other.id, "mention_count": 1,
                                                "first_start": 0}])
        session.commit()
    pair = suggested(client, auth)[("London", "London")]
    assert pair["reason"] == "same place" and pair["into"]["article_count"] == 2


def test_merging_a_suggestion_removes_it_and_undo_does_not_bring_it_back(client, auth):
    post_all(client, auth)
    pair = suggested(client, auth)[("Blair", "Tony Blair")]
    edit = client.post(f"/api/v1/entities/{pair['entity']['id']}/merge", headers=auth,
                       json={"into": pair["into"]["id"]}).get_json()
    assert ("Blair", "Tony Blair") not in suggested(client, auth)
    assert client.get(f"/api/v1/search?actor={pair['into']['id']}").get_json()["total"] == 2
    client.post(f"/api/v1/edits/{edit['id']}/undo", headers=auth)
    assert ("Blair", "Tony Blair") not in suggested(client, auth)  # an admin said no once


def test_suggestions_need_the_admin_token(client):
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        reply = client.get("/api/v1/entities/suggestions", headers=headers)
        assert reply.status_code == 401 and "error" in reply.get_json()
    assert client.get("/admin/entities/suggestions").status_code in (302, 401)


def test_admin_page_lists_suggestions_and_merges_in_one_click(admin, auth):
    post_all(admin, auth)
    page = admin.get("/admin/entities/suggestions").get_data(as_text=True)
    assert "Tony Blair" in page and "World Food Programme" in page and "Lloyds TSB" in page
    pair = suggested(admin, auth)[("WFP", "World Food Programme")]
    reply = admin.post(f"/admin/entities/{pair['entity']['id']}/merge", data={
        "into": str(pair["into"]["id"]), "back": "suggestions",
        "csrf_token": token_of(admin, "/admin/entities/suggestions")})
    assert reply.status_code == 302 and reply.headers["Location"].endswith("/admin/entities/suggestions")
    assert ("WFP", "World Food Programme") not in suggested(admin, auth)
    page = admin.get("/admin/entities/suggestions").get_data(as_text=True)
    assert "Done: merged" in page and 'aria-label="Merge WFP into World Food Programme"' not in page


def test_no_person_as_an_acronym_expansion_and_no_busier_name_into_a_part_of_it(client, auth):
    for body in ("CBS said its ratings rose on Monday.", "Carlos Baez Silva said the talks in Lima would go on.",
                 "BBC News named a new editor on Monday.", "BBC News said its staff would strike at noon.",
                 "BBC News Online carried the story first."):
        client.post("/api/v1/articles", headers=auth, json={"body": body})
    found = suggested(client, auth)
    assert ("CBS", "Carlos Baez Silva") not in found
    assert ("BBC News", "BBC News Online") not in found
