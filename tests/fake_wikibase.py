"""A loopback fake of the Wikibase API (and of its client wiki) for resolver tests.

``FakeWikibase`` serves, from a small in-memory dataset, the parts of the Action API the
resolver uses, shaped as Wikidata answers them with ``format=json&formatversion=2``:

* ``action=wbgetentities`` by ``ids`` (entity redirects resolved with a ``redirects`` block in
  the entity when ``redirects=yes``, unknown ids as ``{"id": …, "missing": ""}``) and by
  ``sites`` + ``titles`` (unknown titles as ``{"site", "title", "missing": ""}`` under negative
  keys; ``normalize=1`` allowed for exactly one title, as in Wikibase's ``ItemByTitleHelper``,
  normalising the title on the client wiki and following its redirects, reported in a top-level
  ``normalized`` block ``{"n": {"from", "to"}}``);
* ``action=wbsearchentities`` (label and alias prefix search);
* ``action=query&titles=…&redirects=1`` on the client wiki path ``/client/api.php`` (pages,
  ``missing``, ``normalized`` and ``redirects`` lists).

It can be told to answer the next N requests with a ``maxlag`` error (HTTP 200, the JSON error,
``Retry-After`` and ``X-Database-Lag`` headers, ``MediaWiki-API-Error: maxlag``), with a
``ratelimited`` error, or with HTTP 429 and ``Retry-After``. Every request is recorded
(method, path, params, headers) for assertions::

    with FakeWikibase(entities={"Q60": {"labels": {"en": "New York City"},
                                        "sitelinks": {"enwiki": "New York City"}}}) as wb:
        wb.inject("maxlag", times=1, retry_after=5)
        ...  # use wb.api_url
        assert wb.requests[0].params["maxlag"] == "5"
"""

from __future__ import annotations

import json
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.server_lifecycle import StartStop

API_PATH = "/w/api.php"
CLIENT_PATH = "/client/api.php"


@dataclass
class RecordedRequest:
    """One request the fake received."""

    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]


@dataclass
class _Injection:
    """A canned failure for the next ``times`` requests."""

    kind: str  # "maxlag", "ratelimited" or "http429"
    times: int
    retry_after: str | None
    lag: int


@dataclass
class FakeEntity:
    """An item of the fake dataset."""

    id: str
    labels: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    sitelinks: dict[str, str] = field(default_factory=dict)
    claims: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def client_normalize(title: str) -> str:
    """Normalise a title as the client wiki does (NFC, ``_`` → space, first letter upper)."""
    text = unicodedata.normalize("NFC", title).replace("_", " ").strip()
    while "  " in text:
        text = text.replace("  ", " ")
    return text[:1].upper() + text[1:]


class FakeWikibase(StartStop):
    """A threaded loopback HTTP server speaking a small part of the Wikibase API."""

    def __init__(
        self,
        entities: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        entity_redirects: Mapping[str, str] | None = None,
        client_pages: Iterable[str] | None = None,
        client_redirects: Mapping[str, str] | None = None,
    ) -> None:
        self.entities: dict[str, FakeEntity] = {}
        for qid, data in (entities or {}).items():
            self.add_entity(qid, **dict(data))
        self.entity_redirects = dict(entity_redirects or {})
        self.client_redirects = dict(client_redirects or {})
        self.client_pages = set(client_pages or ())
        for entity in self.entities.values():
            if "enwiki" in entity.sitelinks:
                self.client_pages.add(entity.sitelinks["enwiki"])
        self.client_pages |= set(self.client_redirects)
        self.requests: list[RecordedRequest] = []
        self._injections: list[_Injection] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- dataset -------------------------------------------------------------------------------

    def add_entity(self, qid: str, **data: Any) -> FakeEntity:
        """Add (or replace) an item: labels, descriptions, aliases, sitelinks, claims."""
        entity = FakeEntity(qid, **data)
        self.entities[qid] = entity
        return entity

    def _by_sitelink(self, site: str, title: str) -> FakeEntity | None:
        """Find the entity whose ``site`` sitelink is exactly ``title``."""
        for entity in self.entities.values():
            if entity.sitelinks.get(site) == title:
                return entity
        return None

    # -- control -------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """Return ``http://127.0.0.1:PORT``."""
        assert self._server is not None, "server not started"
        port = self._server.server_address[1]
        return f"http://127.0.0.1:{port}"

    @property
    def api_url(self) -> str:
        """Return the Wikibase API URL."""
        return self.base_url + API_PATH

    @property
    def client_api_url(self) -> str:
        """Return the client wiki API URL."""
        return self.base_url + CLIENT_PATH

    def inject(
        self, kind: str, times: int = 1, retry_after: int | str | None = 5, lag: int = 7
    ) -> None:
        """Fail the next ``times`` requests with ``maxlag``, ``ratelimited`` or ``http429``."""
        if kind not in ("maxlag", "ratelimited", "http429"):
            raise ValueError(kind)
        header = None if retry_after is None else str(retry_after)
        with self._lock:
            self._injections.append(_Injection(kind, times, header, lag))

    def start(self) -> FakeWikibase:
        """Start serving on a free loopback port."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                """Answer a GET."""
                fake._handle(self, "GET", urlsplit(self.path).query)

            def do_POST(self) -> None:
                """Answer a POST (form body parameters)."""
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8")
                query = urlsplit(self.path).query
                fake._handle(self, "POST", "&".join(q for q in (query, body) if q))

            def log_message(self, format: str, *args: Any) -> None:
                """Keep the test output quiet."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server = self._server
        self._thread = threading.Thread(
            target=lambda: server.serve_forever(poll_interval=0.02), daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the server."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    # -- HTTP ----------------------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler, method: str, query: str) -> None:
        """Record the request, apply an injected failure or answer it."""
        params = dict(parse_qsl(query, keep_blank_values=True))
        path = urlsplit(handler.path).path
        with self._lock:
            self.requests.append(RecordedRequest(method, path, params, dict(handler.headers)))
            injection = self._injections[0] if self._injections else None
            if injection is not None:
                injection.times -= 1
                if injection.times <= 0:
                    self._injections.pop(0)
        if injection is not None:
            self._fail(handler, injection)
            return
        if path == API_PATH:
            body = self._api(params)
        elif path == CLIENT_PATH:
            body = self._client(params)
        else:
            self._send(handler, 404, b"not found", "text/plain")
            return
        self._send(handler, 200, json.dumps(body).encode("utf-8"), "application/json")

    def _fail(self, handler: BaseHTTPRequestHandler, injection: _Injection) -> None:
        """Answer with the injected failure."""
        headers: dict[str, str] = {}
        if injection.retry_after is not None:
            headers["Retry-After"] = injection.retry_after
        if injection.kind == "http429":
            self._send(handler, 429, b"Too many requests.", "text/plain", headers)
            return
        error: dict[str, Any]
        if injection.kind == "maxlag":
            headers["X-Database-Lag"] = str(injection.lag)
            error = {
                "code": "maxlag",
                "info": f"Waiting for 10.64.48.35: {injection.lag} seconds lagged.",
                "host": "10.64.48.35",
                "lag": injection.lag,
                "type": "db",
                "docref": "See https://www.wikidata.org/w/api.php for API usage.",
            }
        else:
            error = {
                "code": "ratelimited",
                "info": "As an anti-abuse measure, you are limited from performing this action "
                "too many times in a short space of time, and you have exceeded this limit. "
                "Please try again in a few minutes.",
                "docref": "See https://www.wikidata.org/w/api.php for API usage.",
            }
        headers["MediaWiki-API-Error"] = str(error["code"])
        body = json.dumps({"error": error, "servedby": "mw-fake"}).encode("utf-8")
        self._send(handler, 200, body, "application/json", headers)

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        content_type: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Write one HTTP response."""
        handler.send_response(status)
        handler.send_header("Content-Type", f"{content_type}; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    # -- the Wikibase API ------------------------------------------------------------------------

    @staticmethod
    def _error(code: str, info: str) -> dict[str, Any]:
        """Return an API error body."""
        return {"error": {"code": code, "info": info}, "servedby": "mw-fake"}

    def _api(self, params: Mapping[str, str]) -> dict[str, Any]:
        """Dispatch a Wikibase API request."""
        if params.get("format") != "json":
            return self._error("badformat", "this fake speaks format=json only")
        action = params.get("action")
        if action == "wbgetentities":
            return self._getentities(params)
        if action == "wbsearchentities":
            return self._search(params)
        return self._error("badvalue", f'Unrecognized value for parameter "action": {action}.')

    def _getentities(self, params: Mapping[str, str]) -> dict[str, Any]:
        """Answer wbgetentities by ids or by sites and titles."""
        props = params.get("props", "info|sitelinks|aliases|labels|descriptions|claims|datatype")
        wanted = set(props.split("|"))
        resolve = params.get("redirects", "yes") == "yes"
        normalize = params.get("normalize", "") not in ("", "0", "false")
        result: dict[str, Any] = {"entities": {}}
        missing_key = -1
        if "ids" in params:
            for qid in params["ids"].split("|"):
                if not qid or qid[0] not in "QPL" or not qid[1:].isdigit():
                    return self._error(
                        "no-such-entity", f'Could not find an entity with the ID "{qid}".'
                    )
                target = self.entity_redirects.get(qid) if resolve else None
                entity = self.entities.get(target or qid)
                if entity is None or (qid in self.entity_redirects and not resolve):
                    result["entities"][qid] = {"id": qid, "missing": ""}
                    continue
                record = self._render(entity, wanted)
                if target:
                    record["redirects"] = {"from": qid, "to": target}
                result["entities"][qid] = record
        elif params.get("sites") and params.get("titles"):
            sites = params["sites"].split("|")
            titles = params["titles"].split("|")
            if normalize and max(len(sites), len(titles)) > 1:
                return self._error(
                    "params-illegal",
                    "Normalize is only allowed if exactly one site and one page have been given",
                )
            if len(titles) > 50:
                return self._error(
                    "toomanyvalues",
                    'Too many values supplied for parameter "titles". The limit is 50.',
                )
            for site in sites:
                for title in titles:
                    asked = unicodedata.normalize("NFC", title).strip()
                    entity = self._by_sitelink(site, asked)
                    if entity is None and normalize and site == "enwiki":
                        target = self._client_target(asked)
                        if target is not None and target != asked:
                            result.setdefault("normalized", {})["n"] = {"from": asked, "to": target}
                            entity = self._by_sitelink(site, target)
                    if entity is None:
                        result["entities"][str(missing_key)] = {
                            "site": site,
                            "title": asked,
                            "missing": "",
                        }
                        missing_key -= 1
                    else:
                        result["entities"][entity.id] = self._render(entity, wanted)
        else:
            return self._error(
                "param-missing",
                'Either provide the item "ids" or pairs of "sites" and "titles" for corresponding '
                "pages",
            )
        result["success"] = 1
        return result

    def _client_target(self, title: str) -> str | None:
        """Return the existing client page a title leads to (normalised, redirect followed)."""
        title = client_normalize(title)
        title = self.client_redirects.get(title, title)
        return title if title in self.client_pages else None

    @staticmethod
    def _render(entity: FakeEntity, wanted: set[str]) -> dict[str, Any]:
        """Serialise an entity with the requested props, as wbgetentities does."""
        record: dict[str, Any] = {"type": "item", "id": entity.id}
        if "info" in wanted:
            number = int(entity.id[1:])
            record.update(
                pageid=number + 100,
                ns=0,
                title=entity.id,
                lastrevid=number * 10 + 1,
                modified="2025-01-01T00:00:00Z",
            )
        if "labels" in wanted:
            record["labels"] = {k: {"language": k, "value": v} for k, v in entity.labels.items()}
        if "descriptions" in wanted:
            record["descriptions"] = {
                k: {"language": k, "value": v} for k, v in entity.descriptions.items()
            }
        if "aliases" in wanted:
            record["aliases"] = {
                k: [{"language": k, "value": a} for a in v] for k, v in entity.aliases.items()
            }
        if "claims" in wanted:
            record["claims"] = json.loads(json.dumps(entity.claims))
        if "sitelinks" in wanted:
            record["sitelinks"] = {
                site: {"site": site, "title": title, "badges": []}
                for site, title in sorted(entity.sitelinks.items())
            }
        return record

    def _search(self, params: Mapping[str, str]) -> dict[str, Any]:
        """Answer wbsearchentities with a label/alias prefix match."""
        search = params.get("search", "")
        language = params.get("language", "en")
        limit = int(params.get("limit", "7"))
        hits = []
        needle = search.casefold()
        for entity in self.entities.values():
            names = [("label", entity.labels.get(language))]
            names += [("alias", alias) for alias in entity.aliases.get(language, [])]
            for kind, name in names:
                if name and name.casefold().startswith(needle):
                    hits.append(
                        {
                            "id": entity.id,
                            "title": entity.id,
                            "pageid": int(entity.id[1:]) + 100,
                            "concepturi": f"http://www.wikidata.org/entity/{entity.id}",
                            "url": f"//www.wikidata.org/wiki/{entity.id}",
                            "label": entity.labels.get(language, ""),
                            "description": entity.descriptions.get(language, ""),
                            "match": {"type": kind, "language": language, "text": name},
                        }
                    )
                    break
        return {"searchinfo": {"search": search}, "search": hits[:limit], "success": 1}

    # -- the client wiki -------------------------------------------------------------------------

    def _client(self, params: Mapping[str, str]) -> dict[str, Any]:
        """Answer ``action=query&titles=…`` as the client wiki does with formatversion=2."""
        if params.get("action") != "query" or "titles" not in params:
            return self._error("badvalue", "this fake client wiki answers action=query&titles only")
        normalized, redirects, pages = [], [], []
        for title in params["titles"].split("|"):
            norm = client_normalize(title)
            if not norm or any(c in norm for c in "#<>[]{}|"):
                pages.append({"title": title, "invalidreason": "bad title", "invalid": True})
                continue
            if norm != title:
                normalized.append({"fromencoded": False, "from": title, "to": norm})
            final = norm
            if params.get("redirects") and norm in self.client_redirects:
                final = self.client_redirects[norm]
                redirects.append({"from": norm, "to": final})
            if final in self.client_pages:
                pages.append({"pageid": 1000 + len(pages), "ns": 0, "title": final})
            else:
                pages.append({"ns": 0, "title": final, "missing": True})
        query: dict[str, Any] = {"pages": pages}
        if normalized:
            query["normalized"] = normalized
        if redirects:
            query["redirects"] = redirects
        return {"batchcomplete": True, "query": query}
