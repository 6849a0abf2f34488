"""Wire formats read by content: NITF, NewsML-G2, ninjs (object, list, JSON Lines) and JSON Feed
written from their public specifications (fixtures/wire/), whatever the file is called, and
XML that declares entities refused cleanly."""
from pathlib import Path

from archive.ingest.files import read_upload
from archive.ingest.records import validate

WIRE = Path(__file__).parent / "fixtures" / "wire"
FEEDS = Path(__file__).parent / "fixtures"


def _read(name: str, content: bytes) -> list:
    return list(read_upload(name, content))


def test_an_xml_file_is_read_by_its_root_element():
    titles = {}
    for source in (WIRE / "story.nitf.xml", WIRE / "item-v1.xml", FEEDS / "feed.rss", FEEDS / "feed.atom"):
        items = _read("upload.xml", source.read_bytes())  # the same name for all: only the content tells
        titles[source.name] = [validate(item.data).title for item in items]
    assert titles["story.nitf.xml"] == ["Dock workers strike, halting ferries across the Channel"]
    assert titles["item-v1.xml"] == ["Fire damages maritime museum"]
    assert len(titles["feed.rss"]) == 3 and len(titles["feed.atom"]) == 3


def test_a_json_file_is_read_by_its_keys():
    feed = _read("upload.json", (WIRE / "feed.json").read_bytes())
    assert [item.data["title"] for item in feed] == ["Old stone bridge to reopen", "Saturday market moves indoors"]
    [ninjs] = _read("upload.json", (WIRE / "story.ninjs.json").read_bytes())
    assert ninjs.data["guid"] == "http://wire.example.com/2022/01/07/glacier-survey"
    [plain] = _read("upload.json", b'{"body": "A plain article mapping.", "uri": "kept as it is"}')
    assert plain.data == {"body": "A plain article mapping.", "uri": "kept as it is"}


def test_nitf_fields():
    [item] = _read("story.xml", (WIRE / "story.nitf.xml").read_bytes())
    record = validate(item.data)
    assert record.title == "Dock workers strike, halting ferries across the Channel"  # hedline over head/title
    assert record.author == "Alice Marsh"
    assert record.guid == "urn:newsml:wire.example.com:20220106:harbour-strike" and record.version == 1
    assert record.published_at.isoformat() == "2022-01-06T09:30:00"  # date.issue's norm, ISO basic format
    assert record.language == "en-GB"
    assert record.body.split("\n\n") == [  # the dateline opens the text, as the wire prints it
        "DOVER, Jan 6 (Reuters) - Dock workers at the port walked out on Thursday, halting ferry crossings "
        "to Calais for the first time in a decade.",
        "The union said the strike would last 48 hours unless the port operator reopened talks on pay.",
        "Hauliers were told to expect queues on the M20 motorway."]


def test_ninjs_as_object_list_and_json_lines():
    [story] = _read("story.json", (WIRE / "story.ninjs.json").read_bytes())
    record = validate(story.data)
    assert (record.title, record.author, record.language) == (
        "Glacier survey finds faster melting", "Tomas Eriksen", "en")
    assert record.url == record.guid == "http://wire.example.com/2022/01/07/glacier-survey"
    assert record.version == 1 and record.published_at.isoformat() == "2022-01-07T08:00:00"
    # `located` becomes the dateline; body_html its paragraphs
    assert record.body == ("TROMSO, Jan 7 - Scientists measuring the Svartisen glacier said on Friday it lost more "
                           "ice last summer than in any year on record.\n\nThe survey team plans to return in June.")
    text, picture = _read("stories.json", (WIRE / "stories.ninjs.json").read_bytes())
    assert validate(text.data).body.endswith("\n\nAutomation will take over the light next month.")
    assert (picture.data, picture.error) == (None, "skipped: a ninjs picture item, not a text story")
    lines = _read("stories.jsonl", (WIRE / "stories.ninjs.jsonl").read_bytes())
    assert [(item.origin, validate(item.data).guid) for item in lines] == [
        ("stories.jsonl:1", "urn:example:wire:2022:orchard-1"), ("stories.jsonl:2", "urn:example:wire:2022:orchard-2")]
    assert validate(lines[1].data).body == \
        "Apple growers asked the regional government for emergency aid after the frost."


def test_json_feed_items():
    bridge, market = (validate(item.data) for item in _read("feed.json", (WIRE / "feed.json").read_bytes()))
    assert bridge.url == bridge.guid == "https://gazette.example.org/2022/01/10/bridge"
    assert (bridge.source, bridge.author, bridge.language) == ("Valley Gazette", "Rhys Morgan", "en-GB")
    assert bridge.body == ("The old stone bridge over the Wye will reopen to walkers in March.\n\n"
                           "Repairs cost the county council 1.2 million pounds.")
    assert bridge.version_created.isoformat() == "2022-01-10T12:00:00"
    assert market.author == "Gazette Staff"  # the feed's authors stand in for the item's
    assert (market.url, market.guid) == (None, "market-2022-01-11")
    assert market.published_at.isoformat() == "2022-01-11T08:30:00"


def test_xml_declaring_entities_is_refused():
    for name in ("bomb.xml", "xxe.xml"):
        [item] = _read(name, (WIRE / name).read_bytes())
        assert item.data is None
        assert item.error == "the document declares entities in its DOCTYPE; refused (entity expansion is not allowed)"


def test_broken_wire_documents_fail_with_a_reason():
    [item] = _read("x.xml", b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g"><contentSet>'
                            b'<inlineData contenttype="text/plain"></inlineData></contentSet></newsItem>')
    assert item.error == "the news item carries no text (no NITF, XHTML or inlineData body)"
    [item] = _read("x.json", b'{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": []}')
    assert item.error == "the JSON Feed has no items"
    [item] = _read("x.json", b'{"uri": "urn:x", "headline": "No body"}')
    assert item.error == "the ninjs item has no body_text or body_html"


def test_a_version_that_is_not_a_plain_number_is_left_out():
    story = (WIRE / "item-v1.xml").read_bytes()
    for version in ("²", "99999999999", "2a"):
        [item] = _read("x.xml", story.replace(b'version="1" standard', f'version="{version}" standard'.encode()))
        assert "version" not in item.data and validate(item.data).version is None, version


def test_a_broken_wire_document_fails_as_xml_and_other_xml_as_not_a_feed():
    [item] = _read("x.xml", (WIRE / "story.nitf.xml").read_bytes().replace(b"</body.content>", b""))
    assert item.error.startswith("not well-formed XML: ")
    [item] = _read("x.xml", b"<catalogue><book>Not news</book></catalogue>")
    assert item.error.startswith("not an RSS or Atom feed")
