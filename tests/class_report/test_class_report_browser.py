"""The class report opened in a real browser: headless Chromium draws it, offline, with its histograms.

Two runs of the same page at the same window size: ``--dump-dom`` of a copy
carrying a probe script (which writes where each histogram is, and whether
its image decoded, into the title, so the layout is untouched), and
``--screenshot`` of the page itself, whose pixels are then read inside the
first histogram's box. Skipped where no Chromium is installed (CI installs
Debian's ``chromium`` when it runs as root).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from gradekit.cli import app
from headless_chromium import WINDOW, browser, headless  # WINDOW: the first histogram lies well inside

BAR = np.array([0x4C, 0x78, 0xA8])  # gradekit.class_report.figures.BAR
PROBE = """<script>
window.addEventListener("load", () => {
  const boxes = [...document.querySelectorAll(".histogram img")].map(img => {
    const r = img.getBoundingClientRect();
    return {id: img.closest(".histogram").dataset.id, decoded: img.complete && img.naturalWidth > 0,
            x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height};
  });
  document.title = "PROBE" + JSON.stringify(boxes) + "PROBE";
});
</script>
</body>"""


@pytest.fixture(scope="module")
def page(graded_class, class_problems_dir, tmp_path_factory) -> Path:
    if browser() is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium); the page is not drawn")
    path = tmp_path_factory.mktemp("browser") / "report.html"
    result = CliRunner().invoke(app, ["class-report", str(graded_class), "--output", str(path),
                                      "--problems-dir", str(class_problems_dir)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def boxes(page, tmp_path_factory) -> list[dict]:
    """Where the page's histograms are (CSS pixels from its top left), and whether each decoded."""
    folder = tmp_path_factory.mktemp("probe")
    probed = folder / "probed.html"
    probed.write_text(page.read_text().replace("</body>", PROBE))
    dom = headless(probed, folder / "profile", "--dump-dom")
    return json.loads(re.search(r"PROBE(.*?)PROBE", dom).group(1))


def test_every_histogram_decodes_in_the_browser(boxes):
    assert [b["id"] for b in boxes] == ["total", "maxout-quick", "maxout-wrong-key"]
    assert all(b["decoded"] and b["width"] > 200 and b["height"] > 80 for b in boxes)


def test_the_screenshot_shows_the_page_and_its_first_histogram(page, boxes, tmp_path):
    shot = tmp_path / "shot.png"
    headless(page, tmp_path / "profile", f"--screenshot={shot}")
    pixels = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    assert pixels.shape[:2] == (WINDOW[1], WINDOW[0])
    ink = (pixels < 235).any(axis=2)
    assert ink.mean() > 0.02, "the screenshot is blank"

    first = boxes[0]
    assert first["y"] + first["height"] < WINDOW[1]
    top, left = int(first["y"]), int(first["x"])
    region = pixels[top:top + int(first["height"]), left:left + int(first["width"])]
    bars = (np.abs(region - BAR).max(axis=2) < 40).mean()
    assert bars > 0.03, f"the histogram's bars cover {bars:.1%} of its box"
    above = pixels[:top - 40]  # the title and the cards: text, no bars
    assert (np.abs(above - BAR).max(axis=2) < 40).mean() < 0.002
