"""Entity curation use cases on a real archive: merge, rename, reject, undo, and what ingest does after them."""
import pytest
from sqlalchemy import select

from archive import db, services
from archive.errors import Conflict, ValidationError
from archive.logic.curation import find_entity, merge_entities, reject_entity, rename_entity, undo_edit
from archive.models import ArticleEntity, Entity, EntityAlias, EntityEdit, Mention, RejectedName

TEXTS = [
    ("The Federal Reserve raised interest rates on Wednesday. Fed officials said inflation was still too high, "
     "and the Fed would act again if needed."),
    ("Markets in New York fell after the Fed signalled more increases. Traders said the Fed had surprised them, "
     "according to Goldman Sachs."),
    "The Federal Reserve published its annual report on Thursday, economists in Washington said.",
]


@pytest.fixture
def articles(client, auth):
    return [client.post("/api/v1/articles", headers=auth, json={"body": body}).get_json()["id"] for body in TEXTS]


@pytest.fixture
def session(app):
    with app.app_context():
        yield db.session()


def entity(session, name: str) -> Entity:
    return session.scalar(select(Entity).where(Entity.name == name))


def actor_facet(client, **params) -> dict[str, int]:
    data = client.get("/api/v1/search", query_string={"facet_size": 100, **params}).get_json()
    return {value["label"]: value["count"] for value in data["facets"]["actor"]["results"]}


def state(session) -> dict:
    """Every row curation may touch, to compare before and after an undo."""
    session.expire_all()
    return {
        "links": sorted(session.execute(select(ArticleEntity.article_id, ArticleEntity.entity_id,
                                               ArticleEntity.mention_count, ArticleEntity.first_start)).all()),
        "mentions": sorted(session.execute(select(Mention.id, Mention.article_id, Mention.entity_id, Mention.text,
                                                  Mention.start, Mention.end)).all()),
        "entities": sorted(session.execute(select(Entity.id, Entity.name, Entity.key, Entity.merged_into_id)).all()),
        "aliases": sorted(session.execute(select(EntityAlias.id, EntityAlias.entity_id, EntityAlias.key)).all()),
        "rejected": sorted(session.execute(select(RejectedName.kind_group, RejectedName.key)).all()),
    }


def link(session, article_id: int, entity_id: int):
    return session.get(ArticleEntity, (article_id, entity_id))


def test_merge_combines_links_and_facets_and_undo_restores_exactly(client, session, articles):
    store = services.index_store()
    before, facet_before = state(session), actor_facet(client)
    assert facet_before["Federal Reserve"] == 2 and facet_before["Fed"] == 2
    fed, reserve = entity(session, "Fed"), entity(session, "Federal Reserve")
    first = link(session, articles[0], reserve.id)
    assert (first.mention_count, first.first_start) == (1, 4)

    edit = merge_entities(session, store, fed, reserve, "tester")

    combined = link(session, articles[0], reserve.id)
    assert (combined.mention_count, combined.first_start) == (3, 4)  # 1 + 2 mentions, the earliest start
    assert link(session, articles[1], reserve.id).mention_count == 2
    assert link(session, articles[0], fed.id) is None
    assert session.scalar(select(Mention.id).where(Mention.entity_id == fed.id)) is None
    facets = actor_facet(client)
    assert facets["Federal Reserve"] == 3 and "Fed" not in facets
    assert client.get("/api/v1/search?actor=Fed").get_json()["total"] == 3  # the old name finds the survivor
    assert client.get(f"/api/v1/search?actor={fed.id}").get_json()["total"] == 3
    assert [e["name"] for e in client.get("/api/v1/actors?q=fed").get_json()["results"]] == ["Federal Reserve"]

    undo_edit(session, store, edit, "tester")
    assert state(session) == before
    assert actor_facet(client) == facet_before
    assert client.get("/api/v1/search?actor=Fed").get_json()["total"] == 2


def test_an_article_ingested_after_a_merge_links_to_the_survivor(client, auth, session, articles):
    fed, reserve = entity(session, "Fed"), entity(session, "Federal Reserve")
    merge_entities(session, services.index_store(), fed, reserve, "tester")
    later = client.post("/api/v1/articles", headers=auth, json={
        "body": "Goldman Sachs and the Fed were both criticised by Senator Elizabeth Warren in Boston."}).get_json()
    assert {a["name"] for a in later["actors"]} == {"Goldman Sachs", "Federal Reserve", "Elizabeth Warren"}
    assert actor_facet(client)["Federal Reserve"] == 4


def test_rename_shows_the_new_name_and_old_names_still_find_it(client, session, articles):
    store = services.index_store()
    goldman = entity(session, "Goldman Sachs")
    first = rename_entity(session, store, goldman, "  Goldman Sachs   Group ", "tester")
    second = rename_entity(session, store, goldman, "GS Group", "tester")
    assert first.name_after == "Goldman Sachs Group"
    assert actor_facet(client)["GS Group"] == 1 and "Goldman Sachs" not in actor_facet(client)
    for name in ("Goldman Sachs", "goldman sachs group", "GS Group", "gs group"):
        assert client.get("/api/v1/search", query_string={"actor": name}).get_json()["total"] == 1, name
    for prefix in ("goldman sachs gr", "gs"):  # the name before the last rename is a lookup alias
        assert [e["name"] for e in client.get(f"/api/v1/actors?q={prefix}").get_json()["results"]] == ["GS Group"]

    with pytest.raises(Conflict, match="undo them first"):
        undo_edit(session, store, first, "tester")
    undo_edit(session, store, second, "tester")
    undo_edit(session, store, first, "tester")
    session.expire_all()
    assert entity(session, "Goldman Sachs") is not None and session.scalar(select(EntityAlias.id)) is None
    assert client.get("/api/v1/search?actor=GS+Group").get_json()["total"] == 0


def test_reject_removes_the_name_now_and_from_later_articles_and_undo_brings_it_back(client, auth, session, articles):
    store = services.index_store()
    before, facet_before = state(session), actor_facet(client)
    fed = entity(session, "Fed")
    edit = reject_entity(session, store, fed, "tester")
    assert "Fed" not in actor_facet(client)
    assert all("Fed" not in {a["name"] for a in client.get(f"/api/v1/articles/{i}").get_json()["actors"]}
               for i in articles)
    later = client.post("/api/v1/articles", headers=auth, json={
        "body": "Goldman Sachs and the Fed were both criticised by Senator Elizabeth Warren in Boston."}).get_json()
    assert {a["name"] for a in later["actors"]} == {"Goldman Sachs", "Elizabeth Warren"}

    undo_edit(session, store, edit, "tester")
    after = state(session)
    for table in ("links", "mentions"):  # as before, plus the article stored meanwhile (which keeps what it had)
        assert [row for row in after[table] if row.article_id != later["id"]] == before[table]
    assert (after["aliases"], after["rejected"]) == (before["aliases"], before["rejected"]) == ([], [])
    assert actor_facet(client) == {**facet_before, "Goldman Sachs": 2, "Elizabeth Warren": 1}


def test_rejecting_a_survivor_also_rejects_the_names_merged_into_it(client, auth, session, articles):
    store = services.index_store()
    reserve = entity(session, "Federal Reserve")
    merge_entities(session, store, entity(session, "Fed"), reserve, "tester")
    reject_entity(session, store, reserve, "tester")
    later = client.post("/api/v1/articles", headers=auth, json={
        "body": "The Fed and the Federal Reserve Board met Goldman Sachs bankers in New York on Monday."}).get_json()
    assert not {"Fed", "Federal Reserve"} & {a["name"] for a in later["actors"]}


def test_refusals_are_clear(session, articles):
    store = services.index_store()
    fed, reserve = entity(session, "Fed"), entity(session, "Federal Reserve")
    washington = entity(session, "Washington")
    with pytest.raises(ValidationError, match="into itself"):
        merge_entities(session, store, fed, fed, "tester")
    with pytest.raises(ValidationError, match="cannot merge a organization into a place"):
        merge_entities(session, store, fed, washington, "tester")
    for name in ("", "   ", None, "x" * 301, "..."):
        with pytest.raises(ValidationError):
            rename_entity(session, store, fed, name, "tester")
    edit = merge_entities(session, store, fed, reserve, "tester")
    with pytest.raises(Conflict, match="was merged into"):
        rename_entity(session, store, fed, "Fed", "tester")
    undo_edit(session, store, edit, "tester")
    with pytest.raises(Conflict, match="already undone"):
        undo_edit(session, store, edit, "tester")
    reject_entity(session, store, fed, "tester")
    with pytest.raises(Conflict, match="not an entity"):
        merge_entities(session, store, reserve, fed, "tester")


def test_find_entity_by_id_or_any_spelling_of_a_name(session, articles):
    reserve = entity(session, "Federal Reserve")
    assert find_entity(session, str(reserve.id), "actor") is reserve
    assert find_entity(session, "federal  RESERVE", "actor") is reserve
    with pytest.raises(Exception, match="no place named"):
        find_entity(session, "Federal Reserve", "place")


def test_the_edit_log_records_who_when_and_what(session, articles):
    store = services.index_store()
    fed, reserve = entity(session, "Fed"), entity(session, "Federal Reserve")
    edit = merge_entities(session, store, fed, reserve, "editor")
    undo_edit(session, store, edit, "token ops")
    [logged] = EntityEdit.latest(session)
    assert (logged.action, logged.entity_id, logged.other_entity_id) == ("merge", fed.id, reserve.id)
    assert (logged.name_before, logged.name_after) == ("Fed", "Federal Reserve")
    assert logged.created_by == "editor" and logged.created_at is not None
    assert logged.undone_by == "token ops" and logged.undone_at >= logged.created_at


def test_undo_after_an_article_was_deleted_restores_the_rest(app, client, auth, session, articles):
    store = services.index_store()
    fed, reserve = entity(session, "Fed"), entity(session, "Federal Reserve")
    edit = merge_entities(session, store, fed, reserve, "tester")
    assert client.delete(f"/api/v1/articles/{articles[1]}", headers=auth).status_code == 204
    undo_edit(session, store, edit, "tester")
    assert actor_facet(client) == {"Federal Reserve": 2, "Fed": 1}
    assert link(session, articles[0], fed.id).mention_count == 2
    check = app.test_cli_runner().invoke(args=["archive", "check"])
    assert check.exit_code == 0 and "no drift" in check.output
