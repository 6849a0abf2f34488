"""The IPTC's own NewsML-G2 examples (../shared/data/wire/newsml-g2), ingested as they are through
the real CLI into a real archive, and checked field by field."""
from datetime import datetime

from sqlalchemy import select

from archive import db
from archive.models import Article
from tests.conftest import SHARED

EXAMPLES = SHARED / "data" / "wire" / "newsml-g2"


def _stored(app) -> dict[str, Article]:
    with app.app_context():
        session = db.new_session()
        articles = {article.title: article for article in session.scalars(select(Article))}
        session.close()
    return articles


def test_the_iptc_examples_are_read_as_they_are(app):
    result = app.test_cli_runner().invoke(args=["archive", "ingest", str(EXAMPLES), "--workers", "1"])
    assert result.exit_code == 1, result.output  # the photo, the package and the empty items fail with reasons
    assert "ingested 3, skipped 0 as duplicates, failed 10" in result.output
    reasons = {line.split(".xml", 1)[0].rsplit("/", 1)[-1]: line.split(": ", 2)[-1]
               for line in result.output.splitlines() if "failed: " in line}
    assert reasons["LISTING_3_Photo_in_NewsML-G2"] == "skipped: a ninat:picture item, not a text story"
    assert reasons["LISTING_6_Simple_NewsML-G2_Package"].startswith("the package refers to urn:newsml:iptc.org")
    assert reasons["LISTING_1_A_NewsML-G2_News_Item"] == \
        "the news item carries no text (no NITF, XHTML or inlineData body)"  # its inlineXML holds comments only
    assert reasons["LISTING_28_Illustrating_Located_Subject_and_Dateline"] == \
        "a NewsML-G2 <contentMeta> with no story in it (no newsItem, no NITF)"
    assert result.output.count("LISTING_24_News_Message_conveying_a_complete_News_Package.xml[") == 4  # each item

    articles = _stored(app)
    fed = articles['Fed to halt QE to avert "bubble"']  # LISTING_2: NITF in inlineXML
    assert fed.guid == "urn:newsml:acmenews.com:20161121:US-FINANCE-FED"
    assert (fed.version, fed.version_created) == (11, datetime(2018, 11, 21, 21, 25, 32))
    assert fed.published_at == datetime(2016, 11, 21, 20, 21, 6)  # contentCreated, in UTC
    assert fed.author == "Meredith Jameson"  # the byline's name, without "By" and its title
    assert fed.source == "acmenews.com"  # the provider's site: the item has no creditline
    assert fed.language == "en-US"
    assert fed.url is None  # the guid is not a web address
    assert fed.body.startswith("(New York, NY - October 21) Et, sent luptat luptat")  # no second dateline
    assert fed.body.count("\n\n") == 1 and fed.body.endswith("esto cons dolutpat, si.")

    preview = articles["Preview: Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), 7:05 p.m."]
    assert preview.guid == "tag:xmlteam.com,2016:xt.5932656-preview"
    assert preview.author == "Sports Network"  # the byline has a title only
    assert preview.source == "xmlteam.com"
    assert preview.published_at == datetime(2016, 10, 19, 16, 15)
    assert preview.body.startswith("(Sports Network) - A pair of teams coming off big weekend sweeps")
    assert preview.body.count("\n\n") == 5

    fragment = articles["Arizona Diamondbacks (29-23) at Philadelphia Phillies (26-24), 7:05p.m."]  # LISTING_25
    assert (fragment.guid, fragment.published_at, fragment.author) == (None, None, "Sports Network")
    assert fragment.body.endswith("looks set to be a clash of the Titans.")
    assert len(articles) == 3
