#!/usr/bin/env bash
# Install the site's tools into .venv and serve the site on http://127.0.0.1:8000/
# (rebuilds on every change to docs/, mlp_lessons/ or hooks/).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet -e '.[docs]'
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs serve "$@"
