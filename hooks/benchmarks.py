"""MkDocs hook: show the recorded benchmark results on the benchmark page.

``benchmarks/run_all.py --full --save benchmarks/results.json`` measures every benchmark and
writes the record: date, commit, machine, and one row per comparison (format in
``benchmarks/_results.py``).  The page (``docs/benchmarks.md``, ``docs_en/benchmarks.md``)
writes ``<!-- benchmark-results -->`` where the table goes; this hook replaces it with the
record's rows as a Markdown table, in the edition's language.

The numbers are not measured during the build: a measurement depends on the machine and on
what else runs on it, and two builds must give byte-identical sites.  A missing or malformed
record fails the build.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError

MARKER = "<!-- benchmark-results -->"
RECORD = Path("benchmarks") / "results.json"
FIELDS = {"benchmark", "case", "value", "unit", "reference", "reference_value",
          "ratio", "ratio_label", "goal", "met"}

TEXT = {
    "ko": {"head": ["벤치마크", "측정 대상", "우리 구현", "비교 대상 (같은 실행)", "비율", "목표: 달성"],
           "yes": "예", "no": "**아니요**", "speed-up": "배 빠름", "x bare": "배 (기본 빌드 대비)",
           "measured": "측정: {date}, 커밋 `{commit}`, {machine}, CPU {cpus}개, 1분 평균 부하 {load}, "
                       "설정 `{settings}`."},
    "en": {"head": ["benchmark", "what", "ours", "peer (same run)", "ratio", "goal: met"],
           "yes": "yes", "no": "**no**", "speed-up": "× faster", "x bare": "× the bare build",
           "measured": "Measured {date}, commit `{commit}`, {machine}, {cpus} CPUs, 1-minute load "
                       "average {load}, settings `{settings}`."},
}


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def load(root: Path) -> dict:
    path = root / RECORD
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PluginError(f"benchmark results {RECORD}: {exc} "
                          "(write it with: python benchmarks/run_all.py --full --save "
                          f"{RECORD})") from exc
    rows = record.get("rows")
    if not rows or any(set(r) != FIELDS for r in rows):
        raise PluginError(f"{RECORD}: expected a non-empty 'rows' list of objects with the keys "
                          f"{sorted(FIELDS)}, got {rows!r:.200}")
    return record


def goal_text(r: dict) -> str:
    if r["goal"] is None:
        return ""
    if r["ratio"] is not None:
        return f"{'≥' if r['ratio_label'] == 'speed-up' else '≤'} {r['goal']}×"
    if r["unit"] == "s":  # a time budget
        return f"< {number(r['goal'])} s"
    return f"≥ {number(r['goal'])} {r['unit']}"


def table(record: dict, lang: str) -> str:
    """The record as a Markdown table preceded by where and when it was measured."""
    text = TEXT[lang]
    lines = [text["measured"].format(
        date=record["date"], commit=record["commit"], machine=record["machine"],
        cpus=record["cpus"], settings=record["settings"],
        load="?" if record["load_average_1min"] is None else f"{record['load_average_1min']:.1f}"), ""]
    lines.append("| " + " | ".join(text["head"]) + " |")
    lines.append("|" + "---|" * len(text["head"]))
    for r in record["rows"]:
        peer = ("" if r["reference"] is None
                else f"{number(r['reference_value'])} {r['unit']} — {r['reference']}")
        ratio = "" if r["ratio"] is None else f"**{r['ratio']:.1f}**{text[r['ratio_label']]}"
        met = "" if r["met"] is None else (text["yes"] if r["met"] else text["no"])
        goal = goal_text(r) + (f": {met}" if met else "")
        cells = [r["benchmark"].replace("_", "_<wbr>"), r["case"], f"{number(r['value'])} {r['unit']}",
                 peer, ratio, goal]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    root = Path(config.config_file_path).resolve().parent
    lang = config.extra.get("edition", "ko")
    return markdown.replace(MARKER, table(load(root), lang))
