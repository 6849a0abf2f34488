"""One actor across the archive: a surname joins the full name that fits its article; acronyms,
short forms and full names of an organisation are one actor."""
import pytest


def actor_ids(client, article_id):
    return {a["name"]: a["id"] for a in client.get(f"/api/v1/articles/{article_id}").get_json()["actors"]}


def test_surname_in_a_later_article_is_the_same_actor(client, auth):
    first = client.post("/api/v1/articles", headers=auth, json={
        "body": "President Kassym-Jomart Tokayev met envoys in Astana on Monday."}).get_json()
    second = client.post("/api/v1/articles", headers=auth, json={
        "body": "Tokayev said the reforms would continue. Tokayev spoke for an hour."}).get_json()
    full = actor_ids(client, first["id"])["Kassym-Jomart Tokayev"]
    assert actor_ids(client, second["id"]) == {"Kassym-Jomart Tokayev": full}
    assert client.get(f"/api/v1/search?actor={full}").get_json()["total"] == 2


def test_ambiguous_surname_stays_apart(client, auth):
    for body in ("Minister Anna Berg visited Oslo on Monday.", "Judge Erik Berg ruled in Bergen on Friday."):
        client.post("/api/v1/articles", headers=auth, json={"body": body})
    third = client.post("/api/v1/articles", headers=auth, json={"body": "Berg declined to comment, Berg said."}).get_json()
    names = set(actor_ids(client, third["id"]))
    assert names == {"Berg"}  # neither Anna nor Erik: the surname alone is ambiguous


def post(client, auth, body, **fields):
    reply = client.post("/api/v1/articles", headers=auth, json={"body": body, **fields})
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()["id"]


def test_titled_surname_joins_the_full_name_even_when_the_surname_came_first(client, auth):
    early = post(client, auth, "Blair said on Monday that the plan would work.")
    full = post(client, auth, "Tony Blair met union leaders in London on Tuesday.")
    later = post(client, auth, "Mr Blair told MPs that the plan would go ahead.")
    blair = actor_ids(client, full)["Tony Blair"]
    assert actor_ids(client, later) == {"Tony Blair": blair}
    assert actor_ids(client, early) == {"Blair": actor_ids(client, early)["Blair"]}  # stored before any full name
    assert client.get(f"/api/v1/search?actor={blair}").get_json()["total"] == 2


def test_shared_surname_joins_the_person_its_article_shares_context_with(client, auth):
    post(client, auth, "Chancellor Gordon Brown told the Treasury and the Bank of England to act.",
         published_at="2005-02-01T09:00:00Z")
    post(client, auth, "Nick Brown, the farming minister, visited Cumbria and Devon farms.",
         published_at="2005-02-02T09:00:00Z")
    gordon = post(client, auth, "Brown said the Treasury and the Bank of England agreed on rates.",
                  published_at="2005-02-03T09:00:00Z")
    nick = post(client, auth, "Brown toured farms in Cumbria and Devon after the floods.",
                published_at="2005-02-03T09:00:00Z")
    assert "Gordon Brown" in actor_ids(client, gordon) and "Brown" not in actor_ids(client, gordon)
    assert "Nick Brown" in actor_ids(client, nick) and "Brown" not in actor_ids(client, nick)


def test_a_party_leaders_surname_does_not_join_a_film_director_of_that_name(client, auth):
    """The issue's 'Ron Howard in a story about Michael Howard': the surname joins the person whose articles
    share its article's actors, not the other namesake in the archive."""
    day = {"published_at": "2005-02-01T09:00:00Z"}
    post(client, auth, "Director Ron Howard began filming in Hollywood with Russell Crowe for Universal.", **day)
    post(client, auth, "Tory leader Michael Howard attacked Tony Blair and the Labour Party over taxes.", **day)
    later = post(client, auth, "Mr Howard said Tony Blair and the Labour Party had broken their promises.", **day)
    names = actor_ids(client, later)
    assert "Michael Howard" in names and "Ron Howard" not in names, names


def test_articles_joined_by_a_surname_are_no_evidence_for_the_next_choice(client, auth):
    """'Nancy Reagan' once, 'Ronald Reagan' twice; eight 'President Reagan' articles that share the White
    House with her join her. They must not count as her articles: an article that shares nothing with
    either would then join her too, and the next, and so on (one early join made her the person of 347
    Reuters articles that only say 'President Reagan')."""
    day = {"published_at": "1987-03-02T09:00:00Z"}
    nancy = post(client, auth, "Nancy Reagan spoke at the White House about drug abuse.", **day)
    post(client, auth, "Ronald Reagan asked Congress for more money for the army.", **day)
    post(client, auth, "Ronald Reagan vetoed the highway bill passed by Congress.", **day)
    for number in range(8):
        post(client, auth, f"President Reagan spoke at the White House on topic {number}.", **day)
    neutral = post(client, auth, "President Reagan said the economy was growing fast.", **day)
    assert "Nancy Reagan" not in actor_ids(client, neutral), actor_ids(client, neutral)
    assert "Nancy Reagan" in actor_ids(client, nancy)


def test_acronym_and_expansion_are_one_actor_across_articles(client, auth):
    defined = post(client, auth, "The Collective Security Treaty Organisation (CSTO) sent troops to Almaty.")
    alone = post(client, auth, "The CSTO said its troops would leave Kazakhstan within ten days.")
    csto = actor_ids(client, defined)["Collective Security Treaty Organisation"]
    assert actor_ids(client, alone) == {"Collective Security Treaty Organisation": csto}


@pytest.mark.parametrize("first, second, name", [
    ("The EU said on Monday that spending would rise next year.",
     "The European Union said on Friday that taxes would not rise next year.", "European Union"),
    ("The IMF said on Monday that spending would rise next year.",
     "The International Monetary Fund said on Friday that taxes would not rise next year.",
     "International Monetary Fund"),
    ("The Lib Dems want lower taxes, a spokesman said on Monday.",
     "The Liberal Democrats said on Friday that taxes would not rise next year.", "Liberal Democrats"),
])
def test_well_known_short_form_and_full_name_are_one_actor(client, auth, first, second, name):
    one, other = post(client, auth, first), post(client, auth, second)
    assert actor_ids(client, one) == actor_ids(client, other) == {name: actor_ids(client, one)[name]}
