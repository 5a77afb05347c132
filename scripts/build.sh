#!/usr/bin/env bash
# Build both editions, offline, with --strict: Korean into site/ (this cleans site/),
# then English into site/en/. Extra arguments (e.g. -q) go to both `mkdocs build` commands.
# Install first: bash scripts/serve.sh (or .venv/bin/pip install -e '.[docs]' && npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
# Node packages pinned in package-lock.json (mathjax-full for hooks/mathjax.py): installed
# when node_modules is missing or older than the lock file
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  command -v npm >/dev/null || { echo "Node.js 18+ and npm are needed; install them, then run: npm ci" >&2; exit 1; }
  npm ci --no-audit --no-fund --loglevel=error
fi
export NO_MKDOCS_2_WARNING=1
.venv/bin/mkdocs build --strict -f mkdocs.yml "$@"
.venv/bin/mkdocs build --strict -f mkdocs.en.yml "$@"
# The PDF of each edition (site/mlp-ko.pdf, site/en/mlp-en.pdf), printed by Debian's Chromium
# (sudo apt-get install -y chromium); MLP_NO_PDF=1 builds without them.
if [ "${MLP_NO_PDF:-}" != "1" ]; then
  .venv/bin/python scripts/pdf.py --site site
fi
# The offline copy: both editions built again with OFFLINE=true, zipped with the PDFs into
# site/mlp-offline.zip (opens from disk: mlp-offline/index.html); MLP_NO_OFFLINE=1 skips it.
if [ "${MLP_NO_OFFLINE:-}" != "1" ]; then
  .venv/bin/python scripts/offline.py --site site
fi
