"""The publishing workflow (.github/workflows/publish.yml) is valid and does what the README says.

Two linters from PyPI, both offline: ``check-jsonschema`` with its bundled GitHub workflow
schema (a misspelt key, a wrong type, a missing ``runs-on`` fail), and ``zizmor``'s security
audits (unpinned actions, credentials left in the checkout, template injection, excessive
permissions, ...).  And the jobs run the project's own commands: ``bash .ci/run`` for the tests
and ``bash scripts/build.sh`` for the site and its PDFs, whose folder is what is deployed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} not installed: pip install -e '.[test]'"
    return found


def _check_schema(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True)


def _zizmor(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([_tool("zizmor"), "--offline", "--no-progress", str(path)],
                          capture_output=True, text=True)


def test_the_workflow_follows_the_schema():
    run = _check_schema(WORKFLOW)
    assert run.returncode == 0, run.stdout + run.stderr


def test_zizmor_finds_nothing():
    run = _zizmor(WORKFLOW)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_linters_catch_a_broken_workflow(tmp_path):
    text = WORKFLOW.read_text(encoding="utf-8")
    misspelt = tmp_path / "misspelt.yml"
    misspelt.write_text(text.replace("runs-on:", "run-on:", 1), encoding="utf-8")
    assert _check_schema(misspelt).returncode != 0
    unpinned = tmp_path / "unpinned.yml"      # an action by tag, not by commit
    unpinned.write_text(text.replace("@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", "@v7"),
                        encoding="utf-8")
    assert unpinned.read_text(encoding="utf-8") != text
    assert _zizmor(unpinned).returncode != 0


def test_the_jobs_run_the_projects_commands():
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    commands = {name: "\n".join(step.get("run", "") for step in job.get("steps", []))
                for name, job in jobs.items()}
    assert "bash .ci/run" in commands["test"]
    assert "bash scripts/build.sh" in commands["build"] and jobs["build"]["needs"] == "test"
    upload = next(s for s in jobs["build"]["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["if"] == "github.ref == 'refs/heads/main'"
    # every action pinned to a commit
    for job in jobs.values():
        for step in job.get("steps", []):
            if "uses" in step:
                ref = step["uses"].partition("@")[2]
                assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), step["uses"]
