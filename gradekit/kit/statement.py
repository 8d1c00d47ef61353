"""A problem's statement for students: ``statement.md.j2`` rendered to Markdown, then to HTML.

The template's context is ``problem.toml``'s keys (``{{ title }}``, ``{{ points }}``,
any key a problem adds for its statement). A name the template uses that
``problem.toml`` does not define is an error, not an empty string: a kit with
a hole in its worked example would mislead every student who reads it.

HTML goes through markdown-it-py (CommonMark; already installed, as rich
depends on it) with a small rule for TeX math: ``$...$`` and ``$$...$$`` are
taken out before Markdown can read ``p_i`` or ``\\log_2`` as emphasis or
escapes, and typeset to MathML by latex2mathml when the kit is written. Every
current browser draws MathML itself, so the page needs no script and no
network; a formula latex2mathml cannot read is shown as its TeX.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import jinja2
from latex2mathml.converter import convert as tex_to_mathml
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

STATEMENT_TEMPLATE = "statement.md.j2"

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ max-width: 46rem; margin: 2rem auto; padding: 0 1rem; font: 16px/1.55 system-ui, sans-serif; }}
pre {{ background: #f5f5f5; padding: .75rem; overflow-x: auto; }}
code {{ font-family: ui-monospace, monospace; font-size: .92em; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: .25rem .5rem; }}
math {{ font-size: 1.08em; }} div.math {{ margin: .8rem 0; overflow-x: auto; }}
code.tex {{ background: #f5f5f5; }}
</style>
</head>
<body>
{body}</body>
</html>
"""


class StatementError(Exception):
    """A statement template that cannot be rendered from its problem's ``problem.toml``."""


def render_statement(folder: Path, context: dict[str, Any]) -> str:
    """The Markdown statement of the problem in ``folder``, rendered with ``context``."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(folder), undefined=jinja2.StrictUndefined,
                                     keep_trailing_newline=True, autoescape=False)
    try:
        return environment.get_template(STATEMENT_TEMPLATE).render(**context)
    except jinja2.TemplateNotFound:
        raise StatementError(f"{folder / STATEMENT_TEMPLATE} is missing") from None
    except jinja2.UndefinedError as error:
        raise StatementError(f"{folder / STATEMENT_TEMPLATE}: {error.message}; "
                             f"define it in {folder / 'problem.toml'}") from None
    except jinja2.TemplateSyntaxError as error:
        raise StatementError(f"{folder / STATEMENT_TEMPLATE}, line {error.lineno}: {error.message}") from None


def markdown_to_html(markdown: str, title: str) -> str:
    """A standalone HTML page showing ``markdown``, its math as MathML: no script, nothing fetched."""
    return PAGE.format(title=html.escape(title), body=_converter().render(markdown))


def _converter() -> MarkdownIt:
    converter = MarkdownIt("commonmark").enable("table")
    converter.block.ruler.before("fence", "math_block", _math_block,
                                 {"alt": ["paragraph", "reference", "blockquote", "list"]})
    converter.inline.ruler.before("escape", "math", _math)
    converter.add_render_rule("math_block", _render_math_block)
    converter.add_render_rule("math", _render_math)
    return converter


def _math_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Block rule: a line opening with ``$$`` through the line that ends with ``$$``.

    Read as one block, so a continuation line of a formula that starts with ``+`` or
    ``-`` is not taken for a list item, nor a blank-free formula split into paragraphs.
    """
    if state.sCount[start_line] - state.blkIndent >= 4:  # an indented code block
        return False
    first = state.src[state.bMarks[start_line] + state.tShift[start_line]:state.eMarks[start_line]].rstrip()
    if not first.startswith("$$"):
        return False
    opened = first[2:]
    if "$$" in opened[:-2]:  # `$$a$$ and more`: inline math in a paragraph
        return False
    lines, line = [opened], start_line
    while not (lines[-1].endswith("$$") and (line > start_line or len(opened) >= 2)):
        line += 1
        if line >= end_line:
            return False  # never closed: leave the dollars to the paragraph
        lines.append(state.src[state.bMarks[line]:state.eMarks[line]].rstrip())
    if not silent:
        token = state.push("math_block", "div", 0)
        token.content = "\n".join(lines)[:-2].strip("\n")
        token.markup = "$$"
        token.block = True
        token.map = [start_line, line + 1]
    state.line = line + 1
    return True


def _math(state: StateInline, silent: bool) -> bool:
    """Inline rule: ``$$display$$`` or ``$inline$``, closed on the same paragraph."""
    source, start = state.src, state.pos
    if source[start] != "$":
        return False
    delimiter = "$$" if source.startswith("$$", start) else "$"
    content_start = start + len(delimiter)
    end = source.find(delimiter, content_start)
    if end == -1 or end == content_start or end > state.posMax:
        return False
    content = source[content_start:end]
    if delimiter == "$" and not _plausible_inline_math(content, source[end + 1:end + 2]):
        return False
    if not silent:
        token = state.push("math", "", 0)
        token.content = content
        token.markup = delimiter
    state.pos = end + len(delimiter)
    return True


def _plausible_inline_math(content: str, after: str) -> bool:
    """Pandoc's heuristic, so that "costs $5 and $10" stays prose: no space after the
    opening dollar, no digit right after the closing one."""
    return not content[0].isspace() and not after.isdigit()


def _render_math_block(renderer, tokens, index, options, env) -> str:
    return f'<div class="math">{mathml(tokens[index].content, display=True)}</div>\n'


def _render_math(renderer, tokens, index, options, env) -> str:
    token = tokens[index]
    return f'<span class="math">{mathml(token.content, display=token.markup == "$$")}</span>'


def mathml(tex: str, *, display: bool) -> str:
    """``tex`` as a MathML ``<math>`` element, or as escaped TeX where latex2mathml cannot read it."""
    try:
        return tex_to_mathml(tex.strip(), display="block" if display else "inline")
    except Exception:  # latex2mathml raises its own and plain errors alike on what it does not know
        return f'<code class="tex">{html.escape(tex)}</code>'
