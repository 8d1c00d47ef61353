"""The feedback page in a real browser: headless Chromium draws its math and the student's samples, offline.

As the class report's test does: one run with a probe script (written into
the title, so the layout is untouched) says where the figure and each
formula are drawn and whether the image decoded; a screenshot of the page
itself is then read inside the figure's box. Skipped where no Chromium is
installed (CI installs Debian's ``chromium`` when it runs as root).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from headless_chromium import browser, headless

WINDOW = (1000, 1400)  # the whole of dee's page, figure included, fits
PROBE = """<script>
window.addEventListener("load", () => {
  const box = e => { const r = e.getBoundingClientRect();
                     return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; };
  const img = document.querySelector("figure img");
  document.title = "PROBE" + JSON.stringify({
    figure: {...box(img), decoded: img.complete && img.naturalWidth > 0},
    math: [...document.querySelectorAll("math")].map(box),
    text: document.body.innerText}) + "PROBE";
});
</script>
</body>"""


@pytest.fixture(scope="module")
def page(graded) -> Path:
    if browser() is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium); the page is not drawn")
    return graded / "feedback" / "dee.html"


@pytest.fixture(scope="module")
def probe(page, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("probe")
    probed = folder / "probed.html"
    probed.write_text(page.read_text().replace("</body>", PROBE))
    dom = headless(probed, folder / "profile", "--dump-dom", window=WINDOW)
    return json.loads(re.search(r"PROBE(.*?)PROBE", dom, flags=re.S).group(1))


def test_the_math_is_typeset_not_shown_as_tex(probe):
    assert len(probe["math"]) >= 4  # the summary's two formulas and the checks' descriptions
    assert all(m["width"] > 5 and m["height"] > 5 for m in probe["math"])
    assert "\\lambda" not in probe["text"] and "\\frac" not in probe["text"] and "$" not in probe["text"]


def test_the_screenshot_shows_the_students_samples(page, probe, tmp_path):
    figure = probe["figure"]
    assert figure["decoded"] and figure["width"] > 300 and figure["height"] > 40
    assert figure["y"] + figure["height"] < WINDOW[1]
    shot = tmp_path / "dee.png"
    headless(page, tmp_path / "profile", f"--screenshot={shot}", window=WINDOW)
    pixels = np.asarray(Image.open(shot).convert("L")).astype(int)
    assert pixels.shape == (WINDOW[1], WINDOW[0])
    top, left = int(figure["y"]) + 2, int(figure["x"]) + 2
    inside = pixels[top:top + int(figure["height"]) - 4, left:left + int(figure["width"]) - 4]
    # dee's samples are dark ramps (0 to 0.2) on the mosaic's white: mostly dark, with white gaps between
    assert (inside < 60).mean() > 0.6 and (inside > 240).mean() > 0.02
    above = pixels[:int(figure["y"]) - 10]
    assert (above < 60).mean() < 0.1  # text, not a block of dark pixels
