"""What every wikiconv HTTP client sends and honours: the User-Agent and ``Retry-After``.

Wikimedia's API etiquette asks bots for a descriptive User-Agent and to wait as
``Retry-After`` says; the upload client and the Wikibase resolver both follow it from here.
``requests`` is imported only when the User-Agent is first built.
"""

from __future__ import annotations

import email.utils
import time

PROJECT_URL = "https://github.com/wikiconv/wikiconv"
CONTACT = "wikiconv@example.org"


def user_agent() -> str:
    """``wikiconv/<version> (<url>; <contact>) python-requests/<version>``."""
    import requests

    from wikiconv import __version__

    return (
        f"wikiconv/{__version__} ({PROJECT_URL}; {CONTACT}) python-requests/{requests.__version__}"
    )


def retry_after_seconds(value: str | None) -> float:
    """Seconds asked for by a ``Retry-After`` header (delta seconds or an HTTP date), else 0."""
    if not value:
        return 0.0
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, when.timestamp() - time.time())
