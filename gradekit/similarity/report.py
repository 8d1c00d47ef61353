"""The similarity report as a spreadsheet (CSV) and a page (self-contained HTML).

The page needs nothing from the network: inline CSS, no script, no font. Each
reported pair opens to the two solutions side by side, with the lines their
shared fingerprints cover highlighted. Everything a student wrote (names,
code) is cleaned of control characters and escaped; CSV cells that a
spreadsheet would run as formulas are quoted (``safe_text.csv_cell``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

import jinja2

from gradekit.safe_text import clean, csv_cell
from gradekit.similarity.compare import Pair, SimilarityConfig

MAX_SHOWN_LINES = 400  # of each solution in the page; the CSV has every pair's numbers


@dataclass(frozen=True)
class ProblemPairs:
    problem: str
    title: str
    students: int  # solutions compared
    pairs: tuple[Pair, ...]  # most similar first (every pair that shares a fingerprint)


def reported(pairs: Sequence[Pair], top: int) -> list[Pair]:
    """Every flagged pair, then the most similar others, up to ``top`` in all (flagged ones are never cut)."""
    flagged = [p for p in pairs if p.flagged]
    return flagged + [p for p in pairs if not p.flagged][:max(0, top - len(flagged))]


def pairs_csv(results: Sequence[ProblemPairs], top: int) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["problem", "student_a", "student_b", "similarity", "shared_fingerprints", "share_of_a",
                     "share_of_b", "flagged", "file_a", "file_b"])
    for result in results:
        for pair in reported(result.pairs, top):
            writer.writerow([csv_cell(result.problem), csv_cell(clean(pair.a.student)), csv_cell(clean(pair.b.student)),
                             f"{pair.similarity:.3f}", pair.shared, f"{pair.share_a:.3f}", f"{pair.share_b:.3f}",
                             "yes" if pair.flagged else "no", csv_cell(clean(pair.a.origin)),
                             csv_cell(clean(pair.b.origin))])
    return buffer.getvalue()


def side_by_side(pair: Pair) -> list[tuple[str, bool, str, bool]]:
    """Rows of the two sources: (line of a, shared?, line of b, shared?), the shorter padded with ''."""
    def lines(source: str, shared: tuple[int, ...]) -> list[tuple[str, bool]]:
        marked = set(shared)
        text = clean(source).splitlines()[:MAX_SHOWN_LINES]
        return [(f"{number:>4}  {line}", number in marked) for number, line in enumerate(text, start=1)]

    left, right = lines(pair.a.source, pair.lines_a), lines(pair.b.source, pair.lines_b)
    rows = max(len(left), len(right))
    left += [("", False)] * (rows - len(left))
    right += [("", False)] * (rows - len(right))
    return [(a, a_shared, b, b_shared) for (a, a_shared), (b, b_shared) in zip(left, right, strict=True)]


PAGE = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string("""\
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table.pairs { border-collapse: collapse; margin-bottom: 1em; }
table.pairs td, table.pairs th { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; }
tr.flagged td { background: #fde2e1; }
table.code { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.code td { vertical-align: top; padding: 0 0.5em; font-family: ui-monospace, monospace; font-size: 0.85em;
                white-space: pre-wrap; overflow-wrap: anywhere; }
td.shared { background: #fff1a8; }
details { margin: 0.5em 0 1em; }
summary { cursor: pointer; }
.note { color: #555; }
</style></head><body>
<h1>{{ title }}</h1>
<p class="note">Pairs whose solutions share at least {{ "%.0f" | format(config.threshold * 100) }}% of the smaller
one's fingerprints (and {{ config.min_shared }} or more) are flagged, after renaming, comments, formatting, imports
and the starter's own code are set aside. A flag asks for a look, not a verdict: compare the highlighted lines.</p>
{% if notes %}<ul class="note">{% for note in notes %}<li>{{ note }}</li>{% endfor %}</ul>{% endif %}
{% for result in results %}
<h2>{{ result.title }} ({{ result.problem }})</h2>
{% set shown = reported(result.pairs, config.top) %}
<p class="note">{{ result.students }} solutions compared; {{ result.pairs | selectattr("flagged") | list | length }}
pair(s) flagged.</p>
{% if shown %}
<table class="pairs">
<tr><th>#</th><th>student</th><th>student</th><th>similarity</th><th>shared</th><th>flagged</th></tr>
{% for pair in shown %}
<tr{% if pair.flagged %} class="flagged"{% endif %}><td>{{ loop.index }}</td><td>{{ clean(pair.a.student) }}</td>
<td>{{ clean(pair.b.student) }}</td><td>{{ "%.0f" | format(pair.similarity * 100) }}%</td><td>{{ pair.shared }}</td>
<td>{{ "yes" if pair.flagged else "" }}</td></tr>
{% endfor %}</table>
{% for pair in shown %}
<details{% if pair.flagged and loop.index <= 3 %} open{% endif %}>
<summary>{{ loop.index }}. {{ clean(pair.a.student) }} ({{ clean(pair.a.origin) }}) and {{ clean(pair.b.student) }}
({{ clean(pair.b.origin) }}): {{ "%.0f" | format(pair.similarity * 100) }}%</summary>
<table class="code">
{% for a, a_shared, b, b_shared in side_by_side(pair) %}
<tr><td{% if a_shared %} class="shared"{% endif %}>{{ a }}</td>
<td{% if b_shared %} class="shared"{% endif %}>{{ b }}</td></tr>
{% endfor %}</table>
</details>
{% endfor %}
{% else %}<p>No two solutions share a fingerprint.</p>{% endif %}
{% endfor %}
</body></html>
""")


def report_html(results: Sequence[ProblemPairs], config: SimilarityConfig, notes: Sequence[str] = (),
                title: str = "Similarity report") -> str:
    return PAGE.render(results=list(results), config=config, notes=[clean(n) for n in notes], title=clean(title),
                       reported=reported, side_by_side=side_by_side, clean=clean)
