#!/usr/bin/env bash
# Install everything into .venv and run every test (package, page snippets, site build,
# browser), in two workers (this machine has two cores; tests/conftest.py builds the site
# once for both). Browser tests need Debian's chromium (the headless shell, and the desktop
# one for Lighthouse), a Hangul font and poppler-utils (the PDF tests):
#   sudo apt-get install -y chromium-headless-shell chromium fonts-nanum poppler-utils
# Extra arguments go to pytest, e.g. the quick loop without the site and the browser:
#   bash scripts/test.sh -m "not site"
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet -e '.[test]'
# axe-core (accessibility gate), lighthouse and mathjax-full, pinned in package-lock.json:
# installed when node_modules is missing or older than the lock file
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/pytest -n "${PYTEST_WORKERS:-2}" --dist loadgroup "$@"
