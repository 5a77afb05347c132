#!/usr/bin/env bash
# Build both editions, offline, with --strict: Korean into site/ (this cleans site/),
# then English into site/en/. Extra arguments (e.g. -q) go to both `mkdocs build` commands.
# Install first: bash scripts/serve.sh (or .venv/bin/pip install -e '.[docs]').
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
.venv/bin/mkdocs build --strict -f mkdocs.yml "$@"
.venv/bin/mkdocs build --strict -f mkdocs.en.yml "$@"
