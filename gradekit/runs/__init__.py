"""Reference-model runs, what ``gradekit train MODEL`` does: data, training, evaluation, figures, metrics.json.

In the order a run flows:

- ``settings``: ``RunSettings``, what the command line asks of a run, and ``Run``, one run under way;
- ``data_choice``: which data each model trains on by default and which ``--data`` kinds it takes
  (``gradekit.data.spec`` parses the option);
- ``device``: the one device and thread setup;
- ``progress``: the rich progress bar the training loops report their steps to;
- one module per model family (``autoencoders``, ``vae``, ``gans``, ``diffusion``, ``cyclegan``):
  ``run_<model>(run) -> result`` loads its data, trains with ``gradekit.models``' loops (which do no
  I/O), evaluates with ``gradekit.metrics`` and draws its PNG figures with ``gradekit.figures``;
- ``registry``: the runner of each model and ``train_model``, which writes ``metrics.json``;
- ``summary``: a run's headline numbers as a rich table, for the command to print.

This ``__init__`` imports nothing, so ``gradekit.runs.device`` and ``data_choice`` load without the
models (and without the references they are built from).
"""
