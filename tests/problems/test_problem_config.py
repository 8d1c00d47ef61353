"""problem.toml is read once into typed config; every mistake in it names the file and the key."""

import math
import pickle
from pathlib import Path

import pytest

from gradekit.grading.checks import CheckFailed
from gradekit.grading.problem import ProblemError, Threshold, discover, load_problem, problem_here

REPO = Path(__file__).resolve().parents[2]
HEAD = 'title = "T"\npoints = 10\nmodule = "m"\nnames = ["f"]\n'
TRAINING = '[training]\nsteps = 100\nbatch_size = 8\nlearning_rate = 0.01\nseed = 0\nlatent_dim = 4\nbetas = [0.5, 0.9]\n'


def problem_from(tmp_path: Path, toml: str):
    folder = tmp_path / "p"
    folder.mkdir(exist_ok=True)
    (folder / "problem.toml").write_text(toml)
    return load_problem(folder)


def test_every_shipped_problem_toml_reads():
    problems = discover(REPO / "problems")
    assert len(problems) >= 25
    assert all(p.training is not None for p in problems if p.thresholds)


@pytest.mark.parametrize(("toml", "says"), [
    (HEAD + "max_example = 3\n", "unknown key 'max_example'; did you mean 'max_examples'"),
    (HEAD + "example_image = 'x'\n", r"goes in a \[statement\] table"),
    (HEAD + "[limit]\nwall_seconds = 3\n", r"unknown table \[limit\]; did you mean \[limits\]"),
    (HEAD + "[limits]\nwall_second = 3\n", "unknown limits"),
    (HEAD + "[limits]\nwall_seconds = 5\ncall_seconds = 10\n", "call_seconds = 10 exceeds wall_seconds = 5"),
    (HEAD + "[limits]\nwall_seconds = '5'\n", "wall_seconds should be"),
    (HEAD + "[metrics]\nfid = 3\n", "fid: a threshold is named <metric>_max"),
    (HEAD + "[metrics]\nfid_max = 3\nfid_min = 1\n", "keep one bound per metric"),
    (HEAD + "[training]\nsteps = 10\n", "missing batch_size"),
    (HEAD + "[training]\nsteps = 1.5\nbatch_size = 8\nlearning_rate = 0.1\nseed = 0\n", "steps should be an integer"),
    (HEAD + "[limits]\ncall_seconds = 10\n" + TRAINING + "seconds = 30\n", "seconds = 30 must be below"),
    (HEAD + 'harness = ["harness.py"]\n', "harness lists harness.py"),
    (HEAD.replace('"m"', '"m.py"'), "not a Python module name"),
    ('title = "T"\npoints = 1\n', "missing module, names"),
    (HEAD + "[statement]\ntitle = 'again'\n", r"\[statement\] redefines title"),
])
def test_a_mistake_in_problem_toml_names_the_file_and_the_key(tmp_path, toml, says):
    with pytest.raises(ProblemError, match=says) as raised:
        problem_from(tmp_path, toml)
    assert str(tmp_path / "p" / "problem.toml") in str(raised.value)


def test_training_settings_are_typed_and_become_keyword_arguments(tmp_path):
    training = problem_from(tmp_path, HEAD + "[limits]\ncall_seconds = 10\n" + TRAINING + "seconds = 5\n").training
    assert (training.steps, training.seconds, training.latent_dim, training["betas"]) == (100, 5, 4, (0.5, 0.9))
    assert training.as_kwargs() == {"steps": 100, "batch_size": 8, "learning_rate": 0.01, "seed": 0,
                                    "data_seed": 0, "seconds": 5, "latent_dim": 4, "betas": [0.5, 0.9]}
    assert training.as_kwargs("steps", "latent_dim", seed=3) == {"steps": 100, "latent_dim": 4, "seed": 3}
    with pytest.raises(KeyError, match="no setting 'width'"):
        training.as_kwargs(width=3)
    with pytest.raises(AttributeError):
        training.width


def test_thresholds_know_their_direction_and_never_pass_nan(tmp_path):
    problem = problem_from(tmp_path, HEAD + "[metrics]\nfid_max = 3000\naccuracy_min = 0.8\n")
    fid, accuracy = problem.threshold("fid"), problem.threshold("accuracy")
    assert fid == Threshold("fid", 3000.0, "max") and fid.key == "fid_max"
    assert fid.passes(2999.9) and fid.passes(3000) and not fid.passes(3000.1)
    assert accuracy.passes(0.8) and not accuracy.passes(0.79)
    assert not any(t.passes(v) for t in (fid, accuracy) for v in (math.nan, math.inf, -math.inf))
    assert fid.note(935.71, "FID") == "FID 935.7, at most 3000"
    assert accuracy.judge(0.9, "label accuracy", after="after 1200 steps") == "label accuracy 0.9 after 1200 steps, at least 0.8"
    with pytest.raises(CheckFailed, match="FID nan; it should be at most 3000"):
        fid.judge(math.nan, "FID")
    with pytest.raises(ProblemError, match="no threshold for 'psnr'"):
        problem.threshold("psnr")


def test_statement_values_reach_the_template_at_the_top_level(tmp_path):
    problem = problem_from(tmp_path, HEAD + TRAINING + "[statement]\nexample = 'a 4x4 image'\n[schedule]\nT = 1000\n")
    context = problem.statement_context()
    assert context["example"] == "a 4x4 image" and context["training"]["betas"] == [0.5, 0.9]
    assert problem.table("schedule")["T"] == 1000
    with pytest.raises(ProblemError, match=r"no \[queries\] table"):
        problem.table("queries")


def test_a_problem_travels_to_helper_processes_and_is_read_once_per_folder():
    vae = problem_here(REPO / "problems" / "vae" / "metrics.py")
    assert vae is problem_here(REPO / "problems" / "vae" / "hidden_checks.py")
    copy = pickle.loads(pickle.dumps(vae))
    assert copy == vae and copy.training.latent_dim == vae.training.latent_dim
    assert copy.thresholds == vae.thresholds


def test_the_runaway_guard_stays_below_the_call_limit(tmp_path):
    with pytest.raises(ProblemError, match="runaway_seconds = 60 must be below"):
        problem_from(tmp_path, HEAD + "[limits]\ncall_seconds = 60\n" + TRAINING + "runaway_seconds = 60\n")
    training = problem_from(tmp_path, HEAD + "[limits]\ncall_seconds = 60\n" + TRAINING + "runaway_seconds = 45\n").training
    assert training.runaway_seconds == 45 and training.as_kwargs("runaway_seconds") == {"runaway_seconds": 45}
