"""HTML pass (page_html.py): on notebook pages, the table of contents' links reach their headings.

mkdocs-jupyter 0.26.3 names a notebook's headings with its own slug, which keeps ASCII
only (a Korean heading gets ``id=""``) and keeps code (``The chapter's `test()```), but
builds the page's table of contents with Python-Markdown's default slug, which gives
``_1``, ``_2``, ... for a Korean heading and drops code.  The two disagree, so the
contents' links, Material's "skip to content" link and any link to a notebook section
missed their heading (tests/test_gate_links.py found them).

This hook names each heading of a notebook page, in page order, with the site's own slug
(the ``toc`` extension's ``slugify`` in mkdocs.yml, the one Markdown pages get: Hangul
kept) and gives the table of contents the same names.
"""

from __future__ import annotations

import html
import re

from markdown.extensions.toc import slugify as default_slugify
from markdown.extensions.toc import unique
from mkdocs.exceptions import PluginError

#: A Markdown cell's heading as mkdocs-jupyter writes it, with its "¶" permalink.
_HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)">(?P<text>.*?)'
    r'<a class="anchor-link" href="#(?P=id)">¶</a></h(?P=level)>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _flat(toc) -> list:
    """The table of contents' entries in page order."""
    entries = []
    for entry in toc:
        entries.append(entry)
        entries.extend(_flat(entry.children))
    return entries


def on_page_content(html_content, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return html_content
    slugify = config.mdx_configs.get("toc", {}).get("slugify", default_slugify)
    entries = _flat(page.toc)
    headings = list(_HEADING.finditer(html_content))
    if [e.level for e in entries] != [int(h["level"]) for h in headings]:
        raise PluginError(
            f"{page.file.src_uri}: the table of contents ({[e.title for e in entries]}) "
            f"does not match the page's headings ({[h['text'] for h in headings]})")
    used: set[str] = set()
    parts, end = [], 0
    for entry, heading in zip(entries, headings):
        text = " ".join(html.unescape(_TAG.sub("", heading["text"])).split())
        entry.id = unique(slugify(text, "-"), used)  # "_1", "_2" appended to a repeat
        parts += [html_content[end:heading.start()],
                  f'<h{heading["level"]} id="{entry.id}">{heading["text"]}'
                  f'<a class="anchor-link" href="#{entry.id}">¶</a></h{heading["level"]}>']
        end = heading.end()
    return "".join(parts) + html_content[end:]
