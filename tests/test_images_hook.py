"""hooks/images.py: every fetched image but a page's first one loads lazily."""

from __future__ import annotations

import doctest
import re

from conftest import hook

images = hook("images")


def test_docstring_examples():
    failed, tried = doctest.testmod(images)
    assert tried > 0 and failed == 0


def test_first_stays_eager_data_and_explicit_ones_are_kept():
    page = ('<img alt="1" src="a.svg"><img alt="2" src="data:image/png;base64,AA">'
            '<img alt="3" src="b.svg" loading="eager"><img alt="4" src="c.svg">')
    out = images.lazy_images(page)
    assert out == ('<img alt="1" src="a.svg"><img alt="2" src="data:image/png;base64,AA">'
                   '<img alt="3" src="b.svg" loading="eager"><img loading="lazy" alt="4" src="c.svg">')


def test_built_lesson_pages(site):
    pages = 0
    for html in sorted(site.glob("*/index.html")):
        article = html.read_text(encoding="utf-8")
        fetched = re.findall(r'<img\b(?![^>]*src="data:)[^>]*>', article)
        if len(fetched) < 2:
            continue
        pages += 1
        assert "loading=" not in fetched[0], html
        assert all('loading="lazy"' in img for img in fetched[1:]), html
    assert pages >= 5
