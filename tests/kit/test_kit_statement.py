"""Statements: Jinja with problem.toml's keys, then Markdown to HTML with the TeX typeset as MathML."""

import re

import pytest

from gradekit.kit.statement import StatementError, markdown_to_html, render_statement


def test_statement_renders_problem_toml_keys(tmp_path):
    (tmp_path / "statement.md.j2").write_text("# {{ title }}\n\nWorth {{ points }} points.\n")
    assert render_statement(tmp_path, {"title": "Maxout", "points": 10}) == "# Maxout\n\nWorth 10 points.\n"


def test_a_name_problem_toml_lacks_is_an_error_not_a_blank(tmp_path):
    (tmp_path / "statement.md.j2").write_text("The image:\n{{ example_image }}\n")
    with pytest.raises(StatementError, match="'example_image' is undefined"):
        render_statement(tmp_path, {"title": "Image entropy"})


def test_math_is_typeset_to_mathml_untouched_by_markdown():
    html = markdown_to_html(r"probabilities $p_i = r_i / N$ and $$H = -\sum_i p_i \log_2 p_i$$", "t")
    inline = '<span class="math"><math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">'
    assert inline + "<mrow><msub><mi>p</mi><mi>i</mi></msub>" in html
    assert 'display="block"><mrow><mi>H</mi>' in html and "<msub><mi>log</mi><mn>2</mn></msub>" in html
    assert "<em>" not in html and "$" not in html.split("<body>")[1]


def test_the_page_loads_nothing_and_runs_no_script():
    html = markdown_to_html(r"$x^2$ and $$\frac{a}{b}$$", "t")
    assert "<script" not in html and not re.search(r"""(src|href)=["']?https?:""", html)


def test_tex_that_latex2mathml_cannot_read_shows_as_tex():
    html = markdown_to_html(r"$\begin{nonsense} a < b$", "t")
    assert r'<code class="tex">\begin{nonsense} a &lt; b</code>' in html


def test_dollars_in_prose_and_code_stay_dollars():
    html = markdown_to_html("It costs $5 and $10.\n\n`$x$` and\n\n```\n$y$\n```\n", "t")
    assert "It costs $5 and $10." in html
    assert "<code>$x$</code>" in html and "<code>$y$\n</code>" in html
    assert "math" not in html.split("<body>")[1]


def test_tex_is_html_escaped_inside_math():
    assert "<mi>a</mi><mo>&#x0003C;</mo><mi>b</mi>" in markdown_to_html("$a < b$", "t")


def test_page_is_standalone_with_title_tables_and_code():
    html = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```\n", "A & B")
    assert html.startswith("<!DOCTYPE html>") and "<title>A &amp; B</title>" in html
    assert "<td>1</td>" in html and '<code class="language-python">x = 1' in html


def test_display_math_over_lines_stays_one_formula():
    """A continuation line starting with `+` is part of the formula, not a list item."""
    html = markdown_to_html("Then\n$$L = a\n  + b,$$\nand $\\lambda$ weighs it.\n", "t")
    assert '<div class="math"><math' in html and "<mi>a</mi><mo>&#x0002B;</mo><mi>b</mi>" in html
    assert "<li>" not in html and "<p>Then</p>" in html


def test_unclosed_display_math_stays_text():
    html = markdown_to_html("$$a + b\n\n- item\n", "t")
    assert "<p>$$a + b</p>" in html and "<li>item</li>" in html
