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

Etiquette (https://www.mediawiki.org/wiki/API:Etiquette and
https://www.mediawiki.org/wiki/Manual:Maxlag_parameter): requests go one at a time (GET, or POST
when a batch of long titles would make the URL too long) with a descriptive User-Agent,
``maxlag=5``, ``format=json`` and ``formatversion=2``; a ``maxlag`` or ``ratelimited`` error,
HTTP 429 and HTTP 503 are retried after ``max(Retry-After, base_delay * 2**attempt)`` seconds
(capped by ``max_delay``) until ``max_retries`` retries are spent, and then
:class:`ResolverError` is raised. Answers are kept in
an SQLite cache keyed by (API URL, site, title).
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlencode

from wikiconv.errors import WikiconvError
from wikiconv.statements.statement import (
    EntityDraft,
    ItemValue,
    QuantityValue,
    Reference,
    Statement,
    Value,
)

DEFAULT_WIKIBASE_API = "https://www.wikidata.org/w/api.php"
DEFAULT_SITE = "enwiki"
BATCH_SIZE = 50  # wbgetentities takes at most 50 titles (or ids) a call for ordinary users
MAX_GET_QUERY = 6000  # longer queries go as a POST body (proxies cap URL lengths)
PROJECT_URL = "https://github.com/wikiconv/wikiconv"
CONTACT = "wikiconv@example.org"
QID_RE = re.compile(r"Q[1-9][0-9]*")
# Characters MediaWiki never allows in a page title (see $wgLegalTitleChars).
_ILLEGAL_TITLE_RE = re.compile(r"[#<>\[\]|{}\x00-\x1f\x7f\ufffd]")
_RETRY_CODES = frozenset({"maxlag", "ratelimited"})
_RETRY_STATUS = frozenset({429, 503})

Sleep = Callable[[float], None]


class ResolverError(WikiconvError):
    """The Wikibase API could not answer (retries spent, HTTP or API error, bad reply)."""


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A value left without a QID, and why."""

    name: str
    reason: str
    from_wikilink: bool = False


@dataclass(frozen=True, slots=True)
class TitleLookup:
    """The outcome of looking up one page title: its QID, or ``None`` and the reason."""

    title: str
    qid: str | None
    reason: str = ""
    resolved_title: str = ""  # the title the sitelink has (after normalisation or a redirect)


def default_cache_path() -> Path:
    """Return the default cache file, ``~/.cache/wikiconv/resolver.sqlite3``."""
    return Path.home() / ".cache" / "wikiconv" / "resolver.sqlite3"


def user_agent() -> str:
    """Return the descriptive User-Agent Wikimedia asks bots to send."""
    import requests

    import wikiconv

    project = f"({PROJECT_URL}; {CONTACT})"
    return f"wikiconv/{wikiconv.__version__} {project} requests/{requests.__version__}"


def normalize_title(title: str, site: str = DEFAULT_SITE) -> str:
    """Normalise a title like MediaWiki: NFC, ``_`` as space, first letter upper (not on wikt)."""
    text = unicodedata.normalize("NFC", title).replace("_", " ")
    text = re.sub(r"\s+", " ", text).strip()
    if text.startswith(":"):  # [[:Foo]] is the main-namespace page Foo
        text = text[1:].lstrip()
    if text and not site.endswith("wiktionary") and len(text[0].upper()) == 1:
        text = text[0].upper() + text[1:]
    return text


def load_known_items() -> dict[str, str]:
    """Return the curated name → QID table shipped as ``data/known_items.json``."""
    data_file = resources.files("wikiconv.statements").joinpath("data/known_items.json")
    raw = data_file.read_text("utf-8")
    data = json.loads(raw)
    table: dict[str, str] = {}
    for section, entries in data.items():
        if section.startswith("_"):
            continue
        table.update(_checked_mapping(entries, f"known_items.json:{section}"))
    return table


def load_mapping(path: str | Path) -> dict[str, str]:
    """Read a user mapping: CSV rows ``name,qid`` (a ``name,qid`` header is skipped) or JSON."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ResolverError(f"{path}: a JSON mapping must be an object {{name: qid}}")
        return _checked_mapping(data, str(path))
    mapping: dict[str, str] = {}
    for number, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if number == 1 and [c.strip().lower() for c in row[:2]] == ["name", "qid"]:
            continue
        if len(row) != 2:
            raise ResolverError(f"{path}:{number}: expected two columns name,qid, got {len(row)}")
        mapping.update(_checked_mapping({row[0]: row[1]}, f"{path}:{number}"))
    return mapping


def _checked_mapping(entries: Any, where: str) -> dict[str, str]:
    """Validate ``{name: qid}`` entries, stripping blanks around names and QIDs."""
    if not isinstance(entries, dict):
        raise ResolverError(f"{where}: expected an object of name: qid")
    checked: dict[str, str] = {}
    for name, qid in entries.items():
        if not isinstance(name, str) or not isinstance(qid, str):
            raise ResolverError(f"{where}: names and QIDs must be strings: {name!r}: {qid!r}")
        key, value = name.strip(), qid.strip().upper()
        if not key or not QID_RE.fullmatch(value):
            raise ResolverError(f"{where}: not a name and a QID: {name!r}: {qid!r}")
        checked[key] = value
    return checked


class _Cache:
    """SQLite cache of title lookups keyed by (API URL, site, title)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path))
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS sitelink ("
            " api TEXT NOT NULL, site TEXT NOT NULL, title TEXT NOT NULL,"
            " qid TEXT, reason TEXT NOT NULL, resolved_title TEXT NOT NULL,"
            " fetched REAL NOT NULL, PRIMARY KEY (api, site, title))"
        )
        self._db.commit()

    def get(self, api: str, site: str, title: str) -> tuple[TitleLookup, float] | None:
        """Return a cached lookup and when it was fetched, or ``None``."""
        row = self._db.execute(
            "SELECT qid, reason, resolved_title, fetched FROM sitelink"
            " WHERE api = ? AND site = ? AND title = ?",
            (api, site, title),
        ).fetchone()
        if row is None:
            return None
        return TitleLookup(title, row[0], row[1], row[2]), float(row[3])

    def put_many(self, api: str, site: str, lookups: Iterable[TitleLookup]) -> None:
        """Store lookups in one transaction."""
        now = time.time()
        rows = [(api, site, x.title, x.qid, x.reason, x.resolved_title, now) for x in lookups]
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO sitelink VALUES (?, ?, ?, ?, ?, ?, ?)", rows
            )

    def close(self) -> None:
        """Close the database."""
        self._db.close()


class Resolver:
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
        base_delay: float = 5.0,
        max_delay: float = 300.0,
        max_retries: int = 5,
        timeout: float = 30.0,
        maxlag: int = 5,
    ) -> None:
        self.wikibase_api = wikibase_api
        self.site = site
        self.client_api = client_api
        self.offline = offline
        self.sleep = sleep
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_retries = max_retries
        self.timeout = timeout
        self.maxlag = maxlag
        self.cache_ttl = cache_ttl
        self.negative_cache_ttl = negative_cache_ttl
        self.unresolved: list[Unresolved] = []
        self.requests_made = 0
        self._mapping: dict[str, str] = load_known_items() if use_known_items else {}
        if mapping_file is not None:
            self._mapping.update(load_mapping(mapping_file))
        if mapping is not None:
            self._mapping.update(_checked_mapping(dict(mapping), "mapping"))
        self._session = session
        self._owns_session = session is None
        self.cache_path: Path | None = None
        if use_cache:
            self.cache_path = Path(cache_path) if cache_path else default_cache_path()
        self._cache: _Cache | None = None  # opened on first use

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the cache and the HTTP session this resolver opened."""
        if self._cache is not None:
            self._cache.close()
            self._cache = None
        if self._session is not None and self._owns_session:
            self._session.close()
            self._session = None

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
        key = re.sub(r"\s+", " ", name).strip()
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
                out.append(replace(value, qid=lookup.qid))
            else:
                qid = self.lookup_name(value.name)
                if qid is None:
                    self._note(Unresolved(value.name, "not in mapping", False))
                out.append(replace(value, qid=qid))
        return out

    def resolve_draft(self, draft: EntityDraft) -> EntityDraft:
        """Return a copy of the draft with every item value resolved, in units and snaks too."""
        found: dict[ItemValue, ItemValue] = {}
        pending = list(dict.fromkeys(v for v in _item_values(draft) if v.qid is None))
        for before, after in zip(pending, self.resolve_values(pending), strict=True):
            found[before] = after

        def fix(value: Value) -> Value:
            if isinstance(value, ItemValue):
                return found.get(value, value)
            if isinstance(value, QuantityValue) and value.unit is not None:
                return replace(value, unit=found.get(value.unit, value.unit))
            return value

        statements = [
            replace(
                st,
                value=fix(st.value),
                qualifiers=[(p, fix(v)) for p, v in st.qualifiers],
                references=[Reference([(p, fix(v)) for p, v in r.snaks]) for r in st.references],
            )
            for st in draft.statements
        ]
        return replace(
            draft,
            labels=dict(draft.labels),
            descriptions=dict(draft.descriptions),
            aliases={k: list(v) for k, v in draft.aliases.items()},
            sitelinks=dict(draft.sitelinks),
            statements=statements,
        )

    def _note(self, item: Unresolved) -> None:
        """Record an unresolved value once."""
        if item not in self.unresolved:
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
            if not norm or _ILLEGAL_TITLE_RE.search(norm):
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

    def _open_cache(self) -> _Cache | None:
        """Return the cache, opening (and creating) it on first use; ``None`` if disabled."""
        if self._cache is None and self.cache_path is not None:
            self._cache = _Cache(self.cache_path)
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
        for qid, linked in _sitelinked_entities(data, site):
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
        target = title
        normalized = data.get("normalized") or {}
        blocks = normalized.values() if isinstance(normalized, dict) else normalized
        for block in blocks:
            if isinstance(block, dict) and block.get("from") == title and block.get("to"):
                target = str(block["to"])
        for qid, linked in _sitelinked_entities(data, site):
            if linked == target:
                return TitleLookup(title, qid, "", linked)
        reason = f"no sitelink: no item links {site} page {title!r} (or the page is missing)"
        if target != title:
            reason = f"no sitelink: no item links {site} page {target!r} (asked as {title!r})"
        return TitleLookup(title, None, reason, target)

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
            query = data.get("query") or {}
            rename: dict[str, str] = {}
            for key in ("normalized", "converted", "redirects"):
                for block in query.get(key) or []:
                    if isinstance(block, dict) and "from" in block and "to" in block:
                        rename[str(block["from"])] = str(block["to"])
            pages = {
                str(page.get("title")): page
                for page in query.get("pages") or []
                if isinstance(page, dict)
            }
            for title in chunk:
                final, seen = title, {title}
                while final in rename and rename[final] not in seen:
                    final = rename[final]
                    seen.add(final)
                page = pages.get(final)
                old = lookups[title]
                if page is None:
                    continue
                if "invalid" in page:
                    out[title] = replace(old, reason="invalid title", resolved_title=final)
                elif "missing" in page:
                    out[title] = replace(
                        old,
                        reason=f"missing page: {self.site} has no page {final!r}",
                        resolved_title=final,
                    )
                else:
                    out[title] = replace(
                        old,
                        reason=f"no sitelink: {self.site} page {final!r} is linked to no item",
                        resolved_title=final,
                    )
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

    # -- HTTP ----------------------------------------------------------------------------------

    def _get(self, params: dict[str, str], api: str | None = None) -> dict[str, Any]:
        """GET the API politely, retrying lag and rate limits up to the bound."""
        import requests

        url = api or self.wikibase_api

        if self._session is None:
            self._session = requests.Session()
        query = {**params, "format": "json", "formatversion": "2", "maxlag": str(self.maxlag)}
        headers = {"User-Agent": user_agent(), "Accept": "application/json"}
        last = ""
        for attempt in range(self.max_retries + 1):
            retry_after: float | None = None
            try:
                self.requests_made += 1
                if len(urlencode(query)) > MAX_GET_QUERY:  # long title batches: POST
                    response = self._session.post(
                        url, data=query, headers=headers, timeout=self.timeout
                    )
                else:
                    response = self._session.get(
                        url, params=query, headers=headers, timeout=self.timeout
                    )
            except requests.RequestException as exc:
                last = f"{type(exc).__name__}: {exc}"
            else:
                retry_after = _retry_after(response.headers.get("Retry-After"))
                if response.status_code in _RETRY_STATUS:
                    last = f"HTTP {response.status_code}"
                elif response.status_code != 200:
                    status = response.status_code
                    raise ResolverError(f"{url}: HTTP {status} for {params['action']}")
                else:
                    try:
                        data = response.json()
                    except ValueError as exc:
                        raise ResolverError(f"{url}: reply is not JSON") from exc
                    if not isinstance(data, dict):
                        raise ResolverError(f"{url}: reply is not a JSON object")
                    error = data.get("error")
                    if not error:
                        return data
                    code = str(error.get("code", "")) if isinstance(error, dict) else str(error)
                    info = str(error.get("info", "")) if isinstance(error, dict) else ""
                    if code not in _RETRY_CODES:
                        raise ResolverError(f"{url}: API error {code}: {info}")
                    last = f"API error {code}: {info}"
            if attempt == self.max_retries:
                break
            self.sleep(self._delay(attempt, retry_after))
        raise ResolverError(f"{url}: gave up after {self.max_retries + 1} attempts ({last})")

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before retry ``attempt + 1``: growing, never below Retry-After."""
        delay = min(self.base_delay * (2**attempt), self.max_delay)
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.max_delay))
        return delay


def _retry_after(header: str | None) -> float | None:
    """Parse a ``Retry-After`` header given in seconds (an HTTP date counts as absent)."""
    if header is None:
        return None
    try:
        seconds = float(header.strip())
    except ValueError:
        return None
    return seconds if seconds >= 0 else None


def _sitelinked_entities(data: Mapping[str, Any], site: str) -> Iterator[tuple[str, str]]:
    """Yield (QID, sitelink title on ``site``) for each entity found in a wbgetentities reply."""
    entities = data.get("entities") or {}
    values = entities.values() if isinstance(entities, dict) else entities
    for entity in values:
        if not isinstance(entity, dict) or "missing" in entity:
            continue
        qid = entity.get("id")
        link = (entity.get("sitelinks") or {}).get(site)
        title = link.get("title") if isinstance(link, dict) else link
        if isinstance(qid, str) and QID_RE.fullmatch(qid) and isinstance(title, str):
            yield qid, title


def _item_values(draft: EntityDraft) -> Iterator[ItemValue]:
    """Yield every item value of a draft: values, units, qualifiers and reference snaks."""

    def of(value: Value) -> Iterator[ItemValue]:
        if isinstance(value, ItemValue):
            yield value
        elif isinstance(value, QuantityValue) and value.unit is not None:
            yield value.unit

    statement: Statement
    for statement in draft.statements:
        yield from of(statement.value)
        for _, qualifier in statement.qualifiers:
            yield from of(qualifier)
        for reference in statement.references:
            for _, snak in reference.snaks:
                yield from of(snak)
