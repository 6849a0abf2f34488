"""Search URLs that keep the whole state, so any search can be bookmarked and shared."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from archive.facets import (EXCLUDABLE_FACETS, FACETS, LIST_FACETS, PERIOD_FACETS, UNDATED, UNDATED_FACETS,
                            UNDATED_LABEL, Facet)
from archive.models import Entity
from archive.search import SearchParams, SearchResult

LIST_KEYS = tuple(facet.name for facet in LIST_FACETS) + tuple(f.exclude_parameter for f in EXCLUDABLE_FACETS)
PERIOD_KEYS = tuple(name for facet in PERIOD_FACETS for name in facet.parameters)
UNDATED_KEYS = tuple(facet.name for facet in UNDATED_FACETS)
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
    for key in UNDATED_KEYS:
        if getattr(params, key):
            state[key] = [getattr(params, key)]
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
        other = key[4:] if key.startswith("not_") else f"not_{key}"  # including a value ends excluding it
        if other in state:
            state[other] = [v for v in state[other] if v != value]
    if month:
        prefix, value = month
        state.pop(prefix, None)  # a period replaces `published=none`
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


def facet_value_url(params: SearchParams, facet: Facet, value: str, selected: bool) -> str:
    """Where a facet value of the search page leads: chosen, or unchosen when it is."""
    if facet.kind != "period":
        return search_url(params, toggle=(facet.name, value))
    if selected:
        return search_url(params, drop=facet.name)
    if facet.undated and value == UNDATED:
        return search_url(params, drop=facet.name, **{facet.name: UNDATED})
    return search_url(params, month=(facet.name, value))


def exclude_url(params: SearchParams, facet: Facet, value: str) -> str:
    """The search without the articles that have `value` ("not this actor")."""
    return search_url(params, toggle=(facet.exclude_parameter, value))


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
    for facet in EXCLUDABLE_FACETS:
        name = facet.exclude_parameter
        for value in getattr(params, name):
            label = names.get(value, value) if facet.kind == "entity" else value
            found.append(Chip(f"{facet.title}: not {label}", search_url(params, toggle=(name, value))))
    for facet in PERIOD_FACETS:
        low, high = (getattr(params, name) for name in facet.parameters)
        if low or high:
            span = f"{low.isoformat() if low else '…'} – {high.isoformat() if high else '…'}"
            found.append(Chip(f"{facet.title}: {span}", search_url(params, drop=facet.name)))
        elif facet.undated and getattr(params, facet.name):
            found.append(Chip(f"{facet.title}: {UNDATED_LABEL.lower()}", search_url(params, drop=facet.name)))
    return found
