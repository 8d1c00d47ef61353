"""Reference models: training recipes, evaluation and sweeps, one module per model family.

The modules and losses a student also writes live in ``references/`` (imported
through ``gradekit.calc``), so the grader and these recipes share one copy.
``training`` is the loop every family uses; the metrics they are judged by
are ``gradekit.metrics``' (numpy in, numbers out); ``reference_runs``
measures a model problem's metrics on the references, the evidence for its
thresholds. Training loops do no I/O: ``gradekit.runs`` (``gradekit train``)
loads the data, picks the device and draws the figures.
"""
