"""The language mechanism of the figures: ``tr(ko, en)``, ``lesson_style(lang)``, ``--lang``.

The English edition (mkdocs.en.yml, ``extra.edition: en``) renders every figure with
``lang="en"``.  That every figure then has no Hangul in any text artist is checked per
figure in tests/test_figures.py.
"""

from __future__ import annotations

import pytest

pytest.importorskip("matplotlib")

from mlp_lessons.figures import lesson_style, tr  # noqa: E402


def test_tr_follows_the_language_being_rendered():
    assert tr("은닉층", "hidden layer") == "은닉층"            # default: Korean
    with lesson_style("en"):
        assert tr("은닉층", "hidden layer") == "hidden layer"
        with lesson_style("ko"):
            assert tr("은닉층", "hidden layer") == "은닉층"
        assert tr("은닉층", "hidden layer") == "hidden layer"
    assert tr("은닉층", "hidden layer") == "은닉층"            # restored after the block


def test_tr_and_lesson_style_refuse_bad_input():
    with pytest.raises(TypeError, match="two str"):
        tr("은닉층", None)
    with pytest.raises(ValueError, match="lang must be one of"):
        with lesson_style("fr"):
            pass


def test_cli_passes_the_language(monkeypatch, tmp_path, capsys):
    """``python -m mlp_lessons figures --lang en`` renders in English (the build runs it)."""
    import mlp_lessons.figures
    from mlp_lessons.__main__ import main

    calls = []
    monkeypatch.setattr(mlp_lessons.figures, "write_all", lambda out, lang="ko": calls.append((out, lang)) or [])
    assert main(["figures", "--out", str(tmp_path), "--lang", "en"]) == 0
    assert main(["figures", "--out", str(tmp_path)]) == 0
    assert calls == [(tmp_path, "en"), (tmp_path, "ko")]
    with pytest.raises(SystemExit):
        main(["figures", "--out", str(tmp_path), "--lang", "fr"])
    assert "invalid choice" in capsys.readouterr().err
