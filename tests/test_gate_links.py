"""Gate 2 (issue 7): no broken internal link or anchor anywhere in the built site.

``mkdocs build --strict`` checks links and anchors between Markdown pages, but not the
anchors of notebook pages, nor links that templates, hooks or nbconvert write.  This gate
runs LinkChecker (PyPI ``linkchecker``, pinned in the ``test`` extra) on the whole built
site, both editions, served on 127.0.0.1:

- every HTML page and stylesheet of the site is a start URL (so a page that nothing links
  to is checked too) and LinkChecker checks every link on it (``-r 1``): pages, notebook
  pages and their ``.ipynb`` downloads, figures, scripts, stylesheets, images;
- its AnchorCheck plugin checks that the ``#fragment`` of every such link exists in the
  target page (configuration: tests/linkcheckerrc, with what is skipped and why);
- links out of the site are never fetched, only syntax-checked, and listed
  (``pytest -s`` shows them).

A failure lists each broken URL with the page (and line) where LinkChecker first met it.
``test_linkchecker_finds_planted_faults`` shows that broken links, broken anchors and
missing images make the check fail.

Speed.  Stock AnchorCheck fetches and parses a page again for every link with a
``#fragment`` into it: ~330 such links here, into pages of up to 1.2 MB, cost ~65 s of
CPU.  So LinkChecker runs with each page's anchors collected once
(:func:`anchors_once_per_page`: ~17 s of CPU, same findings; every link is still
fetched), in two processes of one thread each: its threads share one interpreter lock,
and the machine has two cores.  The planted-fault test runs LinkChecker's own AnchorCheck
too and expects the same findings.

Every link with a fragment has its anchor checked, whatever the order or timing.
LinkChecker checks anchors only while its AnchorCheck plugin is enabled and loaded, and
only then keys its URL queue and result cache by the URL *with* its fragment
(linkcheck/checker/urlbase.py ``set_cache_url``).  Without the plugin it keys them by the
page, so ``page/#nowhere`` is dropped as a repeat of ``page/`` (linkcheck/cache/urlqueue.py
``_put``), and a plugin module that fails to import is only a "WARN" line on stdout
(linkcheck/loader.py): the run finds every planted fault but the broken anchors and exits
as usual.  So LinkChecker runs through :func:`gate_linkchecker`, which refuses to start
without AnchorCheck, marks each URL whose anchor was checked, and keeps LinkChecker's main
thread from emptying the queue when, after 30 s, it finds its checker thread between two
URLs (linkcheck/director/__init__.py ``check_url``).  The test fails on a fetched link with
a fragment and no mark, and on a link with a fragment (found in the pages here, without
LinkChecker) that got no row at all.

Any machine: LinkChecker's messages are read in English (``LANGUAGE=C``; it has German,
French, Spanish and Dutch ones), the server is reached without the machine's proxy
(``no_proxy``), the server's types for ``.html`` and ``.css`` do not come from
/etc/mime.types, and LinkChecker started as root keeps its user (it would switch to
"nobody").
"""

from __future__ import annotations

import configparser
import csv
import html.parser
import http.server
import io
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest

from mlp_devtools.browser import served

LINKCHECKERRC = Path(__file__).with_name("linkcheckerrc")
#: LinkChecker processes run side by side (one per core of this machine).
PROCESSES = 2
TIMEOUT = 600  # seconds, for one LinkChecker run
#: What :func:`gate_linkchecker` adds to the info of every URL whose anchor it checked.
ANCHOR_CHECKED = "gate: anchor checked"
#: Exit status of :func:`gate_linkchecker` when it refuses to run (LinkChecker's own: 0-2).
REFUSED = 3
#: ``python tests/test_gate_links.py STOCK_FLAG ...``: LinkChecker's own AnchorCheck.check.
STOCK_FLAG = "--stock-anchor-check"


def anchors_once_per_page() -> None:
    """Make LinkChecker's AnchorCheck collect each page's anchors once, not once per link.

    Stock ``AnchorCheck.check`` (linkcheck/plugins/anchorcheck.py, LinkChecker 10.6.0)
    parses the target page for every checked URL with a fragment.  This replacement does
    what it does — the same anchors (``linkparse.find_links`` with ``AnchorTags``), the
    same verdict and message (``UrlAnchorCheck.check_anchor``) — and remembers each
    page's anchors by its URL.  Each such URL is still fetched and its status checked;
    the served site is static, so a page's anchors are the same at every fetch.
    """
    from linkcheck.htmlutil import linkparse
    from linkcheck.plugins import anchorcheck

    anchors_of: dict[str, list] = {}
    lock = threading.Lock()

    def check(self, url_data) -> None:
        page = urldefrag(url_data.url).url
        with lock:
            anchors = anchors_of.get(page)
        if anchors is None:
            collected = anchorcheck.UrlAnchorCheck()
            linkparse.find_links(url_data.get_soup(), collected.add_anchor,
                                 linkparse.AnchorTags)
            anchors = collected.anchors
            with lock:
                anchors_of[page] = anchors
        verdict = anchorcheck.UrlAnchorCheck()
        verdict.anchors = anchors
        verdict.check_anchor(url_data)

    anchorcheck.AnchorCheck.check = check


def mark_anchor_checks() -> None:
    """Add :data:`ANCHOR_CHECKED` to the info (CSV ``infostring``) of every URL whose
    anchor ``AnchorCheck.check`` checked: the test can then tell a link whose anchor was
    checked and found from one whose anchor was never looked at."""
    from linkcheck.plugins import anchorcheck

    check = anchorcheck.AnchorCheck.check

    def marked(self, url_data) -> None:
        check(self, url_data)
        url_data.add_info(ANCHOR_CHECKED)

    anchorcheck.AnchorCheck.check = marked


def require_anchor_check() -> None:
    """Refuse (exit :data:`REFUSED`) to check with AnchorCheck not enabled or not loaded.

    Enabled: ``[AnchorCheck]`` is in the configuration and its module imported (a failed
    import is only printed, linkcheck/loader.py); only then are URLs queued and cached
    with their fragment.  Loaded: the plugin manager holds it, so it runs.
    """
    from linkcheck.command import linkchecker as command
    from linkcheck.plugins import anchorcheck

    check_urls = command.check_urls

    def checked(aggregate) -> None:
        enabled = "AnchorCheck" in aggregate.config["enabledplugins"]
        loaded = any(isinstance(plugin, anchorcheck.AnchorCheck)
                     for plugin in aggregate.plugin_manager.content_plugins)
        if not (enabled and loaded):
            print(f"gate: LinkChecker would run without its AnchorCheck plugin (enabled: "
                  f"{enabled}, loaded: {loaded}); no anchor would be checked", file=sys.stderr)
            sys.exit(REFUSED)
        check_urls(aggregate)

    command.check_urls = checked


def wait_for_queue(aggregate) -> None:
    """LinkChecker's main thread: wait until every queued URL is checked, as long as a
    checker thread is alive.

    Replaces ``linkcheck.director.check_url``, which waits 30 s at a time and then stops
    if no thread is *named* ``CheckThread-...``: a checker thread has that name only
    while it checks a URL, so at a 30 s mark falling between two URLs (a run over 30 s: a
    loaded machine) LinkChecker empties the queue and reports the rest of it as nothing.
    """
    from linkcheck.cache import urlqueue
    from linkcheck.director import checker

    while True:
        try:
            aggregate.urlqueue.join(timeout=30)
            return
        except urlqueue.Timeout:
            aggregate.remove_stopped_threads()  # keeps the threads still alive
            if not any(isinstance(t, checker.Checker) for t in aggregate.threads):
                return  # every checker thread died: LinkChecker reports its errors


def gate_linkchecker(stock_anchor_check: bool = False) -> None:
    """LinkChecker's command (arguments from ``sys.argv``), as the gate runs it.

    With :func:`require_anchor_check`, :func:`mark_anchor_checks` and :func:`wait_for_queue`;
    with :func:`anchors_once_per_page` unless ``stock_anchor_check``.  LinkChecker started
    as root switches to the user "nobody" (which may not exist); here it checks as whoever
    runs the test: the same checks on any machine.
    """
    from linkcheck import director
    from linkcheck.command import linkchecker as command

    if not stock_anchor_check:
        anchors_once_per_page()
    mark_anchor_checks()
    require_anchor_check()
    director.check_url = wait_for_queue
    command.drop_privileges = lambda: None
    command.linkchecker()


@dataclass(frozen=True)
class Checked:
    """One row of LinkChecker's CSV output: a URL and what checking it gave."""

    url: str
    parent: str    # the page the link was found on ("" for a start URL)
    line: str      # line of the link in that page
    result: str    # "200 OK", "404 File not found", "filtered" (not checked), ...
    warning: str   # e.g. "Anchor `x' (decoded: `x') not found. Available anchors: ..."
    info: str      # holds ANCHOR_CHECKED if AnchorCheck checked this URL's anchor
    valid: bool

    @property
    def anchor_unchecked(self) -> bool:
        """Fetched, with a fragment, but its anchor was not checked (e.g. not an HTML page)."""
        return (self.valid and self.result.startswith("200") and bool(urlsplit(self.url).fragment)
                and ANCHOR_CHECKED not in self.info)

    @property
    def broken(self) -> bool:
        return not self.valid or bool(self.warning) or self.anchor_unchecked

    @property
    def outside(self) -> bool:
        """A link out of the site: syntax-checked only (tests/linkcheckerrc)."""
        return self.result == "filtered" and urlsplit(self.url).hostname != "127.0.0.1"

    def __str__(self) -> str:
        problem = (self.warning.split(" Available anchors:")[0]
                   or (f"anchor not checked ({self.result})" if self.anchor_unchecked else "")
                   or self.result)
        where = f"on {self.parent} line {self.line}" if self.parent else "start URL"
        return f"{self.url}\n    {where}: {problem}"


def parse_csv(text: str) -> list[Checked]:
    """LinkChecker's ``-o csv`` output (``;``-separated, ``#`` comment lines around it)."""
    csv.field_size_limit(1 << 30)  # a notebook's plot is a data: URL of ~100 KB
    body = text[text.index("urlname;"):]
    rows = [row for row in csv.reader(io.StringIO(body), delimiter=";")
            if not (len(row) == 1 and row[0].startswith("#"))]
    column = {name: i for i, name in enumerate(rows[0])}
    return [Checked(row[column["url"]], row[column["parentname"]], row[column["line"]],
                    row[column["result"]], row[column["warningstring"]],
                    row[column["infostring"]], row[column["valid"]] == "True")
            for row in rows[1:]]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, plus the response header that lifts LinkChecker's rate limit."""

    # The types LinkChecker parses, not looked up in the machine's /etc/mime.types.
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".html": "text/html", ".css": "text/css"}

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """Quiet when LinkChecker hangs up early (it reads only what it needs)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def start_files(site: Path) -> list[Path]:
    """Every HTML page and stylesheet of the site."""
    return sorted(p for p in site.rglob("*") if p.suffix in (".html", ".css"))


def url_of(path: Path, site: Path, base_url: str) -> str:
    return base_url + path.relative_to(site).as_posix().removesuffix("index.html")


def split_by_size(paths: list[Path], parts: int) -> list[list[Path]]:
    """``paths`` in at most ``parts`` groups of about equal total size (what parsing costs)."""
    groups: list[list[Path]] = [[] for _ in range(parts)]
    sizes = [0] * parts
    for path in sorted(paths, key=lambda p: p.stat().st_size, reverse=True):
        smallest = sizes.index(min(sizes))
        groups[smallest].append(path)
        sizes[smallest] += path.stat().st_size
    return [group for group in groups if group]


class _FragmentLinks(html.parser.HTMLParser):
    """The ``href`` of every ``<a>`` and ``<area>`` of a page that has a fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        href = dict(attrs).get("href") if tag in ("a", "area") else None
        if href and urlsplit(href.strip()).fragment:
            self.hrefs.append(href.strip())


def ignored_patterns(config: Path) -> list[re.Pattern]:
    """The ``ignore`` patterns of LinkChecker's configuration (checked for syntax only)."""
    parser = configparser.RawConfigParser()
    parser.read(config, encoding="utf-8")
    return [re.compile(line.strip()) for line in parser.get("filtering", "ignore").splitlines()
            if line.strip()]


def anchor_key(url: str) -> tuple[str, str]:
    """A link with a fragment as (page, anchor), percent-decoded: the same for LinkChecker's
    normalised URL and the page's ``href``."""
    page, fragment = urldefrag(url)
    return unquote(page), unquote(fragment)


def fragment_links(site: Path, start_urls: list[str], base_url: str,
                   config: Path) -> dict[tuple[str, str], str]:
    """Each in-site link with a fragment on the HTML start pages, found without LinkChecker:
    (page, anchor) → the page it is on.  What LinkChecker only syntax-checks is left out."""
    ignored = ignored_patterns(config)
    links: dict[tuple[str, str], str] = {}
    for start in start_urls:
        path = site / unquote(urlsplit(start).path.removeprefix(urlsplit(base_url).path))
        path = path / "index.html" if start.endswith("/") else path
        if path.suffix != ".html":
            continue
        parser = _FragmentLinks()
        parser.feed(path.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            url = urljoin(start, href)
            if url.startswith(base_url) and not any(p.search(url) for p in ignored):
                links.setdefault(anchor_key(url), start)
    return links


@dataclass
class Report:
    base_url: str
    start_urls: list[str]
    rows: list[Checked]
    seconds: float
    fragment_links: dict[tuple[str, str], str]  # see fragment_links()

    def problems(self) -> list[str]:
        """Each broken URL once, with the page it is on."""
        first: dict[str, Checked] = {}
        for row in self.rows:
            if row.broken:
                first.setdefault(row.url, row)
        return [str(row) for _, row in sorted(first.items())]

    def anchors_checked(self) -> set[tuple[str, str]]:
        """(page, anchor) of every link whose anchor AnchorCheck checked."""
        return {anchor_key(row.url) for row in self.rows if ANCHOR_CHECKED in row.info}

    def anchors_unreached(self) -> dict[tuple[str, str], str]:
        """The links with a fragment on the start pages that got no row in LinkChecker's
        report (a row fetched without AnchorCheck's mark is one of :meth:`problems`)."""
        reached = {anchor_key(row.url) for row in self.rows}
        return {key: on for key, on in sorted(self.fragment_links.items()) if key not in reached}

    def anchors_not_checked(self) -> list[str]:
        """:meth:`anchors_unreached`, each with the page it is on."""
        return [f"{page}#{anchor}\n    on {on}"
                for (page, anchor), on in self.anchors_unreached().items()]


def check_site(site: Path, processes: int = PROCESSES, stock: bool = False, *,
               config: Path = LINKCHECKERRC, start: list[str] | None = None,
               bare: bool = False) -> Report:
    """Serve ``site`` and run LinkChecker on every page and stylesheet of it.

    ``stock``: with LinkChecker's own AnchorCheck.check, not :func:`anchors_once_per_page`.
    ``start``: these start URLs (relative to the site), in this order, in one process.
    ``bare``: LinkChecker's command as installed, without :func:`gate_linkchecker`.
    """
    if bare:
        command = [sys.executable, "-m", "linkcheck"]
    else:
        command = [sys.executable, __file__, *([STOCK_FLAG] if stock else [])]
    # LinkChecker's messages (e.g. "filtered", "Anchor ... not found") in English, and the
    # served site reached directly, not through a proxy set for this machine ($http_proxy)
    bypass = ",".join(filter(None, ["127.0.0.1", os.environ.get("no_proxy")]))
    environment = {**os.environ, "LANGUAGE": "C", "no_proxy": bypass, "NO_PROXY": bypass}
    # not conftest's base_url: LinkChecker needs the `LinkChecker` response header
    # (see tests/linkcheckerrc) to check ~450 URLs without pausing between requests
    with served(site, handler=_Handler, server_class=_Server) as base_url:
        if start is None:
            groups = [[url_of(path, site, base_url) for path in group]
                      for group in split_by_size(start_files(site), processes)]
        else:
            groups = [[base_url + url for url in start]]
        started = time.perf_counter()
        running = [subprocess.Popen(
            [*command, "--config", str(config), "--recursion-level", "1",
             "--no-robots", "--no-status", "--verbose", "--output", "csv/utf-8", *group],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
            env=environment)
            for group in groups]
        outputs = [process.communicate(timeout=TIMEOUT) for process in running]
        seconds = time.perf_counter() - started
    rows = []
    for process, (stdout, stderr) in zip(running, outputs):
        # exit status: 0 all good, 1 broken links or warnings, 2 LinkChecker itself failed,
        # REFUSED gate_linkchecker refused to run
        if process.returncode not in (0, 1) or "urlname;" not in stdout:
            pytest.fail(f"LinkChecker failed (exit {process.returncode}):\n{stderr}",
                        pytrace=False)
        rows += parse_csv(stdout)
    start_urls = [url for group in groups for url in group]
    return Report(base_url, start_urls, rows, seconds,
                  fragment_links(site, start_urls, base_url, config))


# --- the gate ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def report(site) -> Report:
    return check_site(site)


def test_no_broken_link_or_anchor(report):
    outside = sorted({row.url for row in report.rows if row.outside})
    print(f"\nLinkChecker: {len(report.start_urls)} pages and stylesheets, "
          f"{len(report.rows)} URLs, {len(report.anchors_checked())} anchors, "
          f"{report.seconds:.1f} s; links out of the site (not fetched): {len(outside)}",
          *outside, sep="\n  ")
    found = report.problems()
    if found:
        pytest.fail(f"{len(found)} broken links or anchors in the built site:\n"
                    + "\n".join(found), pytrace=False)


def test_every_page_notebook_and_figure_was_checked(report, site):
    """The check reached what it is meant to check (not, say, everything filtered out)."""
    fetched = {urldefrag(row.url).url for row in report.rows
               if row.valid and row.result.startswith("200")}
    missing = [url for url in report.start_urls if url not in fetched]
    assert not missing, "start URLs not checked:\n" + "\n".join(missing)
    linked = sorted(p for p in site.rglob("*") if p.suffix == ".ipynb"
                    or (p.suffix == ".svg" and "figures" in p.relative_to(site).parts))
    assert len(linked) > 20, f"expected the notebooks and figures in {site}"
    unchecked = [p.relative_to(site).as_posix() for p in linked
                 if url_of(p, site, report.base_url) not in fetched]
    assert not unchecked, ("notebooks or figures that no page links to:\n"
                           + "\n".join(unchecked))


def test_every_link_with_a_fragment_had_its_anchor_checked(report):
    """Each in-site link with a ``#fragment`` on any page (found here without LinkChecker)
    has a row in LinkChecker's report, and each fetched one carries AnchorCheck's mark."""
    assert len(report.fragment_links) > 100, "expected the site's links with a fragment"
    not_checked = report.anchors_not_checked()
    assert not not_checked, "links whose anchor was not checked:\n" + "\n".join(not_checked)
    checked = report.anchors_checked()
    assert len(checked) > 100, f"only {len(checked)} anchors were checked"
    assert set(report.fragment_links) <= checked | {
        anchor_key(row.url) for row in report.rows if not row.valid}


# --- the check can fail --------------------------------------------------------------

PLANTED_INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Index</title>
<link rel="stylesheet" href="style.css"></head>
<body>
<h1 id="top">Index</h1>
<p><a href="#top">fine: an anchor on this page</a></p>
<p><a href="page/">fine: another page</a></p>
<p><a href="page/#there">fine: an anchor on another page</a></p>
<p><a href="#__codelineno-0-1">skipped: a code-line anchor</a></p>
<p><a href="https://example.invalid/">outside: listed, never fetched</a></p>
<p><a href="missing/">BROKEN LINK</a></p>
<p><a href="page/#nowhere">BROKEN ANCHOR on another page</a></p>
<p><a href="#absent">BROKEN ANCHOR on this page</a></p>
<p><img src="figures/missing.svg" alt="BROKEN IMAGE"></p>
</body></html>
"""
#: Over 1 MiB, as a notebook page with its plots is (see maxfilesizeparse in linkcheckerrc).
PLANTED_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Page</title></head>
<body><h1 id="there">Page</h1><p>{"A long page. " * 90_000}</p>
<a href="../#top">back</a> <a href="../gone/">BROKEN LINK on a 1.2 MB page</a></body></html>
"""
#: PLANTED_PAGE without its 1.2 MB of text (the same links and anchors; quicker to parse).
SMALL_PAGE = PLANTED_PAGE.replace("A long page. " * 90_000, "A short page.")
PLANTED_FAULTS = {"missing/", "page/#nowhere", "#absent", "figures/missing.svg", "missing.png",
                  "gone/"}
#: The links with a fragment on the two pages, as (page, anchor) relative to the site.
PLANTED_ANCHORS = {("", "top"), ("page/", "there"), ("page/", "nowhere"), ("", "absent")}


def plant(folder: Path, index: str = PLANTED_INDEX, page: str = PLANTED_PAGE) -> Path:
    """A two-page site with broken links, broken anchors and missing images."""
    (folder / "page").mkdir(parents=True)
    (folder / "index.html").write_text(index, encoding="utf-8")
    (folder / "page" / "index.html").write_text(page, encoding="utf-8")
    (folder / "style.css").write_text("body { background: url(missing.png); }\n")
    return folder


def relative_anchors(report: Report, keys) -> set[tuple[str, str]]:
    return {(page.removeprefix(report.base_url), anchor) for page, anchor in keys}


@pytest.mark.parametrize("stock", [False, True], ids=["anchors-once-per-page", "stock"])
def test_linkchecker_finds_planted_faults(tmp_path, stock):
    report = check_site(plant(tmp_path), stock=stock)
    base = report.base_url
    broken = {row.url.removeprefix(base) for row in report.rows if row.broken}
    assert broken == PLANTED_FAULTS, report.problems()
    assert {row.url for row in report.rows if row.outside} == {"https://example.invalid/"}
    message = "\n".join(report.problems())
    assert f"{base}missing/\n    on {base} line 11: 404 File not found" in message, message
    assert f"{base}page/#nowhere\n    on {base} line 12: Anchor `nowhere'" in message, message
    assert relative_anchors(report, report.fragment_links) == PLANTED_ANCHORS
    assert relative_anchors(report, report.anchors_checked()) == PLANTED_ANCHORS
    assert not report.anchors_not_checked()


#: PLANTED_INDEX with the links to page/ and its anchors in the other order.
PLANTED_INDEX_ANCHORS_FIRST = (PLANTED_INDEX
                               .replace('<p><a href="page/">fine: another page</a></p>\n', "")
                               .replace("</body>", '<p><a href="page/">fine: another page</a></p>\n</body>'))


@pytest.mark.parametrize("stock", [False, True], ids=["anchors-once-per-page", "stock"])
@pytest.mark.parametrize("order", ["page-first", "anchors-first"])
def test_every_anchor_is_checked_whatever_the_order(tmp_path, stock, order):
    """One LinkChecker process with one thread checks its queue in a fixed order: the start
    URLs, then the links of each in turn.  ``page-first``: ``page/`` is the first start URL,
    checked before ``page/#there`` and ``page/#nowhere``; ``anchors-first``: it is not a
    start URL, and the index links to its anchors before it, so they are checked before the
    page is.  Each anchor is checked either way, with LinkChecker's AnchorCheck and ours."""
    if order == "page-first":
        site = plant(tmp_path, page=SMALL_PAGE)
        start, faults = ["page/", "", "style.css"], PLANTED_FAULTS
    else:  # page/ is not parsed for links then: its broken link gone/ is not met
        site = plant(tmp_path, PLANTED_INDEX_ANCHORS_FIRST, SMALL_PAGE)
        start, faults = ["", "style.css"], PLANTED_FAULTS - {"gone/"}
    report = check_site(site, stock=stock, start=start)
    order_checked = [row.url.removeprefix(report.base_url) for row in report.rows]
    page_before_anchors = order_checked.index("page/") < order_checked.index("page/#nowhere")
    assert page_before_anchors == (order == "page-first"), order_checked
    broken = {row.url.removeprefix(report.base_url) for row in report.rows if row.broken}
    assert broken == faults, report.problems()
    assert relative_anchors(report, report.anchors_checked()) == PLANTED_ANCHORS
    assert not report.anchors_not_checked()


def test_without_anchorcheck_linkchecker_misses_broken_anchors_so_the_gate_refuses(tmp_path):
    """LinkChecker without its AnchorCheck plugin (not configured, or its module failed to
    import) keys its URLs without the fragment: ``page/#nowhere`` and ``#absent`` are
    dropped as repeats of ``page/`` and the index, and every other planted fault is found:
    a plausible report with the broken anchors missing.  The gate refuses such a run."""
    site = plant(tmp_path / "site", page=SMALL_PAGE)
    config = tmp_path / "linkcheckerrc"
    config.write_text(re.sub(r"^\[AnchorCheck\]$", "", LINKCHECKERRC.read_text(encoding="utf-8"),
                             flags=re.MULTILINE), encoding="utf-8")
    bare = check_site(site, config=config, bare=True)
    reported = {row.url.removeprefix(bare.base_url) for row in bare.rows
                if not row.valid or row.warning}  # LinkChecker's own verdict
    assert reported == PLANTED_FAULTS - {"page/#nowhere", "#absent"}, bare.problems()
    # the gate's cross-check would notice: these links got no row at all
    assert relative_anchors(bare, bare.anchors_unreached()) >= {("page/", "nowhere"), ("", "absent")}
    with pytest.raises(pytest.fail.Exception, match="without its AnchorCheck plugin"):
        check_site(site, config=config)


def test_main_thread_waits_while_the_checker_thread_is_between_two_urls():
    """At a 30 s mark (forced here: the first wait times out) LinkChecker's own main loop
    stops if its checker thread is not named ``CheckThread-...`` at that moment, i.e.
    between two URLs; :func:`wait_for_queue` waits on while a checker thread is alive."""
    from linkcheck import director
    from linkcheck.cache import urlqueue
    from linkcheck.director import checker

    done = threading.Event()

    class IdleChecker(checker.Checker):
        """A live checker thread between two URLs (its name is not "CheckThread-...")."""

        def run(self) -> None:
            done.wait()

    class Queue:
        def __init__(self) -> None:
            self.waits = 0

        def join(self, timeout=None) -> None:
            self.waits += 1
            if self.waits == 1:
                raise urlqueue.Timeout()  # the 30 s mark, with URLs still queued

    class Aggregate:
        def __init__(self) -> None:
            self.urlqueue = Queue()
            self.threads = [IdleChecker(self.urlqueue, None, None)]

        def remove_stopped_threads(self) -> None:
            self.threads = [t for t in self.threads if t.is_alive()]

        def get_check_threads(self):
            return (t.name for t in self.threads if t.name.startswith("CheckThread-"))

    stock, ours = Aggregate(), Aggregate()
    for aggregate in (stock, ours):
        aggregate.threads[0].start()
    try:
        director.check_url(stock)
        assert stock.urlqueue.waits == 1, "LinkChecker's own loop should give up here"
        wait_for_queue(ours)
        assert ours.urlqueue.waits == 2, "the gate's loop should wait for the queue again"
    finally:
        done.set()
        for aggregate in (stock, ours):
            aggregate.threads[0].join()


if __name__ == "__main__":
    # python tests/test_gate_links.py [--stock-anchor-check] ARGS: LinkChecker's command
    stock_anchor_check = sys.argv[1:2] == [STOCK_FLAG]
    if stock_anchor_check:
        del sys.argv[1]
    gate_linkchecker(stock_anchor_check)
