"""The feedback page's Jinja2 template (autoescaped: every value is text unless marked as markup)."""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ feedback.title }}: {{ feedback.student }}</title>
<style>
:root { --ink: #1d2330; --muted: #5b6473; --line: #dde1e7; --pass: #1f7a3f; --fail: #b3261e; --soft: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
main { max-width: 54rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
header { border-bottom: 2px solid var(--ink); padding-bottom: .75rem; margin-bottom: 1.25rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.who { color: var(--muted); margin: 0; }
.total { font-size: 2rem; font-weight: 700; margin: .25rem 0 0; font-variant-numeric: tabular-nums; }
.total small { font-size: 1rem; color: var(--muted); font-weight: 400; }
.late { color: #8a5300; background: #fff4e0; padding: .35rem .6rem; border-radius: 4px; display: inline-block; }
table.summary { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
table.summary td, table.summary th { padding: .35rem .5rem; border-bottom: 1px solid var(--line); text-align: left; }
table.summary td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; width: 7rem; }
.bar { width: 8rem; height: .6rem; background: var(--soft); border-radius: 3px; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--pass); }
.status { font-size: .8rem; color: var(--fail); margin-left: .4rem; }
section.problem { margin-top: 2rem; }
section.problem h2 { font-size: 1.2rem; margin: 0; display: flex; justify-content: space-between; gap: 1rem;
  border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
section.problem h2 .num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.summaryline { color: var(--muted); margin: .3rem 0 .6rem; }
ul.checks { list-style: none; padding: 0; margin: 0; }
ul.checks > li { padding: .55rem 0 .55rem 1.9rem; border-bottom: 1px solid var(--line); position: relative; }
ul.checks > li::before { position: absolute; left: .2rem; top: .5rem; font-weight: 700; font-size: 1.1rem; }
ul.checks > li.pass::before { content: "\\2713"; color: var(--pass); }
ul.checks > li.fail::before { content: "\\2717"; color: var(--fail); }
ul.checks > li.hand::before { content: "\\270E"; color: #3b6fb6; }
.check-head { display: flex; justify-content: space-between; gap: 1rem; }
.check-head .num { white-space: nowrap; color: var(--muted); font-variant-numeric: tabular-nums; }
.tag { font-size: .75rem; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 .3rem;
  margin-left: .3rem; }
.note { color: var(--pass); margin: .2rem 0 0; }
li.hand .note { color: var(--ink); font-style: italic; }
.label { font-size: .8rem; color: var(--muted); margin: .45rem 0 .1rem; }
pre { background: var(--soft); border-left: 3px solid var(--fail); padding: .5rem .7rem; margin: .2rem 0;
  white-space: pre-wrap; overflow-wrap: anywhere; font: .88rem/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
pre.input { border-left-color: #3b6fb6; }
pre.trace { border-left-color: var(--line); color: var(--muted); }
figure { margin: .6rem 0 .2rem; }
figure img { image-rendering: pixelated; max-width: 100%; border: 1px solid var(--line); }
figcaption { font-size: .88rem; color: var(--muted); }
.hidden-total { color: var(--muted); padding: .55rem 0 0 1.9rem; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .5rem; }
math { font-size: 1.05em; }
code.tex { background: var(--soft); }
@media print { pre { break-inside: avoid; } figure { break-inside: avoid; } }
</style>
</head>
<body>
<main>
<header>
  <h1>{{ feedback.title }}</h1>
  <p class="who">{{ feedback.student }}</p>
  <p class="total">{{ (feedback.score, feedback.max_score) | points }} <small>points</small></p>
  {% if late %}<p class="late">{{ late }}</p>{% endif %}
</header>

<table class="summary">
  <thead><tr><th>problem</th><th></th><th class="num">score</th></tr></thead>
  <tbody>
  {% for problem in feedback.problems %}
    <tr>
      <td><a href="#{{ problem.id }}">{{ problem.title | course_text }}</a>
        {%- if problem.status != "graded" %}<span class="status">{{ problem.status }}</span>{% endif %}</td>
      <td><div class="bar"><span style="width: {{ '%.1f' | format(share(problem.score, problem.max_score)) }}%"></span></div></td>
      <td class="num">{{ (problem.score, problem.max_score) | points }}</td>
    </tr>
  {% endfor %}
  </tbody>
</table>

{% for problem in feedback.problems %}
<section class="problem" id="{{ problem.id }}">
  <h2><span>{{ problem.title | course_text }}</span><span class="num">{{ (problem.score, problem.max_score) | points }}</span></h2>
  {% if problem.summary %}<p class="summaryline">{{ problem.summary | course_text }}</p>{% endif %}
  {% if problem.shared_why %}
  <p class="label">every check failed for one reason</p>
  <pre>{{ problem.shared_why }}</pre>
  {% endif %}
  <ul class="checks">
  {% for check in problem.checks %}
    <li class="{{ 'hand' if check.hand_marked else 'pass' if check.passed else 'fail' }}">
      <div class="check-head">
        <span>{{ check.description | course_text }}{% if check.visibility != "public" %}<span class="tag">hidden</span>{% endif %}
          {%- if check.hand_marked %}<span class="tag">marked by hand</span>{% endif %}</span>
        <span class="num">{{ (check.score, check.max_score) | points }}</span>
      </div>
      {% if check.note %}<p class="note">{{ check.note }}</p>{% endif %}
      {% if not check.passed and not problem.shared_why %}
        {% if check.why %}<pre>{{ check.why }}</pre>{% endif %}
        {% if check.smallest_input %}<p class="label">smallest failing input</p><pre class="input">{{ check.smallest_input }}</pre>{% endif %}
        {% if check.traceback %}<pre class="trace">{{ check.traceback }}</pre>{% endif %}
      {% endif %}
      {% for figure in check.figures %}
      <figure>
        {% if figure.png is not none %}<img src="{{ figure.png | data_uri }}" alt="{{ figure.caption }}">{% else %}<p class="label">(figure file missing)</p>{% endif %}
        <figcaption>{{ figure.caption | course_text }}</figcaption>
      </figure>
      {% endfor %}
    </li>
  {% endfor %}
  </ul>
  {% if problem.hidden %}
  <p class="hidden-total">{{ problem.hidden.count }} hidden check(s): {{ problem.hidden.passed }} passed,
    {{ (problem.hidden.score, problem.hidden.max_score) | points }} points</p>
  {% endif %}
</section>
{% endfor %}

<footer>{{ feedback.hidden_note }}. Written by gradekit.</footer>
</main>
</body>
</html>
"""
