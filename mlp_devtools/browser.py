"""Chromium, a local server and a request watcher: shared by the browser tests (tests/conftest.py,
tests/visits.py, ...), the browser benchmarks (benchmarks/bench_playground.py,
bench_explorables.py, mlp_devtools/lighthouse.py) and ``scripts/pdf.py``.

Chromium is Debian's (``$CHROMIUM`` if set, else :data:`CHROMIUM`) driven by Playwright for
Python (never ``playwright install``).  Without Playwright or Chromium a test is skipped, except
with ``CI=true`` where it fails (:func:`mlp_devtools.unavailable`); a script passes its own
``on_missing`` (e.g. ``sys.exit``).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from mlp_devtools import unavailable

#: Debian's ``chromium-headless-shell``: the same Chromium (one source package, one version) as
#: Debian's ``chromium``, built as the headless-only shell that Playwright itself runs for headless
#: tests.  Without the desktop browser's parts around the page it spends less CPU on the same
#: work: 1.23-1.36x less for loading each page in a fresh context and running axe on it, in
#: four runs of benchmarks/bench_browsers.py.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
#: Debian's ``chromium``: what readers run; Lighthouse measures with it (mlp_devtools/lighthouse.py).
DESKTOP = "/usr/bin/chromium"
#: The Chromium the tests, the PDFs and the browser benchmarks launch: ``$CHROMIUM`` if set, else
#: the headless shell when installed (``.ci/run`` installs it), else the desktop one.
CHROMIUM = os.environ.get("CHROMIUM") or (HEADLESS_SHELL if Path(HEADLESS_SHELL).is_file() else DESKTOP)
#: Headless Chromium as root, offline (see /work/shared/notes/stack.md).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic"]


def chromium_missing(executable: str | None = None) -> str | None:
    """Why Chromium (``executable``, by default :data:`CHROMIUM`) cannot be launched here (with
    how to install what is missing), or None."""
    executable = executable or CHROMIUM
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not (Path(executable).is_file() or shutil.which(executable)):
        return f"{executable} not found (sudo apt-get install -y chromium-headless-shell chromium)"
    return None


@contextlib.contextmanager
def launched_chromium(on_missing: Callable[[str], object] = unavailable,
                      executable: str | None = None) -> Iterator:
    """Start Playwright and headless Chromium (``executable``, by default :data:`CHROMIUM`, with
    :data:`CHROMIUM_ARGS`); yield the Browser; close both afterwards.  When they cannot start,
    ``on_missing(reason)`` is called first: by default the test is skipped (failed with
    ``CI=true``); a script passes ``sys.exit``.

    Playwright's sync API keeps an asyncio event loop running in this thread while
    it is open: code that calls ``asyncio.run()`` meanwhile must do so in another
    thread.
    """
    executable = executable or CHROMIUM
    if reason := chromium_missing(executable):
        on_missing(reason)
        raise RuntimeError(reason)   # an on_missing that returns
    from playwright.sync_api import sync_playwright

    executable = executable if Path(executable).is_file() else shutil.which(executable)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _GzipHandler(_QuietHandler):
    """Serve text files gzip-compressed when the client accepts it, as any real host
    (GitHub Pages, Netlify, nginx) does: Lighthouse's simulated slow 4G would otherwise
    measure the HTML, scripts and search index uncompressed.  Each file is compressed once."""

    TEXT = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt")

    @staticmethod
    @functools.lru_cache(maxsize=256)
    def _compressed(path: Path, mtime_ns: int) -> bytes:
        return gzip.compress(path.read_bytes(), mtime=0)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        if ("gzip" not in self.headers.get("Accept-Encoding", "")
                or not path.is_file() or path.suffix not in self.TEXT):
            return super().send_head()
        body = self._compressed(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def served(directory: Path, *, compressed: bool = False, handler=None,
           server_class=http.server.ThreadingHTTPServer) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (ephemeral port); yield its base URL ending in ``/``.

    ``compressed=True``: text files go out gzip-compressed to clients that accept it.
    ``handler``/``server_class``: another request handler or server class (e.g. one that
    adds a response header)."""
    handler = handler or (_GzipHandler if compressed else _QuietHandler)
    server = server_class(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class Watcher:
    """Record what a page does that it should not."""

    def __init__(self, page, base_url: str) -> None:
        self.origin = urlsplit(base_url).netloc
        self.problems: list[str] = []
        self.requested: set[str] = set()  # URL paths of the own-origin requests
        self._running: set = set()        # requests started and not yet finished or failed
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        # a request of a page left behind (e.g. its search worker's) may end without an event
        page.on("framenavigated", lambda f: f.parent_frame is None and self._running.clear())
        page.on("request", lambda r: self._running.add(r))
        page.on("requestfinished", lambda r: self._running.discard(r))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        # Block and report every request to another host: the site must be self-contained.
        page.route("**/*", self._route)

    def settle(self, page, timeout_s: float = 60) -> None:
        """Return once every request the page has started is finished or failed (what
        Playwright's "networkidle" waits 500 ms of quiet for); fail after ``timeout_s``."""
        for _ in range(int(timeout_s * 100)):
            if not self._running:
                return
            page.wait_for_timeout(10)  # lets Playwright deliver the requests' events
        raise AssertionError(f"requests still running after {timeout_s} s: "
                             + ", ".join(r.url for r in self._running))

    def _failed(self, request) -> None:
        self._running.discard(request)
        self.problems.append(f"failed request: {request.url} ({request.failure})")

    def _console(self, message) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _route(self, route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in ("data", "blob", "about") or url.netloc == self.origin:
            if url.netloc == self.origin:
                self.requested.add(url.path)
            route.continue_()
        else:
            self.problems.append(f"request outside the site: {route.request.url}")
            route.abort()
