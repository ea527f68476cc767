"""A throwaway MediaWiki (Debian's 1.39 package) served by PHP's built-in server, for tests.

``TestWiki`` installs a fresh wiki (SQLite, extensions Cite, ParserFunctions, Scribunto with
standalone Lua, SyntaxHighlight_GeSHi) into a temporary directory with ``install.php``, serves it
with ``php -S`` on a free loopback port and renders wikitext through ``api.php``::

    with TestWiki() as wiki:
        html = wiki.render("'''bold'''")  # '<div class="mw-parser-output"><p><b>bold</b>...'

Needs the apt packages ``mediawiki php-sqlite3 lua5.1`` (``.ci/run`` installs them).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from tests.server_lifecycle import StartStop

MW_DIR = Path(os.environ.get("WIKICONV_MW_DIR", "/usr/share/mediawiki"))
EXTENSIONS = ("Cite", "ParserFunctions", "Scribunto", "SyntaxHighlight_GeSHi")
ADMIN_USER = "Admin"

# Appended to the LocalSettings.php that install.php writes ({dir} and {port} are filled in).
EXTRA_SETTINGS = """\
$wgServer = "http://127.0.0.1:{port}";
$wgScribuntoDefaultEngine = "luastandalone";
$wgRateLimits = [];
$wgEnableUploads = false;
$wgUseInstantCommons = false;
$wgPingback = false;
$wgJobRunRate = 0;
$wgCacheDirectory = "{dir}/cache";
$wgShowExceptionDetails = true;
$wgShowDBErrorBacktrace = true;
"""

# Parameters of every render() call: plain HTML of the text, without edit links, limit report
# comments or a table of contents (which MediaWiki adds for four or more headings).
RENDER_PARAMS: dict[str, str | int] = {
    "action": "parse",
    "contentmodel": "wikitext",
    "prop": "text",
    "disablelimitreport": 1,
    "disableeditsection": 1,
    "disabletoc": 1,
}


class WikiError(RuntimeError):
    """The test wiki failed to install, start or answer."""


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TestWiki(StartStop):
    """A MediaWiki installed into a temporary directory and served on a loopback port."""

    __test__ = False  # not a pytest test class, despite its name

    def __init__(
        self,
        mw_dir: Path | str = MW_DIR,
        workers: int = 4,
        extra_settings: str = "",
        keep: bool = False,
        start_timeout: float = 60.0,
    ) -> None:
        """Configure (not start) a wiki; ``extra_settings`` is PHP added to LocalSettings.php."""
        self.mw_dir = Path(mw_dir)
        self.workers = workers
        self.extra_settings = extra_settings
        self.keep = keep
        self.start_timeout = start_timeout
        self.admin_user = ADMIN_USER
        self.admin_password = "Pw-" + secrets.token_urlsafe(18)
        self.dir: Path | None = None
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._local = threading.local()

    # -- paths and environment ------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """Return the wiki's base URL, e.g. ``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """Return the URL of api.php."""
        return f"{self.base_url}/api.php"

    @property
    def config_file(self) -> Path:
        """Return the path of this wiki's LocalSettings.php."""
        if self.dir is None:
            raise WikiError("the test wiki is not installed")
        return self.dir / "LocalSettings.php"

    @property
    def log_file(self) -> Path:
        """Return the path of the PHP server's log."""
        if self.dir is None:
            raise WikiError("the test wiki is not installed")
        return self.dir / "server.log"

    def env(self) -> dict[str, str]:
        """Return the environment for PHP processes of this wiki."""
        env = dict(os.environ)
        env["MW_CONFIG_FILE"] = str(self.config_file)
        env["PHP_CLI_SERVER_WORKERS"] = str(self.workers)
        return env

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> TestWiki:
        """Install the wiki, start the server and wait until api.php answers."""
        if self.process is not None:
            return self
        if not (self.mw_dir / "maintenance" / "install.php").is_file():
            raise WikiError(
                f"MediaWiki not found at {self.mw_dir}: run .ci/run, or "
                "apt-get install mediawiki php-sqlite3 lua5.1"
            )
        self.dir = Path(tempfile.mkdtemp(prefix="wikiconv-wiki-"))
        try:
            self._install()
            for _attempt in range(3):  # another process may take the free port first
                self._configure(free_port())
                if self._serve():
                    return self
            raise WikiError(f"php -S did not start; log:\n{self._log_tail()}")
        except BaseException:
            self.stop()
            raise

    def _install(self) -> None:
        """Run install.php into self.dir, raising WikiError with PHP's output on failure."""
        assert self.dir is not None
        cmd = [
            "php",
            str(self.mw_dir / "maintenance" / "install.php"),
            "--quiet",
            "--dbtype=sqlite",
            f"--dbpath={self.dir / 'data'}",
            "--dbname=wikidb",
            f"--confpath={self.dir}",
            "--server=http://127.0.0.1",
            "--scriptpath=",
            f"--pass={self.admin_password}",
            f"--extensions={','.join(EXTENSIONS)}",
            "TestWiki",
            self.admin_user,
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=self.dir)
        if proc.returncode != 0 or not (self.dir / "LocalSettings.php").is_file():
            raise WikiError(
                f"MediaWiki install.php failed (exit {proc.returncode}):\n"
                f"{proc.stdout}\n{proc.stderr}"
            )
        with open(self.dir / "LocalSettings.php", "a", encoding="utf-8") as f:
            f.write('\nrequire __DIR__ . "/TestWikiSettings.php";\n')

    def _configure(self, port: int) -> None:
        """Write the settings that depend on the port, and our additions."""
        assert self.dir is not None
        self.port = port
        text = "<?php\n" + EXTRA_SETTINGS.format(port=port, dir=self.dir) + self.extra_settings
        (self.dir / "TestWikiSettings.php").write_text(text + "\n", encoding="utf-8")

    def _serve(self) -> bool:
        """Start php -S; return False if it exits at once (port taken), True once it answers."""
        with open(self.log_file, "ab") as log:
            self.process = subprocess.Popen(
                ["php", "-S", f"127.0.0.1:{self.port}", "-t", str(self.mw_dir)],
                cwd=self.dir,
                env=self.env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own process group: stop() ends the workers too
            )
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.process = None
                return False
            try:
                reply = requests.get(
                    self.api_url,
                    params={"action": "query", "meta": "siteinfo", "format": "json"},
                    timeout=5,
                )
                if reply.ok and "query" in reply.json():
                    return True
            except (requests.RequestException, ValueError):
                pass
            time.sleep(0.1)
        raise WikiError(
            f"api.php did not answer in {self.start_timeout} s; log:\n{self._log_tail()}"
        )

    def _log_tail(self, lines: int = 60) -> str:
        """Return the end of the server log."""
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """Stop the server (its own process group) and remove the wiki unless ``keep``."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
            except ProcessLookupError:
                pass
        if self.dir is not None and not self.keep:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    # -- using it ---------------------------------------------------------------------------

    def _session(self) -> requests.Session:
        """Return this thread's HTTP session."""
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        return session

    def api(self, **params: Any) -> dict[str, Any]:
        """POST ``params`` to api.php (JSON, formatversion 2) and return the decoded reply."""
        if self.process is None:
            raise WikiError("the test wiki is not running")
        data = {"format": "json", "formatversion": 2, **params}
        try:
            reply = self._session().post(self.api_url, data=data, timeout=120)
        except requests.RequestException as e:
            raise WikiError(f"api.php request failed: {e}\nlog:\n{self._log_tail()}") from e
        try:
            result: dict[str, Any] = reply.json()
        except ValueError as e:
            raise WikiError(
                f"api.php answered {reply.status_code} with:\n{reply.text[:4000]}"
            ) from e
        if "error" in result:
            raise WikiError(f"api.php error: {result['error']}")
        return result

    def render(self, wikitext: str, **params: Any) -> str:
        """Return MediaWiki's HTML for ``wikitext`` (inside ``div.mw-parser-output``)."""
        result = self.api(**{**RENDER_PARAMS, **params, "text": wikitext})
        return str(result["parse"]["text"])

    def render_many(self, texts: Iterable[str], max_workers: int = 4) -> list[str]:
        """Render many texts, ``max_workers`` at a time; results keep the order of ``texts``."""
        with ThreadPoolExecutor(max_workers=max_workers) as pool:
            return list(pool.map(self.render, texts))

    def maintenance(
        self, script: str, *args: str, stdin: str | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """Run ``maintenance/SCRIPT[.php] ARGS`` against this wiki, e.g. ``edit.php``."""
        if not script.endswith(".php"):
            script += ".php"
        proc = subprocess.run(
            ["php", str(self.mw_dir / "maintenance" / script), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env(),
            cwd=self.dir,
        )
        if check and proc.returncode != 0:
            raise WikiError(
                f"maintenance/{script} failed (exit {proc.returncode}):\n"
                f"{proc.stdout}\n{proc.stderr}"
            )
        return proc
