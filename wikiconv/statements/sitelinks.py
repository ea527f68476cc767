"""Sitelink titles: normalising them, and reading lookups out of API replies.

Pure functions over titles and decoded JSON (``wbgetentities`` and the client wiki's
``query``); the requests themselves are made by the
:class:`~wikiconv.statements.resolve.Resolver`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from wikiconv.statements.resolver_cache import TitleLookup
from wikiconv.statements.wikibase_client import QID_RE

DEFAULT_SITE = "enwiki"
# Characters MediaWiki never allows in a page title (see $wgLegalTitleChars).
ILLEGAL_TITLE_RE = re.compile(r"[#<>\[\]|{}\x00-\x1f\x7f\ufffd]")


def normalize_title(title: str, site: str = DEFAULT_SITE) -> str:
    """Normalise a title like MediaWiki: NFC, ``_`` as space, first letter upper (not on wikt)."""
    text = unicodedata.normalize("NFC", title).replace("_", " ")
    text = re.sub(r"\s+", " ", text).strip()
    if text.startswith(":"):  # [[:Foo]] is the main-namespace page Foo
        text = text[1:].lstrip()
    if text and not site.endswith("wiktionary") and len(text[0].upper()) == 1:
        text = text[0].upper() + text[1:]
    return text


def sitelinked_entities(data: Mapping[str, Any], site: str) -> Iterator[tuple[str, str]]:
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


def normalized_lookup(data: Mapping[str, Any], site: str, title: str) -> TitleLookup:
    """Read the lookup of one title asked with ``normalize=1`` from a wbgetentities reply."""
    target = title
    normalized = data.get("normalized") or {}
    blocks = normalized.values() if isinstance(normalized, dict) else normalized
    for block in blocks:
        if isinstance(block, dict) and block.get("from") == title and block.get("to"):
            target = str(block["to"])
    for qid, linked in sitelinked_entities(data, site):
        if linked == target:
            return TitleLookup(title, qid, "", linked)
    reason = f"no sitelink: no item links {site} page {title!r} (or the page is missing)"
    if target != title:
        reason = f"no sitelink: no item links {site} page {target!r} (asked as {title!r})"
    return TitleLookup(title, None, reason, target)


def classify_pages(
    data: Mapping[str, Any],
    titles: list[str],
    lookups: Mapping[str, TitleLookup],
    site: str,
) -> dict[str, TitleLookup]:
    """Give unlinked ``titles`` the reason the client wiki's ``action=query`` reply shows."""
    query = data.get("query") or {}
    rename: dict[str, str] = {}
    for key in ("normalized", "converted", "redirects"):
        for block in query.get(key) or []:
            if isinstance(block, dict) and "from" in block and "to" in block:
                rename[str(block["from"])] = str(block["to"])
    pages = {
        str(page.get("title")): page for page in query.get("pages") or [] if isinstance(page, dict)
    }
    out: dict[str, TitleLookup] = {}
    for title in titles:
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
                reason=f"missing page: {site} has no page {final!r}",
                resolved_title=final,
            )
        else:
            out[title] = replace(
                old,
                reason=f"no sitelink: {site} page {final!r} is linked to no item",
                resolved_title=final,
            )
    return out
