"""One person across the archive: a surname alone joins the only full name that ends with it."""


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
