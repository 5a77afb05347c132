"""Tests of the command line subcommands `xor` and `descent` (mlp_lessons.__main__)."""

import pytest

from mlp_lessons.__main__ import build_parser, main

CHAPTER_TABLE = [
    "[[0 0]] [1] [[0.99196032]]",
    "[[0 1]] [0] [[0.00835708]]",
    "[[1 0]] [0] [[0.00836107]]",
    "[[1 1]] [1] [[0.98974873]]",
]


def test_xor_prints_the_chapters_test_table(capsys):
    assert main(["xor"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == CHAPTER_TABLE
    assert "90000/90000 epochs" in err and "[" + "#" * 30 + "]" in err


def test_xor_with_xor_targets(capsys):
    assert main(["xor", "--targets", "xor", "--no-progress"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "[[0 0]] [0] [[0.00814407]]",
        "[[0 1]] [1] [[0.99154105]]",
        "[[1 0]] [1] [[0.99152258]]",
        "[[1 1]] [0] [[0.01038517]]",
    ]
    assert err == ""


def test_xor_options(capsys):
    assert main(["xor", "--epochs", "1", "--learning-rate", "0.5", "--no-progress"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and lines[0].startswith("[[0 0]] [1] [[0.")


@pytest.mark.parametrize("argv, message", [
    (["xor", "--epochs", "0"], "expected a positive integer, got '0'"),
    (["xor", "--learning-rate", "-1"], "expected a positive number, got '-1'"),
    (["xor", "--targets", "and"], "invalid choice: 'and'"),
    (["descent", "--learning-rate", "zero"], "expected a positive number, got 'zero'"),
])
def test_bad_arguments_exit_with_2(capsys, argv, message):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("command, options", [
    ("xor", ["--epochs", "--learning-rate", "--targets", "--no-progress"]),
    ("descent", ["--x0", "--learning-rate", "--iterations", "--precision", "--stop-at-precision"]),
])
def test_help(capsys, command, options):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert all(option in out for option in options)
    assert command in build_parser().format_help()


def test_descent_prints_the_chapters_loop(capsys):
    assert main(["descent"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 101
    assert lines[0] == "손실함수값( 7.199999999999999 )= 27.639999999999993"
    assert lines[1] == "손실함수값( 5.52 )= 16.350399999999997"
    assert lines[-1] == "최소값 =  3.0000000000000004"


def test_descent_options(capsys):
    assert main(["descent", "--stop-at-precision"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 27
    assert main(["descent", "--x0", "0", "--learning-rate", "0.5", "--iterations", "2"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "손실함수값( 3.0 )= 10.0", "손실함수값( 3.0 )= 10.0", "최소값 =  3.0"]


def test_descent_divergence_and_bad_start(capsys):
    assert main(["descent", "--learning-rate", "1.5", "--iterations", "5000"]) == 0
    out, err = capsys.readouterr()
    assert "발산" in err and len(out.splitlines()) < 5001
    assert main(["descent", "--x0", "nan"]) == 2
    assert "x0 must be a finite number" in capsys.readouterr().err
