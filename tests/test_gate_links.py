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
and the machine has two cores.  The planted-fault test runs stock LinkChecker too and
expects the same findings.
"""

from __future__ import annotations

import csv
import http.server
import io
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from browser_support import served

LINKCHECKERRC = Path(__file__).with_name("linkcheckerrc")
#: LinkChecker processes run side by side (one per core of this machine).
PROCESSES = 2
TIMEOUT = 600  # seconds, for one LinkChecker run


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


@dataclass(frozen=True)
class Checked:
    """One row of LinkChecker's CSV output: a URL and what checking it gave."""

    url: str
    parent: str    # the page the link was found on ("" for a start URL)
    line: str      # line of the link in that page
    result: str    # "200 OK", "404 File not found", "filtered" (not checked), ...
    warning: str   # e.g. "Anchor `x' (decoded: `x') not found. Available anchors: ..."
    valid: bool

    @property
    def broken(self) -> bool:
        return not self.valid or bool(self.warning)

    @property
    def outside(self) -> bool:
        """A link out of the site: syntax-checked only (tests/linkcheckerrc)."""
        return self.result == "filtered" and urlsplit(self.url).hostname != "127.0.0.1"

    def __str__(self) -> str:
        problem = self.warning.split(" Available anchors:")[0] or self.result
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
                    row[column["valid"]] == "True")
            for row in rows[1:]]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, plus the response header that lifts LinkChecker's rate limit."""

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


@dataclass
class Report:
    base_url: str
    start_urls: list[str]
    rows: list[Checked]
    seconds: float

    def problems(self) -> list[str]:
        """Each broken URL once, with the page it is on."""
        first: dict[str, Checked] = {}
        for row in self.rows:
            if row.broken:
                first.setdefault(row.url, row)
        return [str(row) for _, row in sorted(first.items())]


def check_site(site: Path, processes: int = PROCESSES, stock: bool = False) -> Report:
    """Serve ``site`` and run LinkChecker on every page and stylesheet of it.

    ``stock``: LinkChecker's own command, without :func:`anchors_once_per_page`.
    """
    command = [sys.executable, "-m", "linkcheck"] if stock else [sys.executable, __file__]
    # not conftest's base_url: LinkChecker needs the `LinkChecker` response header
    # (see tests/linkcheckerrc) to check ~450 URLs without pausing between requests
    with served(site, handler=_Handler, server_class=_Server) as base_url:
        groups = split_by_size(start_files(site), processes)
        started = time.perf_counter()
        running = [subprocess.Popen(
            [*command, "--config", str(LINKCHECKERRC), "--recursion-level", "1",
             "--no-robots", "--no-status", "--verbose", "--output", "csv/utf-8",
             *(url_of(path, site, base_url) for path in group)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
            for group in groups]
        outputs = [process.communicate(timeout=TIMEOUT) for process in running]
        seconds = time.perf_counter() - started
    rows = []
    for process, (stdout, stderr) in zip(running, outputs):
        # exit status: 0 all good, 1 broken links or warnings, 2 LinkChecker itself failed
        if process.returncode not in (0, 1) or "urlname;" not in stdout:
            pytest.fail(f"LinkChecker failed (exit {process.returncode}):\n{stderr}",
                        pytrace=False)
        rows += parse_csv(stdout)
    start_urls = [url_of(path, site, base_url) for group in groups for path in group]
    return Report(base_url, start_urls, rows, seconds)


# --- the gate ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def report(site) -> Report:
    return check_site(site)


def test_no_broken_link_or_anchor(report):
    outside = sorted({row.url for row in report.rows if row.outside})
    print(f"\nLinkChecker: {len(report.start_urls)} pages and stylesheets, "
          f"{len(report.rows)} URLs, {report.seconds:.1f} s; links out of the site "
          f"(not fetched): {len(outside)}", *outside, sep="\n  ")
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
    anchored = [row for row in report.rows if "#" in row.url and row.result.startswith("200")]
    assert len(anchored) > 100, f"only {len(anchored)} links with an anchor were checked"


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


@pytest.mark.parametrize("stock", [False, True], ids=["anchors-once-per-page", "stock"])
def test_linkchecker_finds_planted_faults(tmp_path, stock):
    """A two-page site with broken links, broken anchors and missing images."""
    (tmp_path / "page").mkdir()
    (tmp_path / "index.html").write_text(PLANTED_INDEX, encoding="utf-8")
    (tmp_path / "page" / "index.html").write_text(PLANTED_PAGE, encoding="utf-8")
    (tmp_path / "style.css").write_text("body { background: url(missing.png); }\n")
    report = check_site(tmp_path, stock=stock)
    base = report.base_url
    broken = {row.url.removeprefix(base) for row in report.rows if row.broken}
    assert broken == {"missing/", "page/#nowhere", "#absent", "figures/missing.svg",
                      "missing.png", "gone/"}, report.problems()
    assert {row.url for row in report.rows if row.outside} == {"https://example.invalid/"}
    message = "\n".join(report.problems())
    assert f"{base}missing/\n    on {base} line 11: 404 File not found" in message, message
    assert f"{base}page/#nowhere\n    on {base} line 12: Anchor `nowhere'" in message, message


if __name__ == "__main__":
    # python tests/test_gate_links.py ARGS: LinkChecker's command, anchors once per page
    anchors_once_per_page()
    from linkcheck.command.linkchecker import linkchecker
    linkchecker()
