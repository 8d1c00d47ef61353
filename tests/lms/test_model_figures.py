"""Model problems draw what the student's model did: the figures the feedback shows (issue 18).

The VAE's reconstruction check attaches held-out digits, their reconstructions
and samples; the denoising autoencoder's last check attaches clean, noisy and
denoised digits. Each is graded here on the references (trained, so slow).
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from gradekit.grading.runner import grade_submission

FIGURES = {  # problem -> (the check that draws, the figure's name)
    "vae": ("reconstructs_held_out_digits", "reconstructions"),
    "denoising-autoencoder": ("keeps_the_clean_pixels", "denoised"),
}


@pytest.mark.slow
@pytest.mark.parametrize("problem_id", sorted(FIGURES))
def test_a_model_problem_attaches_a_figure_of_the_trained_model(repo, problems, problem_id):
    report = grade_submission(repo / "references", [problems[problem_id]])
    (problem,) = report.problems
    assert problem.score == problem.max_score
    drawn = {check.name: check.figures for check in problem.checks if check.figures}
    check_name, figure_name = FIGURES[problem_id]
    assert list(drawn) == [check_name]  # one figure, once: the other checks that train do not repeat it
    (figure,) = drawn[check_name]
    assert figure.name == figure_name and figure.caption
    pixels = np.asarray(Image.open(io.BytesIO(figure.png)).convert("L"))
    assert pixels.shape[1] > 2.5 * pixels.shape[0]  # three rows of ten digits
    assert pixels.std() > 30  # digits, not a blank
    assert report.to_json()["problems"][0]["checks"][[c.name for c in problem.checks].index(check_name)][
        "figures"][0]["file"] == f"{problem_id}/{check_name}-{figure_name}.png"
