"""The bench-search corpus (issue 20): copies of a text get their own day, outlet and entity mix, so
that a large archive's postings are not a few thousand patterns repeated; the first pass is as written."""
from datetime import datetime

from archive.extract import extract_many
from bench.search import corpus

BASES = [{"title": f"Story {n}", "body": f"Text number {n} of the corpus.", "source": "Reuters",
          "published_at": "1987-03-0{}T00:00:00".format(n + 1)} for n in range(4)]


def test_copies_get_days_and_outlets_of_their_own():
    articles = corpus.cycled(400, BASES)
    assert [article for _base, article in articles[:4]] == BASES  # the first pass as it is
    copies = [article for _base, article in articles[4:]]
    assert all(article["body"].endswith(".)") and "(Archive copy" in article["body"] for article in copies)
    years = {datetime.fromisoformat(article["published_at"]).year for article in copies}
    assert max(years) - min(years) >= 20
    outlets = [article["source"] for article in copies]
    assert len(set(outlets)) >= 10 and outlets.count("Reuters") > outlets.count("Le Monde")
    assert corpus.cycled(400, BASES) == articles  # the same corpus on every run


def test_copies_name_a_varied_mix_of_the_entities():
    texts = ["Angela Merkel met Emmanuel Macron and Pedro Sanchez in Berlin and Paris on Monday, "
             "with Mark Rutte and Olaf Scholz, before flying to Madrid and Lisbon.",
             "Joe Biden spoke to Justin Trudeau in Ottawa about trade with Mexico."]
    extractions = extract_many([(text, None) for text in texts])
    first = extractions[0]
    mixes = [corpus.varied(first, number, extractions) for number in range(2, 42)]
    names = [tuple(sorted(found.name for found in mix.actors + mix.places)) for mix in mixes]
    assert len(set(names)) >= 10  # copies of one text do not all name the same entities
    assert all(mix.actors and mix.places for mix in mixes)  # one of each is always kept
    borrowed = {found.name for mix in mixes for found in mix.actors + mix.places} - \
        {found.name for found in first.actors + first.places}
    assert borrowed <= {found.name for found in extractions[1].actors + extractions[1].places} and borrowed
    assert corpus.varied(first, 7, extractions) == corpus.varied(first, 7, extractions)
