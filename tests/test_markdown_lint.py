"""Markdown slips that still build: a paragraph glued to a table becomes table rows."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([*ROOT.glob("docs/*.md"), *ROOT.glob("docs_en/*.md")])


def glued_to_table(text: str) -> list[int]:
    """Line numbers of prose lines that directly follow a table row."""
    bad, fence, previous = [], False, ""
    for i, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
        elif not fence and stripped and not stripped.startswith("|") and previous.startswith("|"):
            bad.append(i)
        previous = "" if fence else stripped
    return bad


def test_the_check_finds_a_glued_paragraph():
    assert glued_to_table("| a | b |\n|---|---|\n| 1 | 2 |\nText.\n") == [4]
    assert glued_to_table("| a | b |\n|---|---|\n| 1 | 2 |\n\nText.\n") == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_paragraph_glued_to_a_table(page):
    assert glued_to_table(page.read_text(encoding="utf-8")) == [], f"{page.name}: add a blank line after the table"
