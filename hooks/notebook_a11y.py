"""HTML pass (page_html.py): notebook pages made accessible — plot alt text.

nbconvert (through mkdocs-jupyter) gives every image output the placeholder alt
``No description has been provided for this image``: a screen reader announces
that, and it tells the reader nothing.  This hook replaces the placeholder, on
notebook pages only, with a text taken from the notebook itself:

1. the plot's title in the code cell that drew it (``plt.title("...")``,
   ``ax.set_title("...")``, ``fig.suptitle("...")``), if the cell sets one;
2. otherwise the nearest heading above the image (the section it illustrates).

The result reads "그림: 계단 함수" (Korean edition) or "Figure: Step function"
(English edition, ``extra.edition: en``); a second figure under the same text
gets "(2)", and so on.  Nothing is invented: the words are the notebook's own.

(Code cells and outputs that scroll sideways: hooks/scroll_boxes.py.)
"""

from __future__ import annotations

import html
import re

PLACEHOLDER = "No description has been provided for this image"
PREFIX = {"ko": "그림: ", "en": "Figure: "}

#: In page order: a heading, a code cell's plain source (mkdocs-jupyter's copy-button
#: text), or an image with the placeholder alt.
_TOKEN = re.compile(
    r'<h(?P<level>[1-6])\b[^>]*>(?P<heading>.*?)</h(?P=level)>'
    r'|<div class="clipboard-copy-txt"[^>]*>(?P<code>.*?)</div>'
    r'|<img\b[^>]*\balt="' + re.escape(PLACEHOLDER) + r'"',
    re.DOTALL)
_TITLE = re.compile(r'(?:\.title|\.set_title|\.suptitle)\(\s*[rfbu]*(["\'])(?P<title>.+?)\1')
_TAG = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    """Plain text of an HTML fragment, without the permalink sign and math delimiters."""
    text = html.unescape(_TAG.sub("", fragment)).replace("¶", "")
    text = re.sub(r"\\[()\[\]]", "", text)
    return " ".join(text.split())


def describe(content: str, edition: str = "ko") -> str:
    """Replace each placeholder alt in ``content`` (a notebook page's HTML).

    >>> page = ('<h2>계단 함수</h2><div class="clipboard-copy-txt">plt.title("계단 함수")</div>'
    ...         '<img alt="No description has been provided for this image" src="a.png"/>'
    ...         '<h2>정리</h2><div class="clipboard-copy-txt">display(fig)</div>'
    ...         '<img alt="No description has been provided for this image" src="b.png"/>')
    >>> re.findall(r'alt="([^"]*)"', describe(page))
    ['그림: 계단 함수', '그림: 정리']
    """
    prefix = PREFIX.get(edition, PREFIX["en"])
    heading = ""
    code = ""
    seen: dict[str, int] = {}

    def replace(match: re.Match) -> str:
        nonlocal heading, code
        if match.group("heading") is not None:
            heading = _text(match.group("heading"))
            code = ""  # a new section: an older cell's title no longer applies
            return match.group(0)
        if match.group("code") is not None:
            code = html.unescape(match.group("code"))
            return match.group(0)
        found = _TITLE.search(code)
        subject = found.group("title") if found else heading
        if not subject:
            return match.group(0)  # nothing honest to say: leave it for the tests to report
        alt = prefix + subject
        seen[alt] = seen.get(alt, 0) + 1
        if seen[alt] > 1:
            alt += f" ({seen[alt]})"
        return match.group(0).replace(f'alt="{PLACEHOLDER}"', f'alt="{html.escape(alt)}"')

    return _TOKEN.sub(replace, content)


def on_page_content(html_content, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return html_content
    return describe(html_content, config.extra.get("edition", "ko"))
