"""The GUM reader and the B-cubed score of `make bench-extraction` (issue 15), on a real GUM file."""
import pytest

from bench.extraction import gum
from bench.extraction.runner import Mention
from bench.extraction.scoring import bcubed_f1

NEWS = gum.GUM_DIR / "GUM_news_afghan.conllu"


@pytest.fixture(scope="module")
def afghan():
    if not NEWS.exists():
        pytest.skip(f"{NEWS} is not there")
    return gum.read(NEWS)


def test_gold_mentions_point_at_their_text(afghan):
    assert afghan.text.startswith("After visa snags, all-girl Afghan team honored")
    trump = [m for m in afghan.gold if m.identity == "Donald_Trump"]
    assert trump and all(afghan.text[m.head_start:m.head_end] in {"Donald", "President", "Trump"} for m in trump)
    assert {afghan.text[m.start:m.end] for m in afghan.scored if m.identity == "United_States"} >= {"U.S."}
    # Only named mentions with an identity are scored: no pronoun, no common-noun head.
    assert all(afghan.text[m.head_start].isupper() for m in afghan.gold)


def test_events_objects_and_abstracts_are_kept_apart(afghan):
    assert {m.etype for m in afghan.not_entities} <= {"event", "object", "abstract"}
    assert "FIRST_Robotics_Competition" in {m.identity for m in afghan.not_entities}


def test_bcubed():
    assert bcubed_f1([("a", 1), ("a", 1), ("b", 2)]) == 1.0
    # All three in one predicted cluster: precision (2/3, 2/3, 1/3) = 5/9, recall 1 -> F1 = 10/14.
    assert bcubed_f1([("a", 1), ("a", 1), ("b", 1)]) == pytest.approx(10 / 14)


def test_a_span_of_an_unlinked_organisation_is_not_a_nested_persons_mention():
    """'Andy Warhol Foundation for the Visual Arts' has no identity in GUM; a prediction of it is
    that organisation's (not scored), not a mis-typed mention of the person 'Andy Warhol' inside it."""
    path = gum.GUM_DIR / "GUM_news_warhol.conllu"
    if not path.exists():
        pytest.skip(f"{path} is not there")
    doc = gum.read(path)
    name = "Andy Warhol Foundation for the Visual Arts"
    start = doc.text.index(name)
    predicted = [Mention("actor", start, start + len(name), name, label="organization", entity="1")]
    person = [g for g in doc.scored if g.identity == "Andy_Warhol" and g.start == start]
    assert person, "the nested person mention is scored"
    assert dict(gum._found(doc, predicted))[person[0]] is None


def test_the_news_rows_score_the_news_stories_alone(afghan):
    bio = gum.GUM_DIR / "GUM_bio_goode.conllu"
    if not bio.exists():
        pytest.skip(f"{bio} is not there")
    other = gum.read(bio)
    assert gum.is_news(afghan) and not gum.is_news(other)
    right = [(g, Mention("actor", g.start, g.end, afghan.text[g.start:g.end], label=gum.KINDS[g.etype]))
             for g in afghan.scored]
    found = [right, [(g, None) for g in other.scored]]  # the news story's all found, the biography's none
    none = [[(g, None) for g in afghan.scored], [(g, None) for g in other.scored]]
    rows = {row.metric: row for row in gum._news_rows([afghan, other], found, none, [1, 5], [0, 0])}
    assert rows["news: all recall"].ours == 1.0 and rows["news: all recall"].baseline == 0.0
    assert rows["news: kind accuracy"].ours == 1.0
    assert rows["news: event/object/abstract"].ours == 1 / len(afghan.not_entities)


def test_a_span_is_the_mention_its_head_word_heads():
    """'Centre for Social Evolution' covers the head of 'the Centre for Social Evolution at the University of
    Copenhagen' (no identity, not scored) and of the field 'Social Evolution' nested in it: it is the centre,
    whose head it shares, not a mis-typed mention of the field."""
    path = gum.GUM_DIR / "GUM_interview_ants.conllu"
    if not path.exists():
        pytest.skip(f"{path} is not there")
    doc = gum.read(path)
    name = "Centre for Social Evolution"
    start = doc.text.index(name)
    field = [g for g in doc.not_entities if g.identity == "Social_evolution" and start <= g.start < start + len(name)]
    assert field, "the nested field is an identity-bearing abstract"
    predicted = [Mention("actor", start, start + len(name), name, label="organization", entity="1")]
    assert gum._wrong_kind(doc, predicted) == 0
    assert gum.span_head(doc.text, start, start + len(name)) == start  # 'Centre'
    alone = [Mention("actor", field[0].start, field[0].end, "Social Evolution", label="organization", entity="1")]
    assert gum._wrong_kind(doc, alone) == 1
