"""Node.js from a test: ``node --test`` on the JavaScript tests, and a script whose printed JSON
the test reads (the playground's and the explorables' modules, Lighthouse's internals).

Without ``node`` the test is skipped, or failed with ``CI=true`` (:func:`mlp_devtools.unavailable`).
A failed run raises AssertionError with what Node printed (the end of its stdout and stderr).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

from mlp_devtools import ROOT, unavailable

#: Seconds a run may take: this only bounds a hang (the runs here take about 1 s).
TIMEOUT_S = 300


def node() -> str:
    """The path of ``node``; the test is skipped (failed with ``CI=true``) when there is none."""
    found = shutil.which("node")
    if found is None:
        unavailable("node not found (Node.js 18+: sudo apt-get install -y nodejs)")
    return found


def _failed(what: str, result: subprocess.CompletedProcess) -> str:
    return (f"{what} failed (exit status {result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-3000:]}")


def node_tests(files: list[str]) -> str:
    """Run ``node --test`` on ``files`` (paths from the repository root); return its TAP
    report.  Fails unless every test passed and at least one ran."""
    result = subprocess.run([node(), "--test", *files], cwd=ROOT, capture_output=True,
                            text=True, timeout=TIMEOUT_S)
    if result.returncode != 0 or "# fail 0" not in result.stdout:
        raise AssertionError(_failed(f"node --test {' '.join(files)}", result))
    if "# pass 0" in result.stdout:
        raise AssertionError(f"node --test {' '.join(files)} ran no test:\n{result.stdout[-2000:]}")
    return result.stdout


def node_json(script: str, *args: str, env: dict[str, str] | None = None):
    """Run ``script``, an ES module (``import ... from "./docs/..."`` resolves from the
    repository root), with ``args`` as ``process.argv.slice(1)`` and ``env`` added to the
    environment; return what it wrote to stdout, read as JSON.

    >>> node_json("process.stdout.write(JSON.stringify([process.argv[1], process.env.X]))",
    ...           "a", env={"X": "b"})
    ['a', 'b']
    """
    result = subprocess.run([node(), "--input-type=module", "-e", script, *args], cwd=ROOT,
                            env={**os.environ, **(env or {})}, capture_output=True, text=True,
                            timeout=TIMEOUT_S)
    if result.returncode != 0:
        raise AssertionError(_failed("node --input-type=module -e <script>", result))
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise AssertionError(f"the script's output is not JSON ({error}):\n{result.stdout[-2000:]}") from None
