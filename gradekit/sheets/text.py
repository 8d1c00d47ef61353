"""Text for each output format: numbers, Markdown and LaTeX escaping, aligned grids.

Statements are plain Unicode (μ, σ², ᾱₜ, √), which Markdown, HTML and Moodle
show as they are, with no math renderer and no network. LaTeX gets each
special character escaped and each Unicode symbol mapped to its math command;
a character with no mapping is an error rather than a silently broken PDF.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gradekit.sheets.model import Number


def format_number(value: Number, significant: int = 6) -> str:
    """``3`` for 3.0, ``15.5``, ``0.0567584``: integers without a point, others to ``significant`` digits."""
    value = value + 0  # bools and numpy scalars behave like numbers from here on
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.{significant}g}"


def within(tolerance: float) -> str:
    """A key's tolerance as the key shows it: "± 0.01", or "exact" for 0."""
    return f"± {format_number(tolerance)}" if tolerance else "exact"


def grid(rows: Sequence[Sequence[Number]]) -> str:
    """Rows of numbers right-aligned in columns, for plain-text matrices."""
    cells = [[format_number(v) for v in row] for row in rows]
    width = max((len(c) for row in cells for c in row), default=0)
    return "\n".join(" ".join(c.rjust(width) for c in row) for row in cells)


def vector(values: Iterable[Number]) -> str:
    return "[" + ", ".join(format_number(v) for v in values) + "]"


_MARKDOWN_SPECIAL = "\\`*_<"  # what would start emphasis, code or an HTML tag


def markdown_escape(text: str) -> str:
    """Backslash-escape what Markdown would read as formatting."""
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in text)


_TEX_SPECIAL = {
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
    "~": r"\ensuremath{\sim}",  # in these texts "~" reads "distributed as"
    "^": r"\textasciicircum{}", "\\": r"\textbackslash{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
    "‘": "`", "’": "'", "“": "``", "”": "''", "–": "--", "—": "---", "…": r"\dots{}", "\u00a0": "~",
    "é": r"\'e", "ü": r'\"u',
}

# Symbols set in math mode; a run of them becomes one \ensuremath{...}.
_TEX_MATH = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\epsilon", "θ": r"\theta",
    "λ": r"\lambda", "μ": r"\mu", "π": r"\pi", "σ": r"\sigma", "Σ": r"\Sigma", "φ": r"\phi", "ϕ": r"\phi",
    "ψ": r"\psi", "ω": r"\omega", "ᾱ": r"\bar\alpha", "ℓ": r"\ell", "∇": r"\nabla", "∂": r"\partial",
    "⁻": "^-", "ᵀ": "^T", "ᵢ": "_i", "ⱼ": "_j",
    **{sup: f"^{digit}" for sup, digit in zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789", strict=True)},
    **{sub: f"_{char}" for sub, char in zip("₀₁₂₃₄₅₆₇₈₉ₐₑₒₓₕₖₗₘₙₚₛₜ", "0123456789aeoxhklmnpst", strict=True)},
    "√": r"\surd", "½": r"\tfrac12", "≈": r"\approx", "≤": r"\le", "≥": r"\ge", "≠": r"\ne", "→": r"\to",
    "←": r"\leftarrow",
    "−": "-", "×": r"\times", "·": r"\cdot", "‖": r"\|", "∑": r"\sum", "∏": r"\prod", "∫": r"\int", "∈": r"\in",
    "∞": r"\infty", "⋯": r"\cdots", "∼": r"\sim", "±": r"\pm", "⌊": r"\lfloor", "⌋": r"\rfloor",
}


def tex_escape(text: str) -> str:
    """``text`` as LaTeX source for pdflatex: specials escaped, Unicode symbols as math."""
    out: list[str] = []
    math_run: list[str] = []
    for char in str(text):
        if char in _TEX_MATH:
            math_run.append(_TEX_MATH[char])
            continue
        if math_run:
            out.append(r"\ensuremath{" + " ".join(math_run) + "}")
            math_run = []
        if char in _TEX_SPECIAL:
            out.append(_TEX_SPECIAL[char])
        elif char.isascii():
            out.append(char)
        else:
            raise ValueError(f"no LaTeX for {char!r} (U+{ord(char):04X}) in {text!r}: "
                             "add it to gradekit/sheets/text.py")
    if math_run:
        out.append(r"\ensuremath{" + " ".join(math_run) + "}")
    return "".join(out)
