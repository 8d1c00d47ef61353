"""The one device setup of a run: auto takes CUDA exactly when torch sees it; a wrong device is refused early."""

import pytest
import torch

from gradekit.runs import registry
from gradekit.runs.device import pick_device, setup_torch
from gradekit.runs.registry import train_model
from gradekit.runs.settings import RunSettings


def test_auto_device_is_cuda_only_when_present(monkeypatch):
    assert pick_device("auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert pick_device("auto").type == "cuda"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert pick_device("auto").type == "cpu"
    assert pick_device("cpu").type == "cpu"


def test_unknown_or_missing_devices_are_refused_by_name(monkeypatch):
    with pytest.raises(ValueError, match="unknown device 'tpu'"):
        pick_device("tpu")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(ValueError, match="no CUDA device"):
        pick_device("cuda")


def test_a_refused_device_leaves_the_thread_count_alone(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    threads = torch.get_num_threads()
    with pytest.raises(ValueError):
        setup_torch("cuda", threads + 1)
    with pytest.raises(ValueError, match="at least 1"):
        setup_torch("cpu", 0)
    assert torch.get_num_threads() == threads


def test_a_run_trains_on_the_device_auto_picks_and_says_so(tmp_path, monkeypatch):
    """With CUDA present, auto hands the runner the CUDA device and metrics.json names it (the runner is a
    stand-in: no CUDA here to train on)."""
    seen = []
    monkeypatch.setitem(registry.RUNNERS, "vae", lambda run: seen.append(run.device) or {"figures": []})
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    threads = torch.get_num_threads()
    try:
        metrics = train_model("vae", RunSettings(out=tmp_path), show_progress=False)
    finally:
        torch.set_num_threads(threads)
    assert seen == [torch.device("cuda")] and metrics["device"] == "cuda"


def test_no_cuda_stops_the_run_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(ValueError, match="no CUDA device"):
        train_model("dae", RunSettings(out=tmp_path / "out", device="cuda", steps=2), show_progress=False)
    assert not (tmp_path / "out").exists()
