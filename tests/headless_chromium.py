"""A real browser for the tests of HTML pages: headless Chromium, offline, a throwaway profile.

Shared by the class report's and the feedback page's browser tests. CI
installs Debian's ``chromium`` when it runs as root; elsewhere those tests
skip where ``browser()`` finds none.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
WINDOW = (1280, 1200)  # CSS pixels


def browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def headless(page: Path, profile: Path, *arguments: str, window: tuple[int, int] = WINDOW) -> str:
    """Run the browser on ``page`` with no network of its own, no first-run work, a throwaway profile."""
    command = [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
               "--force-device-scale-factor=1", f"--user-data-dir={profile}",
               f"--window-size={window[0]},{window[1]}", *arguments, page.resolve().as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout
