"""A student's feedback as one self-contained HTML page: figures inside as PNG data URIs, math as MathML.

Nothing is fetched when the page opens (no script, no font, no stylesheet
from elsewhere): TeX in the course's text is typeset to MathML when the page
is written, with the kit's own converter (``gradekit.kit.statement.mathml``),
and every browser draws MathML itself. Jinja2 escapes every value
(``autoescape``); only the course's text passes through ``course_text``, which
escapes all of it but its ``$...$`` math.
"""

from __future__ import annotations

import base64
import re

import jinja2
from markupsafe import Markup, escape

from gradekit.feedback.markdown import late_line
from gradekit.feedback.model import Feedback
from gradekit.feedback.template import PAGE
from gradekit.kit.statement import mathml

INLINE_MATH = re.compile(r"\$(?=\S)([^$\n]+?)(?<=\S)\$(?!\d)")  # Pandoc's rule: "$5 and $10" stays prose


def feedback_html(feedback: Feedback) -> str:
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                                     lstrip_blocks=True)
    environment.filters["course_text"] = course_text
    environment.filters["data_uri"] = png_data_uri
    environment.filters["points"] = lambda pair: f"{pair[0]:g} / {pair[1]:g}"
    template = environment.from_string(PAGE)
    late = late_line(feedback) if feedback.late and (feedback.late.days_late or feedback.late.penalty) else ""
    return template.render(feedback=feedback, late=late, share=_share)


def course_text(text: str) -> Markup:
    """The course's own text, escaped, its ``$...$`` math typeset to MathML."""
    parts, last = [], 0
    for match in INLINE_MATH.finditer(text):
        parts += [escape(text[last:match.start()]), Markup(mathml(match.group(1), display=False))]
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def png_data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _share(score: float, max_score: float) -> float:
    """The part of a bar to fill, 0 to 100."""
    return 0.0 if max_score <= 0 else max(0.0, min(100.0, 100 * score / max_score))
