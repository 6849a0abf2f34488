"""Search URLs that keep the whole state, so any search can be bookmarked and shared."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from archive.facets import (EXCLUDABLE_FACETS, FACETS, LIST_FACETS, PERIOD_FACETS, UNDATED, UNDATED_FACETS,
                            UNDATED_LABEL, Facet)
from archive.models import Entity
from archive.search import SearchParams, SearchResult
from archive.search.parser import period_end, period_start

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
    state = _entity_state(param, entity_id, params)
    if page and page > 1:
        state["page"] = [str(page)]
    pairs = [(key, value) for key, values in state.items() for value in values if value]
    return path + "?" + urlencode(pairs) if pairs else path


def _entity_state(param: str, entity_id: int, params: SearchParams) -> dict[str, list[str]]:
    state = _state(params)
    if others := [value for value in state.pop(param, []) if value != str(entity_id)]:
        state[param] = others
    state.pop("facet_size", None)
    state["sort"] = [params.sort] if params.sort != "newest" else []
    return state


def period_form_state(params: SearchParams, facet: str, entity: tuple[str, int] | None = None) -> list[tuple[str, str]]:
    """The hidden fields of a form that chooses a period of `facet` (its from/to inputs beside
    them): the rest of the search, back on its first page; `entity`: (param, id) of an entity page."""
    state = _entity_state(*entity, params) if entity else _state(params)
    return [(key, value) for key, values in state.items() if not key.startswith(facet)
            for value in values if value]


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


def facet_value_urls(params: SearchParams, facet: Facet, values: list[str]) -> dict[str, str]:
    """facet_value_url of many values of a list facet (the map's points), the rest of the search
    encoded once when none of the facet's values is chosen or excluded yet."""
    state = _state(params)
    if facet.name in state or facet.exclude_parameter in state:
        return {value: facet_value_url(params, facet, value, value in getattr(params, facet.name)) for value in values}
    pairs = [(key, value) for key, given in state.items() for value in given if value]
    prefix = "/?" + urlencode(pairs) + "&" if pairs else "/?"
    return {value: prefix + urlencode([(facet.name, value)]) for value in values}


def exclude_url(params: SearchParams, facet: Facet, value: str) -> str:
    """The search without the articles that have `value` ("not this actor")."""
    return search_url(params, toggle=(facet.exclude_parameter, value))


def bar_period(params: SearchParams, facet: str, value: str) -> dict[str, str]:
    """The period a chart bar (a month 'YYYY-MM' or a year 'YYYY') leads to, as `<facet>_from` and
    `<facet>_to`: the bar alone; with one bar of the same kind chosen, every bar from that one to this
    (a range is two clicks); the chosen bar again: no period (empty values)."""
    low, high = getattr(params, f"{facet}_from"), getattr(params, f"{facet}_to")
    start, end = period_start(value, facet), period_end(value, facet)
    if (low, high) == (start, end):
        start = end = None
    elif low and high and (period_start(low.isoformat()[:len(value)], facet),
                           period_end(low.isoformat()[:len(value)], facet)) == (low, high):
        start, end = min(low, start), max(high, end)
    return {f"{facet}_from": _iso(start), f"{facet}_to": _iso(end)}


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def bar_url(params: SearchParams, facet: str, value: str) -> str:
    return search_url(params, drop=facet, **bar_period(params, facet, value))


def entity_bar_url(path: str, param: str, entity_id: int, params: SearchParams, value: str) -> str:
    period = {key: period_start(v, key) if v and key.endswith("_from") else period_end(v, key) if v else None
              for key, v in bar_period(params, "published", value).items()}
    return entity_url(path, param, entity_id, params.with_changes(published=None, **period))


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
