#!/usr/bin/env bash
# Install the site's tools into .venv and serve the site on http://127.0.0.1:8000/
# (rebuilds on every change to docs/, mlp_lessons/ or hooks/).
# Needs Python 3.11+ and Node.js 18+ with npm (MathJax typesets the formulas at build time).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet -e '.[docs]'
# Node packages pinned in package-lock.json (mathjax-full for hooks/mathjax.py): installed
# when node_modules is missing or older than the lock file
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  command -v npm >/dev/null || { echo "Node.js 18+ and npm are needed; install them, then run: npm ci" >&2; exit 1; }
  npm ci --no-audit --no-fund --loglevel=error
fi
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve "$@"
