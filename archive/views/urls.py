"""Search URLs that keep the whole state, so any search can be bookmarked and shared."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from archive.facets import FACETS, LIST_FACETS, PERIOD_FACETS
from archive.models import Entity
from archive.search import SearchParams, SearchResult

LIST_KEYS = tuple(facet.name for facet in LIST_FACETS)
PERIOD_KEYS = tuple(name for facet in PERIOD_FACETS for name in facet.parameters)
PAGE_FACETS = tuple(facet for facet in FACETS if facet.heading)  # the facet lists of the search page


def _state(params: SearchParams) -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    if params.q:
        state["q"] = [params.q]
    for key in LIST_KEYS:
        if getattr(params, key):
            state[key] = list(getattr(params, key))
    for key in PERIOD_KEYS:
        if getattr(params, key):
            state[key] = [getattr(params, key).isoformat()]
    if params.sort != "relevance":
        state["sort"] = [params.sort]
    if params.per_page != 20:
        state["per_page"] = [str(params.per_page)]
    if params.facet_size != 10:
        state["facet_size"] = [str(params.facet_size)]
    return state


def search_url(params: SearchParams, toggle: tuple[str, str] | None = None, page: int | None = None,
               month: tuple[str, str] | None = None, drop: str | None = None, **replace: str) -> str:
    """URL of `params` with one facet value toggled, a date facet set to a month, or a page chosen."""
    state = _state(params)
    if toggle:
        key, value = toggle
        values = state.get(key, [])
        state[key] = [v for v in values if v != value] if value in values else values + [value]
    if month:
        prefix, value = month
        state[f"{prefix}_from"], state[f"{prefix}_to"] = [value], [value]
    if drop:
        for key in [k for k in state if k.startswith(drop)]:
            state.pop(key)
    for key, value in replace.items():
        state[key] = [value]
    if page and page > 1:
        state["page"] = [str(page)]
    pairs = [(key, value) for key, values in state.items() for value in values if value]
    return "/?" + urlencode(pairs) if pairs else "/"


def entity_url(path: str, param: str, entity_id: int, params: SearchParams, page: int | None = None) -> str:
    """An actor or place page (`path`) keeping the filters and sort of `params`, on page `page`;
    the entity itself is in the path, not repeated in the query."""
    state = _state(params)
    if others := [value for value in state.pop(param, []) if value != str(entity_id)]:
        state[param] = others
    state.pop("facet_size", None)
    state["sort"] = [params.sort] if params.sort != "newest" else []
    if page and page > 1:
        state["page"] = [str(page)]
    pairs = [(key, value) for key, values in state.items() for value in values if value]
    return path + "?" + urlencode(pairs) if pairs else path


def state_url(path: str, params: SearchParams) -> str:
    """`path` with the query, filters and sort of `params` but no paging: export and feed links."""
    state = _state(params)
    state.pop("per_page", None)
    state.pop("facet_size", None)
    pairs = [(key, value) for key, values in state.items() for value in values if value]
    return path + "?" + urlencode(pairs) if pairs else path


@dataclass
class Chip:
    label: str
    remove_url: str


def chips(result: SearchResult) -> list[Chip]:
    """The active filters, each with the URL that removes it."""
    return filter_chips(result.params, result.selected)


def filter_chips(params: SearchParams, selected: dict[str, list[Entity]]) -> list[Chip]:
    """The active filters of `params` (actor and place values named from `selected`)."""
    found = []
    names = {str(e.id): e.name for entities in selected.values() for e in entities}
    for facet in LIST_FACETS:
        for value in getattr(params, facet.name):
            label = names.get(value, value) if facet.kind == "entity" else value
            found.append(Chip(f"{facet.title}: {label}", search_url(params, toggle=(facet.name, value))))
    for facet in PERIOD_FACETS:
        low, high = (getattr(params, name) for name in facet.parameters)
        if low or high:
            span = f"{low.isoformat() if low else '…'} – {high.isoformat() if high else '…'}"
            found.append(Chip(f"{facet.title}: {span}", search_url(params, drop=facet.name)))
    return found
