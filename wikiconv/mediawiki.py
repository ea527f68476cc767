"""A polite MediaWiki Action API client: bot-password login, maxlag, backoff, safe edits.

One request at a time (a lock, no threads), ``maxlag`` on every request, a descriptive
User-Agent, backoff that honours ``Retry-After`` for ``maxlag``, ``ratelimited`` and HTTP 429,
and edits that read the page first (to skip unchanged text and to detect edit conflicts)::

    client = Client("https://wiki.example.org/w/api.php")
    client.login(load_credentials())
    result = client.edit("Runway", wikitext, "Update from wikiconv")

``requests`` is imported only when the first request is sent.
"""

from __future__ import annotations

import logging
import threading
import time
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from wikiconv.api_etiquette import retry_after_seconds
from wikiconv.api_etiquette import user_agent as default_user_agent
from wikiconv.credentials import Credentials
from wikiconv.errors import WikiconvError

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

MAX_WAIT = 900.0  # never sleep longer than this at once, whatever Retry-After says
RETRYABLE = ("maxlag", "ratelimited")


class MediaWikiError(WikiconvError):
    """An error answered by the wiki (or the way to it), with the API's ``code`` and ``info``."""

    def __init__(self, code: str, info: str = "") -> None:
        super().__init__(f"{code}: {info}" if info else code)
        self.code = code
        self.info = info


class LoginError(MediaWikiError):
    """Logging in failed (wrong bot password, unknown user, missing grants)."""


class MaxlagError(MediaWikiError):
    """The wiki's databases stayed lagged through every retry."""


class RateLimitedError(MediaWikiError):
    """The wiki kept rate-limiting us (HTTP 429 or ``ratelimited``) through every retry."""


class EditConflictError(MediaWikiError):
    """Someone else changed (or created, or deleted) the page between our read and our write."""

    def __init__(self, title: str, info: str = "") -> None:
        super().__init__("editconflict", info or f"edit conflict on [[{title}]]")
        self.title = title


@dataclass(frozen=True)
class PageRevision:
    """The current revision of a page, and the time we read it (``starttimestamp``)."""

    title: str
    text: str
    revid: int
    timestamp: str
    starttimestamp: str


@dataclass(frozen=True)
class EditResult:
    """What an edit did: ``created``, ``updated`` or ``unchanged`` (no edit made)."""

    title: str
    status: Literal["created", "updated", "unchanged"]
    revid: int | None = None
    oldrevid: int | None = None

    @property
    def unchanged(self) -> bool:
        """True when no new revision was made because the text was already there."""
        return self.status == "unchanged"


def normalize_text(text: str) -> str:
    """Text as MediaWiki stores it: NFC, ``\\n`` line ends, no trailing whitespace."""
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").rstrip()


def same_text(a: str, b: str) -> bool:
    """True when saving ``b`` over ``a`` would change nothing."""
    return normalize_text(a) == normalize_text(b)


class Client:
    """A MediaWiki API client for one wiki; one request at a time, polite about lag and limits."""

    def __init__(
        self,
        api_url: str,
        user_agent: str | None = None,
        maxlag: int = 5,
        max_retries: int = 5,
        sleep: Callable[[float], object] = time.sleep,
        timeout: float = 60.0,
        min_wait: float = 5.0,
        max_backoff: float = 120.0,
    ) -> None:
        """Configure a client; nothing is sent until the first request."""
        self.api_url = api_url
        self.user_agent = user_agent
        self.maxlag = maxlag
        self.max_retries = max_retries
        self.sleep = sleep
        self.timeout = timeout
        self.min_wait = min_wait
        self.max_backoff = max_backoff
        self.user: str | None = None
        self._credentials: Credentials | None = None
        self._csrf: str | None = None
        self._session: requests.Session | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        """Show the wiki and the user, never the password."""
        return f"Client(api_url={self.api_url!r}, user={self.user!r})"

    # -- transport ---------------------------------------------------------------------------

    def session(self) -> requests.Session:
        """The HTTP session (cookies, User-Agent), made on first use."""
        if self._session is None:
            import requests

            self._session = requests.Session()
            self._session.headers["User-Agent"] = self.user_agent or default_user_agent()
        return self._session

    def backoff(self, attempt: int, retry_after: float) -> float:
        """Seconds to wait before retry ``attempt`` (0-based): grows, capped, >= Retry-After."""
        growing = min(self.max_backoff, self.min_wait * 2**attempt)
        return min(MAX_WAIT, max(retry_after, growing))

    def request(self, params: Mapping[str, Any], post: bool = False) -> dict[str, Any]:
        """Send one API call (JSON, formatversion 2, maxlag), retrying lag and rate limits."""
        data: dict[str, Any] = {"format": "json", "formatversion": 2, **params}
        data["maxlag"] = self.maxlag
        for key in [k for k in data if k.endswith("token")]:
            data[key] = data.pop(key)  # tokens last: a truncated POST then fails safely
        with self._lock:
            for attempt in range(self.max_retries + 1):
                reply = self._send(data, post)
                if reply.status_code == 429:
                    code, info = "ratelimited", f"HTTP 429 {reply.reason}".strip()
                else:
                    result = self._decode(reply)
                    error = result.get("error")
                    if not isinstance(error, dict):
                        return result
                    code, info = str(error.get("code", "unknown")), str(error.get("info", ""))
                    if code not in RETRYABLE:
                        raise MediaWikiError(code, info)
                if attempt == self.max_retries:
                    kind = MaxlagError if code == "maxlag" else RateLimitedError
                    raise kind(code, f"{info} (gave up after {self.max_retries} retries)")
                wait = self.backoff(attempt, retry_after_seconds(reply.headers.get("Retry-After")))
                n, total = attempt + 1, self.max_retries
                log.warning("%s (%s); waiting %.0f s, retry %d of %d", code, info, wait, n, total)
                self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, data: dict[str, Any], post: bool) -> requests.Response:
        """One HTTP exchange; transport failures become a MediaWikiError."""
        import requests

        session = self.session()
        try:
            if post:
                return session.post(self.api_url, data=data, timeout=self.timeout)
            return session.get(self.api_url, params=data, timeout=self.timeout)
        except requests.RequestException as exc:
            raise MediaWikiError(
                "http", f"{type(exc).__name__} talking to {self.api_url}"
            ) from None

    @staticmethod
    def _decode(reply: requests.Response) -> dict[str, Any]:
        """The JSON body of a reply, or a MediaWikiError saying what came instead."""
        try:
            result = reply.json()
        except ValueError:
            result = None
        if not isinstance(result, dict):
            snippet = " ".join(reply.text[:200].split())
            raise MediaWikiError("http", f"HTTP {reply.status_code}, not API JSON: {snippet}")
        return result

    # -- session -----------------------------------------------------------------------------

    def login(self, credentials: Credentials) -> str:
        """Log in with a bot password (``User@BotName``); returns the user name."""
        query = self.request({"action": "query", "meta": "tokens", "type": "login"})
        token = query["query"]["tokens"]["logintoken"]
        params = {"action": "login", "lgname": credentials.user, "lgpassword": credentials.password}
        reply = self.request({**params, "lgtoken": token}, post=True).get("login", {})
        if reply.get("result") != "Success":
            reason = reply.get("reason") or reply.get("result") or "no reason given"
            if isinstance(reason, dict):
                reason = reason.get("text") or reason.get("code") or str(reason)
            raise LoginError("login-failed", f"login as {credentials.user} failed: {reason}")
        self._credentials, self._csrf = credentials, None
        self.user = str(reply.get("lgusername", credentials.user))
        return self.user

    def csrf_token(self, refresh: bool = False) -> str:
        """The CSRF (edit) token, fetched once and again when ``refresh`` is set."""
        if self._csrf is None or refresh:
            reply = self.request({"action": "query", "meta": "tokens", "type": "csrf"})
            self._csrf = str(reply["query"]["tokens"]["csrftoken"])
        return self._csrf

    def write(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """POST a write with the CSRF token; refresh a bad token or a lost session once."""
        retried: set[str] = set()
        while True:
            try:
                return self.request({**params, "token": self.csrf_token()}, post=True)
            except MediaWikiError as exc:
                if exc.code in retried:
                    raise
                retried.add(exc.code)
                if exc.code == "badtoken":
                    self._csrf = None
                elif exc.code in ("assertuserfailed", "assertbotfailed") and self._credentials:
                    self.login(self._credentials)  # the session expired, log in again
                else:
                    raise

    # -- pages -------------------------------------------------------------------------------

    def page(self, title: str) -> PageRevision | None:
        """The current text and revision of ``title``, or None when the page does not exist."""
        reply = self.request(
            {
                "action": "query",
                "prop": "revisions",
                "titles": title,
                "rvprop": "ids|timestamp|content",
                "rvslots": "main",
                "curtimestamp": 1,
            }
        )
        pages = reply.get("query", {}).get("pages", [])
        if not pages or pages[0].get("invalid"):
            reason = pages[0].get("invalidreason", "") if pages else "not a local page"
            raise MediaWikiError("invalidtitle", f"bad title {title!r}: {reason}")
        info = pages[0]
        if info.get("missing") or not info.get("revisions"):
            return None
        revision = info["revisions"][0]
        return PageRevision(
            title=str(info["title"]),
            text=str(revision["slots"]["main"].get("content", "")),
            revid=int(revision["revid"]),
            timestamp=str(revision["timestamp"]),
            starttimestamp=str(reply.get("curtimestamp", "")),
        )

    def edit(
        self,
        title: str,
        text: str,
        summary: str,
        bot: bool = True,
        createonly: bool = False,
        nocreate: bool = False,
        basetimestamp: str | None = None,
        starttimestamp: str | None = None,
        baserevid: int | None = None,
    ) -> EditResult:
        """Save ``text`` as ``title``; reads the page first unless given its base revision."""
        if createonly and nocreate:
            raise ValueError("createonly and nocreate exclude each other")
        implied_createonly = False
        if basetimestamp is None and starttimestamp is None and baserevid is None:
            current = self.page(title)
            if current is not None and same_text(current.text, text):
                return EditResult(current.title, "unchanged", current.revid, current.revid)
            if current is None:
                implied_createonly = not nocreate  # a page created meanwhile is a conflict
            else:
                # baserevid, not basetimestamp: timestamps have 1 s resolution, and MediaWiki
                # waves through a conflict with a same-second edit as "edit conflict with self".
                baserevid, starttimestamp = current.revid, current.starttimestamp
        params: dict[str, Any] = {
            "action": "edit",
            "title": title,
            "text": text,
            "summary": summary,
            "contentmodel": "wikitext",
            "assert": "bot" if bot else "user",
        }
        flags = {"bot": bot, "createonly": createonly or implied_createonly, "nocreate": nocreate}
        params.update({name: 1 for name, on in flags.items() if on})
        bases = {"basetimestamp": basetimestamp, "starttimestamp": starttimestamp}
        params.update({name: value for name, value in bases.items() if value})
        if baserevid:
            params["baserevid"] = baserevid
        try:
            reply = self.write(params).get("edit", {})
        except MediaWikiError as exc:
            if exc.code in ("editconflict", "pagedeleted"):
                raise EditConflictError(title, exc.info) from None
            if exc.code == "articleexists" and implied_createonly:
                raise EditConflictError(title, f"[[{title}]] was created meanwhile") from None
            raise
        if reply.get("result") != "Success":
            raise MediaWikiError("editfailed", f"edit of [[{title}]] not saved: {reply}")
        status: Literal["created", "updated", "unchanged"] = "updated"
        if reply.get("nochange"):
            status = "unchanged"
        elif reply.get("new"):
            status = "created"
        revid, oldrevid = reply.get("newrevid"), reply.get("oldrevid") or None
        return EditResult(str(reply.get("title", title)), status, revid or oldrevid, oldrevid)
