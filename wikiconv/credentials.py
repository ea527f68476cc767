"""Bot-password credentials from the environment or a file, never from argv and never shown.

The environment: ``WIKICONV_BOT_USER`` (``User@BotName``) and ``WIKICONV_BOT_PASSWORD``.
A file (``--credentials FILE``) is JSON, ``{"user": "User@BotName", "password": "..."}``,
or INI::

    [wikiconv]
    user = User@BotName
    password = ...

A file that other users can read draws a warning.
"""

from __future__ import annotations

import configparser
import json
import os
import stat
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from wikiconv.errors import WikiconvError

ENV_USER = "WIKICONV_BOT_USER"
ENV_PASSWORD = "WIKICONV_BOT_PASSWORD"
USER_KEYS = ("user", "username", "lgname")
PASSWORD_KEYS = ("password", "lgpassword")


class CredentialsError(WikiconvError):
    """No usable credentials: missing, half given, or an unreadable file."""


@dataclass(frozen=True)
class Credentials:
    """A bot-password login; the password never appears in ``repr`` or ``str``."""

    user: str
    password: str = field(repr=False)
    source: str = ""

    def __post_init__(self) -> None:
        """Refuse empty values and user names that are not ``User@BotName``."""
        if not self.user or not self.password:
            raise CredentialsError(f"{self.source or 'credentials'}: user and password are needed")
        if "@" not in self.user:
            raise CredentialsError(
                f"{self.source or 'credentials'}: the user must be a bot-password name "
                "User@BotName (made on Special:BotPasswords)"
            )


def _warn(message: str) -> None:
    """Print a warning to stderr."""
    print(f"wikiconv: warning: {message}", file=sys.stderr)


def _pick(values: Mapping[str, object], keys: tuple[str, ...]) -> str:
    """The first of ``keys`` present in ``values``, as a string ('' when none is)."""
    for key in keys:
        value = values.get(key)
        if value is not None:
            return str(value).strip()
    return ""


def read_credentials_file(
    path: str | os.PathLike[str], warn: Callable[[str], None] = _warn
) -> Credentials:
    """Read credentials from a JSON or INI file, warning when others may read it."""
    file = Path(path)
    try:
        mode = file.stat().st_mode
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CredentialsError(f"cannot read credentials file {file}: {exc}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        warn(f"credentials file {file} can be read by other users; run: chmod 600 {file}")
    values: Mapping[str, object]
    if text.lstrip().startswith("{"):
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CredentialsError(f"{file}: not valid JSON (line {exc.lineno})") from None
        values = loaded if isinstance(loaded, dict) else {}
    else:
        parser = configparser.ConfigParser(interpolation=None)
        try:
            if not text.lstrip().startswith("["):
                text = "[wikiconv]\n" + text
            parser.read_string(text, source=str(file))
        except configparser.Error:
            raise CredentialsError(f"{file}: neither JSON nor INI credentials") from None
        sections = parser.sections()
        section = "wikiconv" if "wikiconv" in sections else (sections[0] if sections else None)
        values = dict(parser[section]) if section else {}
    return Credentials(_pick(values, USER_KEYS), _pick(values, PASSWORD_KEYS), str(file))


def load_credentials(
    path: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    warn: Callable[[str], None] = _warn,
) -> Credentials:
    """Credentials from ``path`` if given, else from WIKICONV_BOT_USER/WIKICONV_BOT_PASSWORD."""
    if path is not None:
        return read_credentials_file(path, warn)
    env = os.environ if environ is None else environ
    user, password = env.get(ENV_USER, ""), env.get(ENV_PASSWORD, "")
    if not user and not password:
        raise CredentialsError(
            f"no credentials: set {ENV_USER} (User@BotName) and {ENV_PASSWORD}, "
            "or pass --credentials FILE"
        )
    if not user or not password:
        missing = ENV_USER if not user else ENV_PASSWORD
        raise CredentialsError(f"no credentials: {missing} is not set")
    return Credentials(user, password, "environment")
