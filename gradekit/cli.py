"""The ``gradekit`` command: typer wiring only.

Each verb is a module of ``gradekit.commands`` (one verb, one module) whose
function takes keyword arguments, so tests can call it directly.
"""

from __future__ import annotations

import typer

from gradekit.commands import register_all

app = typer.Typer(help="Autograding, quiz sheets and reference models for Generative AI courses.",
                  no_args_is_help=True, add_completion=False)


@app.callback()
def _stop_in_order(context: typer.Context) -> None:
    """SIGTERM and SIGHUP end any verb through its cleanup: no sandbox, cgroup or staging copy is left."""
    from gradekit.grading import termination

    context.call_on_close(termination.install())


register_all(app)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
