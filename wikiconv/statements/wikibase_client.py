"""HTTP to the Wikibase and client-wiki APIs, politely: User-Agent, maxlag, backoff, errors.

Etiquette (https://www.mediawiki.org/wiki/API:Etiquette and
https://www.mediawiki.org/wiki/Manual:Maxlag_parameter): requests go one at a time (GET, or POST
when a batch of long titles would make the URL too long) with a descriptive User-Agent,
``maxlag=5``, ``format=json`` and ``formatversion=2``; a ``maxlag`` or ``ratelimited`` error,
HTTP 429 and HTTP 503 are retried after ``max(Retry-After, base_delay * 2**attempt)`` seconds
(capped by ``max_delay``) until ``max_retries`` retries are spent, and then
:class:`ResolverError` is raised.

``requests`` is imported only when a request is made, never at module import.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from wikiconv.api_etiquette import retry_after_seconds, user_agent
from wikiconv.errors import WikiconvError

DEFAULT_WIKIBASE_API = "https://www.wikidata.org/w/api.php"
# Retry and request defaults, shared by every client built on WikibaseClient.
BASE_DELAY, MAX_DELAY, MAX_RETRIES, TIMEOUT, MAXLAG = 5.0, 300.0, 5, 30.0, 5
MAX_GET_QUERY = 6000  # longer queries go as a POST body (proxies cap URL lengths)
QID_RE = re.compile(r"Q[1-9][0-9]*")
_RETRY_CODES = frozenset({"maxlag", "ratelimited"})
_RETRY_STATUS = frozenset({429, 503})

Sleep = Callable[[float], None]


class ResolverError(WikiconvError):
    """The Wikibase API could not answer (retries spent, HTTP or API error, bad reply)."""


class WikibaseClient:
    """Polite, bounded API requests; the base of :class:`~wikiconv.statements.resolve.Resolver`.

    The HTTP session is opened on the first request unless one is given; a session given by the
    caller is never closed here.
    """

    def __init__(
        self,
        *,
        wikibase_api: str = DEFAULT_WIKIBASE_API,
        session: Any = None,
        sleep: Sleep = time.sleep,
        base_delay: float = BASE_DELAY,
        max_delay: float = MAX_DELAY,
        max_retries: int = MAX_RETRIES,
        timeout: float = TIMEOUT,
        maxlag: int = MAXLAG,
    ) -> None:
        self.wikibase_api = wikibase_api
        self.sleep = sleep
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_retries = max_retries
        self.timeout = timeout
        self.maxlag = maxlag
        self.requests_made = 0
        self._session = session
        self._owns_session = session is None

    def _close_session(self) -> None:
        """Close the HTTP session if this client opened it."""
        if self._session is not None and self._owns_session:
            self._session.close()
            self._session = None

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
                retry_after = retry_after_seconds(response.headers.get("Retry-After"))
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
