"""Reference models: training recipes, evaluation and sweeps, one module per model family.

The modules and losses a student also writes live in ``references/`` (imported
through ``gradekit.calc``), so the grader and these recipes share one copy.
``training`` is the loop every family uses; ``evaluation`` holds the metrics
(numpy in, numbers out). Training loops do no I/O: ``gradekit train`` does it.
"""
