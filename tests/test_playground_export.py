"""The playground's "take the network home" script: run it, get the playground's predictions.

Node trains the playground's own code (docs/javascripts/playground/trainer.js) on several
setups and writes, for each, the Python script the page exports (custom.js ``pythonScript``)
and the page's predictions for every point.  Each script then runs in a fresh Python
process (the package's interpreter, which has NumPy) and must print the same predictions
within 1e-9.  The browser test (tests/test_playground_browser.py) does the same through the
page's download button.  Skipped without Node, except with ``CI=true``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mlp_devtools.node import node_json

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE = 1e-9

#: (address fragment, epochs): activations, features, depths, both problem types, own data.
SETUPS = [
    ("data=xor&layers=4&act=tanh", 30),
    ("data=spiral&layers=8,8,5&act=relu&features=x1,x2,x1sq,x2sq,x1x2,sin1,sin2&noise=20&batch=1", 5),
    ("data=circle&layers=&act=sigmoid&features=x1sq,x2sq", 20),
    ("problem=regression&data=bumps&layers=6,3&act=sigmoid&reg=L2&regRate=0.01", 10),
    ("problem=regression&data=plane&layers=2&act=linear&lr=0.001", 3),
    # the reader's own data: the code of three points, then a regression set
    ("data=custom&points=1c.PoPoBLoPoAPoUoB&layers=3", 50),
    ("data=custom&points=1r.PoPoDIAAPyAAMAMABk&layers=2&noise=10", 5),
    ("data=custom&layers=2", 1),          # no points at all
]

NODE_SCRIPT = """
import { parseFragment } from "./docs/javascripts/playground/state.js";
import { Trainer } from "./docs/javascripts/playground/trainer.js";
import { pythonScript } from "./docs/javascripts/playground/custom.js";
const setups = JSON.parse(process.argv[1]);
const out = setups.map(([fragment, epochs]) => {
  const { state, messages } = parseFragment(fragment);
  if (messages.length) throw new Error(fragment + ": " + messages.join(" "));
  const t = new Trainer(state);
  t.step(epochs);
  return {
    script: pythonScript({ params: t.params, activations: t.activations, features: state.features,
      points: t.points, nTrain: t.train.length, epoch: t.epoch, address: fragment }),
    predictions: t.predict(t.points), n: t.points.length, diverged: t.diverged,
  };
});
process.stdout.write(JSON.stringify(out));
"""


def _python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


@pytest.fixture(scope="module")
def exported():
    return node_json(NODE_SCRIPT, json.dumps(SETUPS))


def run_script(script: str, tmp_path: Path) -> list[float]:
    path = tmp_path / "playground_network.py"
    path.write_text(script, encoding="utf-8")
    # -I: isolated (no user site, no PYTHONPATH, the script's folder only): NumPy alone is enough.
    result = subprocess.run([_python(), "-I", str(path)], capture_output=True, text=True, timeout=120,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    return [float(line) for line in result.stdout.split()]


@pytest.mark.parametrize("index", range(len(SETUPS)), ids=[s[0][:40] for s in SETUPS])
def test_exported_script_prints_the_playgrounds_predictions(exported, tmp_path, index):
    case = exported[index]
    assert not case["diverged"], SETUPS[index]
    printed = run_script(case["script"], tmp_path)
    assert len(printed) == case["n"] == len(case["predictions"])
    if case["n"]:
        np.testing.assert_allclose(printed, case["predictions"], rtol=0, atol=TOLERANCE)
    # The predictions vary from point to point: the comparison is not of one constant.
    assert case["n"] <= 1 or np.ptp(case["predictions"]) > 0


def test_a_changed_weight_changes_what_the_script_prints(exported, tmp_path):
    """The check above could fail: one weight altered in the script moves the predictions."""
    script = exported[0]["script"]
    line = next(ln for ln in script.splitlines() if ln.startswith("        [") and ln.endswith("],"))
    first = line.strip()[1:].split(",")[0]
    altered = script.replace(line, line.replace(first, repr(float(first) + 1e-3), 1), 1)
    printed = run_script(altered, tmp_path)
    assert np.max(np.abs(np.subtract(printed, exported[0]["predictions"]))) > TOLERANCE
