"""The kit of every problem holds no reference, no hidden check, and nothing that imports them.

Searched independently of the exporter's own audit: every reference function's
body (and each of its longer statements), every hidden check's name and
description, every file of references/ byte for byte.
"""

import ast
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from gradekit.kit import audit
from gradekit.kit.audit import KitLeak, audit_kit

REPO = Path(__file__).resolve().parents[2]
LONG_STATEMENT = 30  # characters, spaces aside: shorter lines (`return x`) occur in any code


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def kit_files(kit: Path) -> dict[str, bytes]:
    """Every file of the kit, and every member of the gradekit wheel it carries (``wheels/x.whl!member``)."""
    files = {}
    for path in kit.rglob("*"):
        if path.is_file():
            files[str(path.relative_to(kit))] = path.read_bytes()
            if path.suffix == ".whl":
                with zipfile.ZipFile(path) as wheel:
                    files |= {f"{path.relative_to(kit)}!{name}": wheel.read(name) for name in wheel.namelist()}
    return files


def kit_texts(kit: Path) -> dict[str, str]:
    """Every text file of the kit (wheel members too) as a student reads it; a notebook as its cells' sources."""
    texts = {}
    for name, data in kit_files(kit).items():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:  # the wheel itself, network weights: no text to search
            continue
        if name.endswith(".ipynb"):
            text = "\n".join("".join(cell["source"]) for cell in json.loads(text)["cells"])
        texts[name] = text
    return texts


def reference_code(path: Path, names: tuple[str, ...]) -> list[str]:
    """Each function's body without its docstring; and each long statement of the contract's functions.

    Single statements are searched in the answers only (``names``, their methods): a private
    helper's one-liner may well be a law a public check states too (a mean and a covariance).
    """
    source = path.read_text()
    contract = [node for node in ast.parse(source).body if getattr(node, "name", None) in names]
    in_contract = {id(n) for node in contract for n in ast.walk(node)}
    pieces = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            if body:
                pieces.append("\n".join(ast.get_source_segment(source, statement) for statement in body))
            if id(node) in in_contract:
                pieces += [ast.get_source_segment(source, statement) for statement in body
                           if len(squashed(ast.get_source_segment(source, statement))) >= LONG_STATEMENT]
    return pieces


def test_kit_holds_no_line_of_reference_code(full_kit, all_problems):
    texts = {name: squashed(text) for name, text in kit_texts(full_kit).items()}
    leaks = []
    for problem in all_problems:
        for piece in reference_code(REPO / "references" / f"{problem.module}.py", problem.names):
            leaks += [f"{name}: {piece!r}" for name, text in texts.items() if squashed(piece) in text]
    assert leaks == []


def declared_checks(path: Path) -> list[tuple[str, str]]:
    """``(name, description)`` of each ``@check`` function of a checks file, read without importing it."""
    if not path.is_file():
        return []
    checks = []
    for node in ast.parse(path.read_text()).body:
        for decorator in getattr(node, "decorator_list", []):
            if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", None) == "check":
                renamed = [k.value.value for k in decorator.keywords if k.arg == "name"]
                description = (ast.get_docstring(node) or "").strip().split("\n")[0].rstrip(".")
                checks.append((renamed[0] if renamed else node.name, description))
    return checks


def test_kit_names_no_hidden_check(full_kit, all_problems):
    texts = kit_texts(full_kit)
    public = {d for p in all_problems for _, d in declared_checks(p.folder / "public_checks.py")}
    hidden = [c for p in all_problems for c in declared_checks(p.folder / "hidden_checks.py")]
    assert len(hidden) >= len(all_problems), "too few hidden checks found: this test would prove little"
    # gradekit's own modules (the wheel's members, "!" in their name) may name a check they help
    # make (gan_loss_checks: losses_match_the_reference) or show one in a template (new-problem's
    # scaffold): a name there tells nothing; the description of what a hidden check tests would
    leaks = [f"{file}: {name}" for name, description in hidden for file, text in texts.items()
             if (re.search(rf"\b{re.escape(name)}\b", text) and "!" not in file)
             or (description and description not in public and description in text)]
    assert leaks == []


def test_kit_holds_no_file_of_references_hidden_checks_or_wrong_submissions(full_kit, all_problems):
    secret_files = list((REPO / "references").rglob("*.py"))
    for problem in all_problems:
        secret_files += [problem.folder / "hidden_checks.py", problem.folder / "variants.py"]
        secret_files += [p for p in (problem.folder / "tests").rglob("*") if p.is_file()]
    secret_bytes = {path.read_bytes() for path in secret_files if path.is_file()}
    files = kit_files(full_kit)
    assert any("!gradekit/" in name for name in files), "the kit carries no gradekit wheel to search"
    assert [name for name, data in files.items() if data in secret_bytes] == []
    assert [p for p in full_kit.rglob("*") if p.name in ("hidden_checks.py", "variants.py", "tests", "references")] == []
    in_wheel = [name.split("!", 1)[1] for name in files if "!" in name]
    assert [name for name in in_wheel if name.startswith("gradekit/course/bundled/")
            or set(name.split("/")) & {"hidden_checks.py", "tests", "references", "problems"}] == []
    # the modules that import the references (the reference models, the quiz keys) stay home too
    assert "gradekit/grading/runner.py" in in_wheel and "gradekit/notebook.py" in in_wheel
    assert not {"gradekit/calc/__init__.py", "gradekit/models/vae.py", "gradekit/kit/export.py"} & set(in_wheel)
    # and gradekit's own answer to a problem (the Fréchet distance), with what uses it
    assert "gradekit/metrics/face_net.py" in in_wheel
    assert not {"gradekit/metrics/frechet.py", "gradekit/metrics/image_fid.py", "gradekit/commands/fid.py"} & set(in_wheel)


def python_sources(kit: Path) -> list[tuple[str, str]]:
    """Every .py file, and every code cell of a notebook without its shell lines."""
    sources = [(str(p.relative_to(kit)), p.read_text()) for p in kit.rglob("*.py")]
    for path in kit.rglob("*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "code":
                lines = "".join(cell["source"]).splitlines()
                sources.append((f"{path.relative_to(kit)}#{cell['id']}",
                                "\n".join(line for line in lines if not line.lstrip().startswith("!"))))
    return sources


def test_nothing_in_the_kit_imports_the_references_or_hidden_checks(full_kit):
    forbidden = re.compile(r"^(gradekit\.calc|references)(\.|$)|(^|\.)(hidden_checks|variants)(\.|$)")
    imports = []
    for name, source in python_sources(full_kit):
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                imports += [(name, a.name) for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                imports += [(name, "." * node.level + (node.module or "") + "." + a.name) for a in node.names]
    assert any(name.endswith("public_checks.py") for name, _ in imports), "this test would prove nothing"
    assert [(name, module) for name, module in imports if forbidden.search(module.lstrip("."))] == []


def test_audit_names_a_hidden_check_slipped_into_a_kit(spine_kit, tmp_path):
    kit = tmp_path / "kit"
    shutil.copytree(spine_kit, kit)
    (kit / "problems" / "image-entropy" / "hidden_checks.py").write_text("")
    (kit / "helper.py").write_text("def f():\n    from .hidden_checks import reference\n")
    with pytest.raises(KitLeak) as leak:
        audit_kit(kit)
    assert "problems/image-entropy/hidden_checks.py: this file never ships" in str(leak.value)
    assert "helper.py imports .hidden_checks" in str(leak.value)


def test_audit_refuses_a_wheel_that_bundles_the_course(spine_kit, tmp_path):
    kit = tmp_path / "kit"
    shutil.copytree(spine_kit, kit)
    wheel = next((kit / "wheels").glob("gradekit-*.whl"))
    with zipfile.ZipFile(wheel, "a") as archive:
        archive.writestr("gradekit/course/bundled/references/maxout.py", "def maxout(x, units): ...\n")
    with pytest.raises(KitLeak) as leak:
        audit_kit(kit)
    assert f"wheels/{wheel.name}: gradekit/course/bundled/references/maxout.py" in str(leak.value)


def test_audit_follows_gradekit_modules_that_import_the_references(tmp_path, monkeypatch):
    package = tmp_path / "gradekit"
    (package / "models").mkdir(parents=True)
    (package / "models" / "__init__.py").write_text("")
    (package / "models" / "vae.py").write_text("from .losses import elbo\n")
    (package / "models" / "losses.py").write_text("from ..calc.gaussian_kl import gaussian_kl\n")
    (package / "plots.py").write_text("import matplotlib\nfrom gradekit import models\n")
    monkeypatch.setattr(audit, "GRADEKIT_DIR", package)
    assert audit.secret_imports("from gradekit.models.vae import VAE\n") == [
        "gradekit.models.vae (through gradekit.models.losses -> gradekit.calc.gaussian_kl)"]
    assert audit.secret_imports("import gradekit.plots\n") == []
