#!/usr/bin/env bash
# Make sure the browser test can run: Debian's Chromium (via setup_system.sh) and Playwright for Python
# (the dev extra). Playwright drives /usr/bin/chromium; it never downloads a browser of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
[ -x /usr/bin/chromium ] || UNSPIN_BROWSER=1 bash scripts/setup_system.sh
[ -x /usr/bin/chromium ] || { echo "browser_test_setup: /usr/bin/chromium is still missing" >&2; exit 1; }
"$PY" -c "import playwright" 2>/dev/null || "$PY" -m pip install -q 'playwright>=1.45'
"$PY" - <<'PYEOF'
from playwright.sync_api import sync_playwright
args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
    print(f"browser_test_setup: headless Chromium {browser.version} is ready")
    browser.close()
PYEOF
