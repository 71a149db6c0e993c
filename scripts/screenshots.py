"""Take screenshots of pages as a signed-in user, in headless Chromium (a developer's tool).

.venv/bin/python scripts/screenshots.py --user agent --out screenshots /cases/ /cases/1/
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="agent")
    parser.add_argument("--password", default="huisverbod-demo")
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--lang", default="nl")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": 900}, locale=args.lang)
        page.goto(f"{args.base}/accounts/login/")
        if args.user:
            page.fill("#id_username", args.user)
            page.fill("#id_password", args.password)
            page.click("button[type=submit].btn--primary")
        for path in args.paths:
            page.goto(f"{args.base}{path}")
            name = path.strip("/").replace("/", "_") or "root"
            target = out / f"{args.user or 'anon'}_{name}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
