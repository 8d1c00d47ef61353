"""The class report's HTML page (a jinja2 template): one file, its figures inside, no network.

Kept as a string beside the renderer, like the kit's README, so it ships in
the wheel with no package-data rule.
"""

PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class report: {{ source }}</title>
<style>
:root { --ink: #222; --muted: #666; --line: #e3e3e3; --bad: #c0392b; --bad-bg: #fdecea; --ok: #2e7d32;
        --warn: #9a6700; --warn-bg: #fff4d6; --bar: #4c78a8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 68rem; padding: 1.5rem 1.25rem 3rem; color: var(--ink);
       font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
.sub { color: var(--muted); margin: 0 0 1rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .6rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
.card b { display: block; font-size: 1.35rem; }
.card span { color: var(--muted); font-size: .85rem; }
.card.bad { border-color: #f0b7b1; background: var(--bad-bg); }
.figure img { width: 100%; max-width: 27rem; height: auto; display: block; }
.figure.check-map img { max-width: 40rem; margin: .5rem 0; }
.distributions { display: grid; grid-template-columns: repeat(auto-fill, minmax(24rem, 1fr)); gap: 1rem; }
ul.legend { list-style: none; padding: 0; margin: .6rem 0; }
ul.legend li { margin: .15rem 0; }
.problem { border: 1px solid var(--line); border-radius: 6px; padding: .9rem 1rem; margin: 0 0 1rem;
           break-inside: avoid; page-break-inside: avoid; }
.problem-head { display: grid; grid-template-columns: minmax(15rem, 26rem) 1fr; gap: 1.2rem; align-items: start; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .28rem .45rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: .82rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.facts td:first-child { color: var(--muted); }
table.checks { margin-top: .8rem; font-size: .9rem; }
tr.flagged td { background: var(--bad-bg); }
code, .name { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .86em; }
code { overflow-wrap: anywhere; }
.rate { display: inline-block; width: 4.5rem; height: .55rem; background: #eee; border-radius: 2px;
        vertical-align: middle; margin-left: .35rem; position: relative; overflow: hidden; }
.rate i { position: absolute; left: 0; top: 0; bottom: 0; background: var(--bar); }
.flag { display: inline-block; border-radius: 3px; padding: 0 .35rem; margin: 0 .2rem .15rem 0; font-size: .78rem;
        white-space: nowrap; background: var(--bad-bg); color: var(--bad); border: 1px solid #f0b7b1; }
.flag.everybody-passes { background: var(--warn-bg); color: var(--warn); border-color: #ecd08a; }
.failure { color: var(--muted); font-size: .84rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.neg { color: var(--bad); font-weight: 600; }
.note { color: var(--muted); font-size: .88rem; }
.hidden-tag { color: var(--muted); font-size: .78rem; }
.description { color: var(--muted); font-size: .8rem; line-height: 1.3; }
.none { color: var(--muted); font-style: italic; }
@media (max-width: 44rem) { .problem-head { grid-template-columns: 1fr; } }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .card, .problem { border-color: #ccc; }
  tr, .figure { break-inside: avoid; page-break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@page { margin: 14mm 12mm; }
</style>
</head>
<body>
<h1>Class report</h1>
<p class="sub">{{ stats.students }} student{{ "s" if stats.students != 1 }} graded in <code>{{ source }}</code>,
{{ stats.problems | length }} problem{{ "s" if stats.problems | length != 1 }},
{{ stats.checks | length }} checks.</p>

<div class="cards">
  <div class="card"><b>{{ stats.students }}</b><span>students</span></div>
  <div class="card"><b>{{ fmt(stats.total.mean) }} / {{ "%g" | format(stats.total.max_score) }}</b><span>mean score</span></div>
  <div class="card"><b>{{ fmt(stats.total.median) }}</b><span>median score</span></div>
  <div class="card{{ ' bad' if stats.flagged }}"><b>{{ stats.flagged | length }}</b><span>checks to review</span></div>
  <div class="card{{ ' bad' if stats.incidents }}"><b>{{ stats.incidents | length }}</b><span>limits hit or grading errors</span></div>
</div>

<h2 id="distributions">Scores</h2>
<div class="distributions">
{% for d in overview %}
  <div class="figure histogram" data-id="{{ d.id }}">
    <h3>{{ label(d.id) }}</h3>
    <img alt="histogram of the scores: {{ label(d.id) }}" src="{{ figures[d.id] }}">
    <p class="note">mean {{ fmt(d.mean) }}, median {{ fmt(d.median) }}, of {{ "%g" | format(d.max_score) }}; {{ d.students }} students</p>
  </div>
{% endfor %}
</div>

<h2 id="review">Checks to review</h2>
{% if stats.flagged %}
<table class="checks review">
  <tr><th>problem</th><th>check</th><th class="num">pass rate</th><th class="num">discrimination</th><th>why</th><th>most common failure</th></tr>
  {% for c in stats.flagged %}
  <tr class="{{ 'flagged' if c.flags | reject('equalto', 'everybody-passes') | list }}">
    <td>{{ c.problem }}</td><td><span class="name">{{ breakable(c.name) }}</span>
      {% if c.description %}<div class="description">{{ c.description }}</div>{% endif %}</td>
    <td class="num">{{ pct(c.pass_rate) }}</td>
    <td class="num{{ ' neg' if c.discrimination is not none and c.discrimination < 0 }}">{{ fmt(c.discrimination, 2) }}</td>
    <td>{% for f in c.flags %}<span class="flag {{ f }}" title="{{ explain[f] }}">{{ f | replace('-', ' ') }}</span>{% endfor %}</td>
    <td class="failure">{{ failure(c) }}</td>
  </tr>
  {% endfor %}
</table>
<ul class="note legend">
  {% for f, text in explain.items() %}<li><span class="flag {{ f }}">{{ f | replace('-', ' ') }}</span> {{ text }}</li>
  {% endfor %}
</ul>
{% else %}
<p class="none">No check is flagged: each is passed by some students and failed by others, and none correlates negatively with the rest of the score.</p>
{% endif %}
{% if check_map %}
<div class="figure check-map"><img alt="every check: pass rate and discrimination" src="{{ check_map }}"></div>
<p class="note">Each point is a check: across, the share of students passing it; up, its discrimination (the
correlation of passing it with the rest of the student's score, the check's own points left out). Checks in the
shaded band do better with weaker students. A cross marks a check whose discrimination is undefined (everybody or
nobody passes it).</p>
{% endif %}

<h2 id="problems">Problems</h2>
{% for p in stats.problems %}
<section class="problem" id="problem-{{ p.id }}">
  <h3>{{ label(p.id) }}</h3>
  <div class="problem-head">
    <div class="figure histogram" data-id="{{ p.id }}"><img alt="histogram of the scores: {{ p.id }}" src="{{ figures[p.id] }}"></div>
    <table class="facts">
      <tr><td>mean / median</td><td class="num">{{ fmt(p.mean) }} / {{ fmt(p.median) }} of {{ "%g" | format(p.max_score) }}</td></tr>
      <tr><td>students</td><td class="num">{{ p.students }}</td></tr>
      <tr><td>graded (their code ran)</td><td class="num">{{ p.statuses.graded }}</td></tr>
      <tr><td>missing</td><td class="num">{{ p.statuses.missing }}</td></tr>
      <tr><td>errored (import failed)</td><td class="num">{{ p.statuses.errored }}</td></tr>
      <tr><td>timed out</td><td class="num">{{ p.statuses.timed_out }}</td></tr>
      <tr><td>time per student</td><td class="num">{{ seconds(p.seconds_per_student) }}</td></tr>
    </table>
  </div>
  <table class="checks">
    <tr><th>check</th><th class="num">points</th><th class="num">pass rate</th><th class="num">discrimination</th><th>flags</th><th>most common failure</th></tr>
    {% for c in checks_of[p.id] %}
    <tr class="{{ 'flagged' if c.flags | reject('equalto', 'everybody-passes') | list }}">
      <td><span class="name">{{ breakable(c.name) }}</span>{% if c.visibility == 'hidden' %} <span class="hidden-tag">(hidden)</span>{% endif %}
        {% if c.description %}<div class="description">{{ c.description }}</div>{% endif %}</td>
      <td class="num">{{ "%g" | format(c.max_score) }}</td>
      <td class="num">{{ pct(c.pass_rate) }}<span class="rate"><i style="width: {{ ((c.pass_rate or 0) * 100) | round(1) }}%"></i></span></td>
      <td class="num{{ ' neg' if c.discrimination is not none and c.discrimination < 0 }}">{{ fmt(c.discrimination, 2) }}</td>
      <td>{% for f in c.flags %}<span class="flag {{ f }}" title="{{ explain[f] }}">{{ f | replace('-', ' ') }}</span>{% endfor %}</td>
      <td class="failure">{{ failure(c) }}</td>
    </tr>
    {% endfor %}
  </table>
</section>
{% endfor %}

<h2 id="incidents">Limits hit and grading errors</h2>
{% if stats.incidents %}
<table class="incidents">
  <tr><th>student</th><th>problem</th><th>what</th><th>message</th></tr>
  {% for i in stats.incidents %}
  <tr><td>{{ i.student }}</td><td>{{ i.problem or "(all)" }}</td><td>{{ i.kind }}</td><td class="failure">{{ i.message | truncate(400) }}</td></tr>
  {% endfor %}
</table>
{% if stats.grader_errors %}<p class="note">Reports the grader failed on are left out of every statistic; run
<code>gradekit grade-all</code> again to retry them.</p>{% endif %}
{% else %}
<p class="none">No run hit a limit, and the grader graded every student.</p>
{% endif %}

<h2 id="slowest">Slowest problems</h2>
{% if stats.slowest %}
<table class="slowest">
  <tr><th>problem</th><th class="num">time per student</th><th class="num">students timed</th></tr>
  {% for p in stats.slowest[:10] %}
  <tr><td>{{ label(p.id) }}</td><td class="num">{{ seconds(p.seconds_per_student) }}</td><td class="num">{{ p.statuses.graded }}</td></tr>
  {% endfor %}
</table>
{% else %}
<p class="none">These reports record no time per problem (written by a gradekit that did not yet record it).</p>
{% endif %}
</body>
</html>
"""
