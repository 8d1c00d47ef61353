"""The harness support staged into the sandbox: memoised runs, seeded batches, fixed steps, the runaway guard."""

import ast
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from gradekit.grading import harness_support as support
from gradekit.grading.checks import CheckFailed
from gradekit.grading.sandbox import stage_worker
from gradekit.grading.training_runs import expect_full_run

SUPPORT_DIR = Path(support.__file__).parent


def test_the_support_imports_only_the_standard_library_numpy_and_torch():
    allowed = set(sys.stdlib_module_names) | {"numpy", "torch"}
    for path in SUPPORT_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                roots = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                roots = {node.module.split(".")[0]}
            else:
                continue
            assert roots <= allowed, f"{path.name} imports {roots - allowed}"


def test_staged_support_imports_beside_the_worker_without_loading_gradekit(tmp_path):
    worker = stage_worker(tmp_path / "worker")
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import gradekit_support as s; "
            "print(not any(m.split('.')[0] == 'gradekit' for m in sys.modules), s.fingerprint([1]) != '')")
    out = subprocess.run([sys.executable, "-I", "-c", code, str(worker)], cwd=tmp_path, capture_output=True,
                         text=True, check=True)
    assert out.stdout.split() == ["True", "True"]


def test_fingerprints_tell_arrays_apart_by_content_shape_and_dtype():
    a = np.arange(6, dtype=np.float32)
    assert support.fingerprint({"x": a, "n": 3}) == support.fingerprint({"n": 3, "x": a.copy()})
    assert support.fingerprint(a) == support.fingerprint(torch.from_numpy(a))
    for other in (a.reshape(2, 3), a.astype(np.float64), a + 1):
        assert support.fingerprint(a) != support.fingerprint(other)


def test_the_same_request_returns_the_same_run_without_training_again():
    runs, fits = support.RunCache(), []

    def fit():
        fits.append(1)
        return {"run": len(fits)}

    first = runs.get("vae", {"steps": 5, "x": np.ones(3)}, fit)
    assert runs.get("vae", {"steps": 5, "x": np.ones(3)}, fit) is first
    assert runs.get("vae", {"steps": 6, "x": np.ones(3)}, fit) == {"run": 2}
    assert runs.latest("vae") == {"run": 2} and len(fits) == 2
    with pytest.raises(RuntimeError, match="no conv has been trained"):
        runs.latest("conv")


def test_epoch_batches_visit_every_item_once_per_epoch_with_no_short_batch():
    batches = support.EpochBatches(10, 3, torch.Generator().manual_seed(0))
    epoch = torch.cat([batches.next() for _ in range(3)])  # 9 of the 10; the 10th would make a short batch
    assert len(set(epoch.tolist())) == 9
    again = support.EpochBatches(10, 3, torch.Generator().manual_seed(0))
    assert torch.equal(torch.cat([again.next() for _ in range(3)]), epoch)
    assert len(batches.next()) == 3  # a new epoch in a new order


def test_random_batches_are_seeded_draws_with_replacement():
    first = support.RandomBatches(5, 40, torch.Generator().manual_seed(1)).next()
    assert torch.equal(first, support.RandomBatches(5, 40, torch.Generator().manual_seed(1)).next())
    assert set(first.tolist()) == set(range(5))


def test_fixed_steps_runs_every_step_and_logs_named_losses():
    run = support.fixed_steps(lambda i: {"d": torch.tensor(float(i)), "g": -i}, 4, runaway_seconds=60)
    assert run["steps"] == run["of_steps"] == 4 and not run["runaway"]
    assert run["d_losses"].tolist() == [0, 1, 2, 3] and run["g_losses"].tolist() == [0, -1, -2, -3]
    assert expect_full_run(run, 4).steps == 4


def test_the_runaway_guard_stops_training_and_the_grader_says_why():
    run = support.fixed_steps(lambda i: 1.0, 4, runaway_seconds=-1)  # a limit already passed
    assert run["steps"] == 0 and run["runaway"]
    with pytest.raises(CheckFailed, match="stopped after 0 of 4 steps"):
        expect_full_run(run, 4, "training")
    with pytest.raises(CheckFailed, match="did not report its steps"):
        expect_full_run([1, 2], 4)


def test_the_runaway_guard_counts_cpu_time_so_a_busy_machine_cannot_trip_it():
    import time

    def waits(_):  # what a step looks like when other processes hold the cores: time passes, no CPU is used
        time.sleep(0.1)
        return 1.0

    assert not support.fixed_steps(waits, 5, runaway_seconds=0.2)["runaway"]

    def computes(_):
        started = time.process_time()
        while time.process_time() - started < 0.1:
            pass
        return 1.0

    run = support.fixed_steps(computes, 5, runaway_seconds=0.2)
    assert run["runaway"] and 2 <= run["steps"] < 5


def test_build_gives_the_same_initial_weights_for_the_same_seed():
    first, second = (support.build(torch.nn.Linear, 3, in_features=4, out_features=2) for _ in range(2))
    assert torch.equal(first.weight, second.weight) and not first.training
