"""Every page's download buttons point at the files scripts/build.sh makes.

``overrides/partials/actions.html`` puts two buttons on every page (``extra.downloads``): the
edition's PDF and the offline copy.  The files are made after the build (``scripts/pdf.py``,
``scripts/offline.py``; tests/test_pdf.py and tests/test_offline.py check them), so the links
gate leaves these two URLs out: here each page's two links must resolve, from the page's own
URL, to exactly where those scripts write (their ``BOOKS`` and ``ZIP``).
"""

from __future__ import annotations

import importlib.util
import re
from urllib.parse import urljoin

import pytest

from conftest import EDITIONS, ROOT, edition_pages


def _script(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_script", ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PDF, OFFLINE = _script("pdf"), _script("offline")
BUTTON = re.compile(r'<a href="(?P<href>[^"]+)" download title="(?P<title>[^"]+)"[^>]*data-download="(?P<kind>\w+)"')


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_links_its_pdf_and_the_offline_copy(site, edition_site, edition):
    root = edition_site(edition)
    folder, pdf = PDF.BOOKS[edition]
    expected = {"pdf": f"http://site/{folder + '/' if folder else ''}{pdf}",
                "offline": f"http://site/{OFFLINE.ZIP}"}
    pages = [p for p in edition_pages(root, edition) if p.name != "404.html"]
    assert len(pages) >= 19
    for page in pages:
        url = "http://site/" + page.relative_to(site).as_posix().removesuffix("index.html")
        buttons = {m["kind"]: m for m in BUTTON.finditer(page.read_text(encoding="utf-8"))}
        assert set(buttons) == {"pdf", "offline"}, f"{page}: {sorted(buttons)}"
        for kind, button in buttons.items():
            assert urljoin(url, button["href"]) == expected[kind], (page, kind, button["href"])
            assert button["title"].strip()
        if edition == "ko":
            assert "PDF" in buttons["pdf"]["title"] and re.search("[가-힣]", buttons["offline"]["title"])
