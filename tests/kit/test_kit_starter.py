"""Starters: the references' signatures and docstrings, every body ``raise NotImplementedError``."""

import ast
from pathlib import Path

import pytest

from gradekit.kit.starter import StarterError, starter_source, stub_module

REPO = Path(__file__).resolve().parents[2]

REFERENCE = '''"""A reference (exam Q1)."""

import numpy as np
from gradekit.calc.other import helper

EPS = 1e-12
SCALE = 2.0


def _private(x):
    return x * SCALE


@np.vectorize
def maxout(x: np.ndarray,
           units: int = 4, eps: float = EPS) -> np.ndarray:  # groups are consecutive
    """Max over consecutive groups of the last axis."""
    return _private(x).reshape(-1, units).max(-1)


class Model:
    """A model."""

    width: int = 8

    def __init__(self, width):
        self.width = width

    def forward(self, x):
        """Apply it."""
        return x * self.width

    def _cache(self):
        return {}
'''


def test_stub_keeps_signature_docstring_and_decorators_and_raises_not_implemented():
    starter = stub_module(REFERENCE, ("maxout", "Model"), "Maxout.")
    assert '''@np.vectorize
def maxout(x: np.ndarray,
           units: int = 4, eps: float = EPS) -> np.ndarray:  # groups are consecutive
    """Max over consecutive groups of the last axis."""
    raise NotImplementedError''' in starter
    assert '''    def forward(self, x):
        """Apply it."""
        raise NotImplementedError''' in starter
    assert "def __init__(self, width):\n        raise NotImplementedError" in starter
    assert "width: int = 8" in starter


def test_stub_drops_bodies_private_helpers_gradekit_imports_and_unused_constants():
    starter = stub_module(REFERENCE, ("maxout", "Model"), "Maxout.")
    for secret in ("reshape", "_private", "_cache", "SCALE", "gradekit", "self.width = width", "exam Q1"):
        assert secret not in starter
    assert starter.startswith('"""Maxout."""\n\nimport numpy as np\n\nEPS = 1e-12\n')


def test_stub_names_a_contract_name_the_reference_lacks():
    with pytest.raises(StarterError, match="no function or class tf_idf"):
        stub_module(REFERENCE, ("maxout", "tf_idf"), "x")


def test_hand_written_starter_wins(tmp_path):
    (tmp_path / "starter.py").write_text("def maxout(x, units):\n    ...\n")
    assert starter_source(tmp_path, tmp_path / "missing.py", ("maxout",), "x") == "def maxout(x, units):\n    ...\n"


def test_every_exported_starter_matches_its_reference_signatures(full_kit, all_problems):
    for problem in all_problems:
        starter = ast.parse((full_kit / f"{problem.module}.py").read_text())
        reference = ast.parse((REPO / "references" / f"{problem.module}.py").read_text())
        for name in problem.names:
            stub, answer = (next(n for n in tree.body if getattr(n, "name", None) == name)
                            for tree in (starter, reference))
            assert ast.dump(_signature(stub)) == ast.dump(_signature(answer)), f"{problem.id}: {name}"
            assert ast.get_docstring(stub) == ast.get_docstring(answer)
            functions = [stub] if not isinstance(stub, ast.ClassDef) else [
                f for f in stub.body if isinstance(f, ast.FunctionDef)]
            for function in functions:
                assert isinstance(function.body[-1], ast.Raise), f"{problem.id}: {function.name}"


def _signature(node):
    if isinstance(node, ast.ClassDef):
        return ast.Tuple([*node.bases, *node.decorator_list])
    return ast.Tuple([node.args, node.returns or ast.Constant(None), *node.decorator_list])
