#!/usr/bin/env bash
# Install everything into .venv and run every test (package, page snippets, site build,
# browser). Browser tests need Debian's chromium and a Hangul font:
#   sudo apt-get install -y chromium fonts-nanum
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet -e '.[test]'
# axe-core (accessibility test) and lighthouse (benchmarks/bench_lighthouse.py), pinned in package-lock.json
npm ci --no-audit --no-fund --loglevel=error
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/pytest "$@"
