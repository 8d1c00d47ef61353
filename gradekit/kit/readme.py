"""The kit's README.md: how a student installs gradekit, fills in the starters and runs the checks."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2


@dataclass(frozen=True)
class ReadmeRow:
    id: str
    title: str
    module: str
    public_points: float
    points: float  # the problem's whole weight, hidden checks included


README = jinja2.Template('''\
# Student kit: {{ rows | length }} problem{{ "s" if rows | length != 1 }}

This folder is your working folder. For each problem it holds a starter module
to fill in, the statement, and the public checks: the same checks the
instructor's grader runs first, so what passes here passes there.

| problem | you write | statement | points checked here |
|---|---|---|---|
{% for row in rows -%}
| {{ row.title }} | `{{ row.module }}.py` | [Markdown](problems/{{ row.id }}/statement.md), [HTML](problems/{{ row.id }}/statement.html) | {{ "%g" | format(row.public_points) }} of {{ "%g" | format(row.points) }} |
{% endfor %}

## Set up, once

You need Python 3.10 or newer on Linux, macOS or Windows with WSL.

```bash
python -m venv ~/.venvs/gradekit       # outside this folder: the checks copy the folder they check
source ~/.venvs/gradekit/bin/activate
{{ install_command }}
```

Run the last line from this folder: {% if "wheels/" in install_command %}gradekit itself comes from this kit
(`wheels/`, the version your instructor grades with), and pip fetches its
dependencies (numpy, PyTorch, ...) as usual. For PyTorch's smaller CPU-only
build, install it first with
`pip install torch torchvision --index-url https://download.pytorch.org/whl/cpu`.{% else %}it is the
install line your instructor chose.{% endif %}

## Work

Open a starter (`{{ rows[0].module }}.py`, ...) and replace each
`raise NotImplementedError` with your code. Keep the names and signatures:
the grader calls them. The docstrings and statements give the conventions
(log base, reductions, shapes) and the checks hold you to them.

Prefer a notebook? The statements and starters of this kit are also in
{% for notebook in notebooks %}`{{ notebook }}`{{ " and " if not loop.last }}{% endfor %}. Work there instead of the `.py`
files (the grader takes notebooks whose code cells define the same names);
install Jupyter beside gradekit (`pip install jupyterlab`) and open it from
this folder. Below each starter a cell runs that problem's public checks on
the code the notebook has run so far, and shows the result in the notebook:

```python
from gradekit.notebook import check
check("{{ rows[0].id }}")     # one problem; check() checks them all
```

## Check, as often as you like

From this folder, offline:

```bash
{{ check_command }}
```

One problem only: `{{ check_command }} --problem {{ rows[0].id }}`;
the problems and the points their public checks carry: `gradekit list --problems-dir problems`.

The command exits with 0 when every public check passes and 1 otherwise. A
failing check names the property it tests and, for generated inputs, the
smallest input it failed on; a function you have not written yet shows as
"not implemented yet". A warning that bubblewrap is missing concerns
instructors grading other people's code; you can ignore it for your own.

These are the public checks only. The grade adds hidden checks that compare
your functions with the instructor's on inputs you do not see, aimed at the
edges where a wrong convention shows: passing here is necessary, not enough.

## Hand in

Hand in the files you wrote ({% for row in rows %}`{{ row.module }}.py`{{ ", " if not loop.last }}{% endfor %}),
or the notebook, as your instructor asks; the `problems/` folder is not part of
your work.
''', keep_trailing_newline=True, trim_blocks=True)


def readme(rows: list[ReadmeRow], *, install_command: str, check_command: str, notebooks: list[str]) -> str:
    return README.render(rows=rows, install_command=install_command, check_command=check_command,
                         notebooks=notebooks)
