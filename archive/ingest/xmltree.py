"""Parse XML safely and read it by local names (wire formats mix namespaces freely).

The parser never resolves entities, never loads a DTD and never touches the network (no XXE), and a
document that declares entities in its DOCTYPE is refused outright (no "billion laughs", however
the document is later read).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

# Elements whose text is one paragraph (NITF and XHTML bodies).
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_BLOCKS = {"p", "hl2", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "dt", "dd", "blockquote"}


ENTITIES_REFUSED = "the document declares entities in its DOCTYPE; refused (entity expansion is not allowed)"


class XMLRefused(ValueError):
    """A document that is not well-formed XML, or declares entities; the message says which."""


def parse_xml(content: bytes) -> etree._Element:
    """The root element of a document; XMLRefused when it is broken or declares entities."""
    if _ENTITY_DECLARATION.search(content):  # before parsing: a parser may choke on the bomb in other ways
        raise XMLRefused(ENTITIES_REFUSED)
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise XMLRefused(f"not well-formed XML: {exc}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise XMLRefused(ENTITIES_REFUSED)
    return root


def local(element) -> str:
    """An element's name without its namespace ('' for comments and the like)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def children(element, name: str) -> list:
    return [child for child in element if local(child) == name] if element is not None else []


def child(element, *path: str):
    """The first element down `path` of local names, or None."""
    for name in path:
        found = children(element, name)
        element = found[0] if found else None
    return element


def attribute(element, name: str) -> str | None:
    """An attribute of an element that may be missing (None)."""
    return element.get(name) if element is not None else None


def descendants(element, name: str) -> Iterator:
    return (found for found in element.iter() if local(found) == name)


def text(element) -> str | None:
    """The element's text, whitespace folded; None when there is none."""
    if element is None:
        return None
    return " ".join(element.xpath("string()").split()) or None


def paragraphs(element) -> str:
    """The text of a body (NITF body.content, XHTML body), its paragraphs a blank line apart."""
    if element is None:
        return ""
    blocks = [found for found in element.iter() if local(found) in _BLOCKS
              and not any(local(up) in _BLOCKS for up in found.iterancestors())]
    parts = [text(block) for block in blocks] if blocks else [text(element)]
    return "\n\n".join(part for part in parts if part)
