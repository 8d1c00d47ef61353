"""Which data each model of `gradekit train` takes: checked before a run starts, refused with what it takes."""

import ast
from pathlib import Path

import pytest

import gradekit.runs
from gradekit.data.spec import KINDS, parse_data
from gradekit.runs.data_choice import MODELS, choose_data
from gradekit.runs.registry import RUNNERS


def test_every_model_has_a_runner_and_its_default_data_is_one_it_takes():
    assert RUNNERS.keys() == MODELS.keys()
    for model, choice in MODELS.items():
        spec = choose_data(model, None)
        assert (spec is None) == choice.draws_its_own
        assert spec is None or spec.kind in choice.kinds


@pytest.mark.parametrize(("model", "data", "why"), [
    ("vae", "faces", "unknown data 'faces'"),
    ("dcgan", "digits", "unknown data 'digits'"),
    ("cgan", "digits:16", "cgan trains on digits only"),  # its generator draws 8x8 digits
    ("cgan", "mnist:somewhere", "cgan trains on"),
    ("cyclegan", "folders:one", "names two folders"),
    ("latent-arithmetic", "squares:many", "positive integer"),
    ("toy-gan", "digits", "draws its own points"),
    ("nonsense", None, "unknown model"),
])
def test_data_a_model_cannot_train_on_is_refused(model, data, why):
    with pytest.raises(ValueError, match=why):
        choose_data(model, data)


def test_the_spec_keeps_its_argument():
    assert str(choose_data("dcgan", "faces:64")) == "faces:64"
    assert choose_data("latent-arithmetic", "squares").number(default=3000) == 3000
    assert [p.name for p in choose_data("cyclegan", "folders:/a/horses,/b/zebras").folders] == ["horses", "zebras"]
    assert choose_data("toy-gan", "quadratic curve") is None  # its own default, named


@pytest.mark.parametrize("text", ["digits:", "mnist", "folder:", "digits:0", "faces:-3", "folders:a,"])
def test_malformed_arguments_are_refused(text):
    with pytest.raises(ValueError):
        parse_data(text, KINDS)


def test_the_runs_import_no_command():
    """The runs sit below the CLI: no module of gradekit.runs imports gradekit.commands (no circle)."""
    for path in Path(gradekit.runs.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("gradekit.commands"), path.name
