"""LaTeX to PDF through whichever TeX engine is installed (pdflatex, xelatex or tectonic).

The layouts use only packages of Debian's ``texlive-latex-base`` (amsmath,
amssymb, geometry, array). Output is reproducible: ``SOURCE_DATE_EPOCH`` pins
the dates and the layout drops the PDF's trailer id.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ENGINES = ("pdflatex", "xelatex", "tectonic")  # in order of preference; tectonic may fetch packages
REPRODUCIBLE_ENV = {"SOURCE_DATE_EPOCH": "0", "FORCE_SOURCE_DATE": "1"}
COMPILE_SECONDS = 120


class TexError(RuntimeError):
    """No TeX engine, or the engine failed (the log's tail is in the message)."""


@dataclass(frozen=True)
class Engine:
    name: str
    path: str

    def command(self, tex_file: str) -> list[str]:
        if self.name == "tectonic":
            return [self.path, "--chatter", "minimal", tex_file]
        return [self.path, "-interaction=nonstopmode", "-halt-on-error", tex_file]


def find_engine() -> Engine:
    """The first installed engine of ``ENGINES`` (``$GRADEKIT_TEX`` names one to prefer)."""
    preferred = os.environ.get("GRADEKIT_TEX")
    for name in ([preferred] if preferred else []) + list(ENGINES):
        path = shutil.which(name)
        if path:
            return Engine(Path(name).name, path)
    raise TexError("PDF output needs a TeX engine and none was found (looked for "
                   f"{', '.join(ENGINES)}). On Debian/Ubuntu: apt-get install texlive-latex-base; "
                   "or choose --format tex and compile it yourself.")


def compile_pdf(tex_source: str, engine: Engine) -> bytes:
    """The PDF of ``tex_source`` (one run: the layouts have no cross-references)."""
    with tempfile.TemporaryDirectory(prefix="gradekit-tex-") as work:
        (Path(work) / "sheet.tex").write_text(tex_source, encoding="utf-8")
        done = subprocess.run(engine.command("sheet.tex"), cwd=work, capture_output=True, text=True,
                              env={**os.environ, **REPRODUCIBLE_ENV}, timeout=COMPILE_SECONDS,
                              stdin=subprocess.DEVNULL)
        pdf = Path(work) / "sheet.pdf"
        if done.returncode != 0 or not pdf.is_file():
            log = Path(work) / "sheet.log"
            tail = (log.read_text(errors="replace") if log.is_file() else done.stdout + done.stderr)[-2000:]
            raise TexError(f"{engine.name} failed (exit {done.returncode}):\n{tail}")
        return pdf.read_bytes()
