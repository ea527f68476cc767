"""Resolve item values to Wikidata QIDs: wikilinks through sitelinks, names through a mapping.

Two roads, and no third:

* An :class:`ItemValue` from a ``[[wikilink]]`` (``from_wikilink=True``) names a page of the
  client wiki (``enwiki``), so its item is found exactly by the sitelink, with
  ``action=wbgetentities&sites=enwiki&titles=A|B|…`` (50 titles a call). Wikibase allows
  ``normalize=1`` only when one title is asked (``ItemByTitleHelper::getItemIds``), so a title
  the batch misses is asked again alone with ``normalize=1``; Wikibase then normalises it on the
  client wiki, following a redirect, and says so in a ``normalized`` block, which is mapped back
  to the title as written.
* A name as written (``from_wikilink=False``) resolves only through an explicit mapping: a user
  mapping (CSV ``name,qid`` or JSON ``{name: qid}``) and the curated table shipped in
  ``data/known_items.json``. Search (``wbsearchentities``) can rank a wrong item first, so it is
  never used to resolve anything.

Nothing is guessed: a value that does not resolve keeps ``qid=None`` and is listed, with the
reason, in :attr:`Resolver.unresolved`.

Requests, their etiquette (User-Agent, ``maxlag``, bounded backoff honouring ``Retry-After``)
and :class:`ResolverError` live in :mod:`wikiconv.statements.wikibase_client`; the explicit
tables in :mod:`wikiconv.statements.item_tables`. Answers are kept in an SQLite cache keyed by
(API URL, site, title) (:mod:`wikiconv.statements.resolver_cache`). The public names of those
modules are re-exported here. A draft's item values are walked and replaced by
:mod:`wikiconv.statements.draft_values`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from wikiconv.api_etiquette import CONTACT, PROJECT_URL
from wikiconv.statements.draft_values import item_values, with_qid, with_values
from wikiconv.statements.item_tables import checked_mapping, load_known_items, load_mapping
from wikiconv.statements.resolver_cache import ResolverCache, TitleLookup, default_cache_path
from wikiconv.statements.sitelinks import (
    DEFAULT_SITE,
    ILLEGAL_TITLE_RE,
    classify_pages,
    normalize_title,
    normalized_lookup,
    sitelinked_entities,
)
from wikiconv.statements.statement import (
    EntityDraft,
    ItemValue,
)
from wikiconv.statements.wikibase_client import (
    BASE_DELAY,
    DEFAULT_WIKIBASE_API,
    MAX_DELAY,
    MAX_GET_QUERY,
    MAX_RETRIES,
    MAXLAG,
    QID_RE,
    TIMEOUT,
    ResolverError,
    Sleep,
    WikibaseClient,
    user_agent,
)

__all__ = [
    "BATCH_SIZE",
    "CONTACT",
    "DEFAULT_SITE",
    "DEFAULT_WIKIBASE_API",
    "MAX_GET_QUERY",
    "PROJECT_URL",
    "QID_RE",
    "Resolver",
    "ResolverError",
    "Sleep",
    "TitleLookup",
    "Unresolved",
    "default_cache_path",
    "load_known_items",
    "load_mapping",
    "normalize_title",
    "user_agent",
]

_SPACES_RE = re.compile(r"\s+")
BATCH_SIZE = 50  # wbgetentities takes at most 50 titles (or ids) a call for ordinary users


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A value left without a QID, and why."""

    name: str
    reason: str
    from_wikilink: bool = False


class Resolver(WikibaseClient):
    """Resolve :class:`ItemValue` s to QIDs, exactly or not at all; see the module docstring."""

    def __init__(
        self,
        *,
        wikibase_api: str = DEFAULT_WIKIBASE_API,
        site: str = DEFAULT_SITE,
        client_api: str | None = None,
        mapping: Mapping[str, str] | None = None,
        mapping_file: str | Path | None = None,
        use_known_items: bool = True,
        cache_path: str | Path | None = None,
        use_cache: bool = True,
        cache_ttl: float = 30 * 86400,
        negative_cache_ttl: float = 86400,
        offline: bool = False,
        session: Any = None,
        sleep: Sleep = time.sleep,
        base_delay: float = BASE_DELAY,
        max_delay: float = MAX_DELAY,
        max_retries: int = MAX_RETRIES,
        timeout: float = TIMEOUT,
        maxlag: int = MAXLAG,
    ) -> None:
        super().__init__(
            wikibase_api=wikibase_api,
            session=session,
            sleep=sleep,
            base_delay=base_delay,
            max_delay=max_delay,
            max_retries=max_retries,
            timeout=timeout,
            maxlag=maxlag,
        )
        self.site = site
        self.client_api = client_api
        self.offline = offline
        self.cache_ttl = cache_ttl
        self.negative_cache_ttl = negative_cache_ttl
        self.unresolved: list[Unresolved] = []
        self._noted: set[Unresolved] = set()  # the same, for a test in constant time
        self._mapping: dict[str, str] = load_known_items() if use_known_items else {}
        if mapping_file is not None:
            self._mapping.update(load_mapping(mapping_file))
        if mapping is not None:
            self._mapping.update(checked_mapping(dict(mapping), "mapping"))
        self.cache_path: Path | None = None
        if use_cache:
            self.cache_path = Path(cache_path) if cache_path else default_cache_path()
        self._cache: ResolverCache | None = None  # opened on first use

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the cache and the HTTP session this resolver opened."""
        if self._cache is not None:
            self._cache.close()
            self._cache = None
        self._close_session()

    def __enter__(self) -> Resolver:
        """Use the resolver in a ``with`` block that closes it."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the resolver."""
        self.close()

    # -- names as written ----------------------------------------------------------------------

    def lookup_name(self, name: str) -> str | None:
        """Return the mapped QID of a name as written, or ``None``; the first letter may differ."""
        key = _SPACES_RE.sub(" ", name).strip()
        if not key:
            return None
        if key in self._mapping:
            return self._mapping[key]
        swapped = key[0].swapcase() + key[1:]
        return self._mapping.get(swapped)

    # -- resolving values ----------------------------------------------------------------------

    def resolve_value(self, value: ItemValue) -> ItemValue:
        """Resolve one item value (see :meth:`resolve_values`)."""
        return self.resolve_values([value])[0]

    def resolve_values(self, values: Iterable[ItemValue]) -> list[ItemValue]:
        """Return the values with ``qid`` filled in where exact; record the rest as unresolved."""
        values = list(values)
        titles = [v.name for v in values if v.qid is None and v.from_wikilink]
        found = self.resolve_titles(titles) if titles else {}
        out: list[ItemValue] = []
        for value in values:
            if value.qid is not None:
                out.append(value)
            elif value.from_wikilink:
                lookup = found[value.name]
                if lookup.qid is None:
                    self._note(Unresolved(value.name, lookup.reason, True))
                out.append(with_qid(value, lookup.qid))
            else:
                qid = self.lookup_name(value.name)
                if qid is None:
                    self._note(Unresolved(value.name, "not in mapping", False))
                out.append(with_qid(value, qid))
        return out

    def resolve_draft(self, draft: EntityDraft) -> EntityDraft:
        """Return a copy of the draft with every item value resolved, in units and snaks too."""
        found: dict[ItemValue, ItemValue] = {}
        pending = list(dict.fromkeys(v for v in item_values(draft) if v.qid is None))
        for before, after in zip(pending, self.resolve_values(pending), strict=True):
            found[before] = after

        return with_values(draft, found)

    def _note(self, item: Unresolved) -> None:
        """Record an unresolved value once."""
        if item not in self._noted:
            self._noted.add(item)
            self.unresolved.append(item)

    # -- sitelinks -----------------------------------------------------------------------------

    def find_by_sitelink(self, site: str, title: str) -> str | None:
        """Return the QID of the item whose ``site`` sitelink is ``title``, or ``None``."""
        return self.resolve_titles([title], site=site)[title].qid

    def resolve_titles(
        self, titles: Sequence[str], site: str | None = None
    ) -> dict[str, TitleLookup]:
        """Look titles up by sitelink: cache, 50-title batches, then alone with ``normalize``."""
        site = site or self.site
        results: dict[str, TitleLookup] = {}
        wanted: dict[str, list[str]] = {}  # normalised title -> titles as asked
        for title in dict.fromkeys(titles):
            norm = normalize_title(title, site)
            if not norm or ILLEGAL_TITLE_RE.search(norm):
                results[title] = TitleLookup(title, None, "invalid title")
                continue
            cached = self._cached(site, norm)
            if cached is not None:
                results[title] = replace(cached, title=title)
            else:
                wanted.setdefault(norm, []).append(title)
        if wanted and self.offline:
            for asked in wanted.values():
                for title in asked:
                    results[title] = TitleLookup(title, None, "offline and not in cache")
            wanted = {}
        fresh: dict[str, TitleLookup] = {}
        norms = list(wanted)
        for start in range(0, len(norms), BATCH_SIZE):
            fresh.update(self._lookup_batch(site, norms[start : start + BATCH_SIZE]))
        for norm in norms:
            if norm not in fresh:
                fresh[norm] = self._lookup_normalized(site, norm)
        missing = [n for n in norms if fresh[n].qid is None]
        if missing and self.client_api and site == self.site:
            fresh.update(self._classify_missing(missing, fresh))
        cache = self._open_cache()
        if cache is not None and fresh:
            cache.put_many(self.wikibase_api, site, fresh.values())
        for norm, lookup in fresh.items():
            for title in wanted[norm]:
                results[title] = replace(lookup, title=title)
        return results

    def _open_cache(self) -> ResolverCache | None:
        """Return the cache, opening (and creating) it on first use; ``None`` if disabled."""
        if self._cache is None and self.cache_path is not None:
            self._cache = ResolverCache(self.cache_path)
        return self._cache

    def _cached(self, site: str, norm: str) -> TitleLookup | None:
        """Return a fresh enough cached lookup, or ``None``."""
        cache = self._open_cache()
        if cache is None:
            return None
        hit = cache.get(self.wikibase_api, site, norm)
        if hit is None:
            return None
        lookup, fetched = hit
        ttl = self.cache_ttl if lookup.qid else self.negative_cache_ttl
        if not self.offline and time.time() - fetched > ttl:
            return None
        return lookup

    def _lookup_batch(self, site: str, titles: list[str]) -> dict[str, TitleLookup]:
        """Ask for up to 50 titles at once; return the ones that have an item."""
        data = self._get(
            {
                "action": "wbgetentities",
                "sites": site,
                "titles": "|".join(titles),
                "props": "sitelinks|info",
                "redirects": "yes",
            }
        )
        asked = set(titles)
        found: dict[str, TitleLookup] = {}
        for qid, linked in sitelinked_entities(data, site):
            if linked in asked:
                found[linked] = TitleLookup(linked, qid, "", linked)
        return found

    def _lookup_normalized(self, site: str, title: str) -> TitleLookup:
        """Ask for one title with ``normalize=1`` so the client wiki's redirects are followed."""
        data = self._get(
            {
                "action": "wbgetentities",
                "sites": site,
                "titles": title,
                "props": "sitelinks|info",
                "redirects": "yes",
                "normalize": "1",
            }
        )
        return normalized_lookup(data, site, title)

    def _classify_missing(
        self, titles: list[str], lookups: Mapping[str, TitleLookup]
    ) -> dict[str, TitleLookup]:
        """Ask the client wiki which unlinked titles are missing pages (``client_api`` only)."""
        assert self.client_api is not None
        out: dict[str, TitleLookup] = {}
        for start in range(0, len(titles), BATCH_SIZE):
            chunk = titles[start : start + BATCH_SIZE]
            data = self._get(
                {"action": "query", "titles": "|".join(chunk), "redirects": "1"},
                api=self.client_api,
            )
            out.update(classify_pages(data, chunk, lookups, self.site))
        return out

    # -- entities ------------------------------------------------------------------------------

    def fetch_claims(self, qid: str) -> dict[str, Any]:
        """Return the entity JSON (claims, labels, aliases, descriptions, sitelinks) of ``qid``."""
        if not QID_RE.fullmatch(qid):
            raise ResolverError(f"not a QID: {qid!r}")
        if self.offline:
            raise ResolverError(f"offline: cannot fetch {qid}")
        data = self._get(
            {
                "action": "wbgetentities",
                "ids": qid,
                "props": "claims|labels|aliases|descriptions|sitelinks",
                "redirects": "yes",
            }
        )
        entities = data.get("entities") or {}
        entity = entities.get(qid)
        if not isinstance(entity, dict) or "missing" in entity:
            raise ResolverError(f"no such entity: {qid}")
        return entity
