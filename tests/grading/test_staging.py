"""The grader's copy of a submission: linear, capped, and never led outside by a link (issue 14 §2-§4).

Each cap of ``staging.Caps`` has a test that passes it with a small cap and
checks the submission becomes an error with a clear message; the walk's cost
is checked by counting what it looks at, never by timing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gradekit.grading import staging
from gradekit.grading.staging import Caps, stage


def make(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


def test_an_honest_relative_link_inside_the_folder_is_copied_as_the_file_it_names(tmp_path):
    source = make(tmp_path / "sub", {"src/impl.py": "def image_entropy(image):\n    return 0.0\n"})
    (source / "image_entropy.py").symlink_to("src/impl.py")
    staged = stage(source, tmp_path / "copy")
    copied = staged.path / "image_entropy.py"
    assert staged.error is None and staged.left_out == {}
    assert copied.is_file() and not copied.is_symlink()
    assert copied.read_text() == (source / "src/impl.py").read_text()


def test_an_absolute_link_to_a_file_inside_the_folder_is_copied_too(tmp_path):
    source = make(tmp_path / "sub", {"impl.py": "x = 1\n"})
    (source / "image_entropy.py").symlink_to(source / "impl.py")
    staged = stage(source, tmp_path / "copy")
    assert (staged.path / "image_entropy.py").read_text() == "x = 1\n"


@pytest.mark.parametrize("target, why", [
    ("/etc/passwd", "outside the submission folder"),
    ("../outside.py", "outside the submission folder"),
    ("missing.py", "broken or loops"),
    ("image_entropy.py", "broken or loops"),  # a link to itself
    ("folder", "only links to files are followed"),
])
def test_a_link_that_leads_out_is_broken_loops_or_names_a_folder_is_left_out_with_a_note(tmp_path, target, why):
    make(tmp_path, {"outside.py": "secret = 1\n"})
    source = make(tmp_path / "sub", {"folder/a.py": "a = 1\n"})
    (source / "image_entropy.py").symlink_to(target)
    staged = stage(source, tmp_path / "copy")
    assert staged.error is None
    assert not (staged.path / "image_entropy.py").exists()
    assert why in staged.left_out["image_entropy.py"]
    assert any("image_entropy.py" in note and why in note for note in staged.notes())


def test_a_loop_of_links_between_two_names_is_left_out(tmp_path):
    source = make(tmp_path / "sub", {})
    (source / "a.py").symlink_to("b.py")
    (source / "b.py").symlink_to("a.py")
    staged = stage(source, tmp_path / "copy")
    assert staged.error is None and set(staged.left_out) == {"a.py", "b.py"}


@pytest.mark.parametrize("ignored", [".git", "__pycache__", ".ipynb_checkpoints", "env"])
def test_links_into_ignored_folders_are_not_copied_so_they_cost_nothing(tmp_path, ignored):
    source = make(tmp_path / "sub", {f"{ignored}/objects/pack": "x" * 100_000})
    if ignored == "env":
        (source / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    for number in range(5):  # five links wrote 1.5 GB before (issue 14 §3)
        (source / f"data{number}.bin").symlink_to(source / ignored / "objects" / "pack")
    staged = stage(source, tmp_path / "copy", Caps(bytes=50_000))
    assert staged.error is None
    assert staged.written == 0
    assert all("not graded" in staged.left_out[f"data{n}.bin"] for n in range(5))
    assert not (staged.path / ignored).exists()


def test_links_count_as_the_bytes_they_copy(tmp_path):
    source = make(tmp_path / "sub", {"data.txt": "x" * 1000})
    for number in range(5):
        (source / f"copy{number}.txt").symlink_to("data.txt")
    assert stage(source, tmp_path / "fits", Caps(bytes=6000)).error is None
    staged = stage(source, tmp_path / "over", Caps(bytes=5500))
    assert "over the limit" in staged.error and "links to files count" in staged.error
    assert staged.written <= 5500


def test_the_byte_cap_makes_a_large_submission_an_error(tmp_path):
    source = make(tmp_path / "sub", {"image_entropy.py": "x = 1\n", "data.csv": "1," * 5000})
    staged = stage(source, tmp_path / "copy", Caps(bytes=8000))
    assert "over the limit of 0 MB" in staged.error or "over the limit" in staged.error
    assert staged.written <= 8000


def test_a_sparse_file_counts_by_its_size_and_is_refused_before_any_byte_is_read(tmp_path):
    source = make(tmp_path / "sub", {})
    with open(source / "huge.bin", "wb") as file:
        file.truncate(2**40)  # a terabyte of holes
    staged = stage(source, tmp_path / "copy")
    assert "over the limit" in staged.error and staged.written == 0


def test_the_entry_cap_stops_the_walk_at_once(tmp_path):
    source = make(tmp_path / "sub", {f"f{n}.txt": "" for n in range(50)})
    staged = stage(source, tmp_path / "copy", Caps(entries=20))
    assert "more than 20 files and folders" in staged.error
    assert staged.examined == 21


def test_the_depth_cap_leaves_deeper_folders_out_with_a_note(tmp_path, deep_folders):
    folder = tmp_path / "sub"
    folder.mkdir()
    deep_folders(folder, 1500)  # issue 14 §2: 1,500 nested folders made the grader crash
    (folder / "image_entropy.py").write_text("x = 1\n")
    staged = stage(folder, tmp_path / "copy", Caps(depth=32))
    assert staged.error is None
    assert (staged.path / "image_entropy.py").exists()
    assert any("more than 32 folders deep" in why for why in staged.left_out.values())
    assert staged.examined <= 40


def test_the_walk_looks_at_each_entry_once(tmp_path):
    """Linear: 4,000 empty files took 50 s before (an ignore test per file, per file)."""
    source = tmp_path / "sub"
    for folder in range(20):
        (source / f"d{folder}").mkdir(parents=True)
        for number in range(100):
            (source / f"d{folder}" / f"f{number}.py").touch()
    staged = stage(source, tmp_path / "copy")
    assert staged.error is None
    assert staged.examined == 20 + 20 * 100


def test_the_walk_of_a_folder_too_large_stops_at_the_cap_not_at_its_end(tmp_path):
    source = tmp_path / "sub"
    source.mkdir()
    for number in range(3000):
        (source / f"f{number}").touch()
    staged = stage(source, tmp_path / "copy", Caps(entries=100))
    assert staged.error and staged.examined == 101


def test_pipes_and_sockets_are_left_out_without_blocking(tmp_path):
    source = make(tmp_path / "sub", {"image_entropy.py": "x = 1\n"})
    os.mkfifo(source / "pipe.py")
    staged = stage(source, tmp_path / "copy")
    assert "not a regular file" in staged.left_out["pipe.py"]


def test_the_copy_is_open_to_a_worker_of_another_uid_whatever_the_students_modes(tmp_path):
    source = make(tmp_path / "sub", {"image_entropy.py": "x = 1\n", "pkg/helper.py": "y = 2\n"})
    os.chmod(source / "image_entropy.py", 0o600)
    os.chmod(source / "pkg", 0o700)
    staged = stage(source, tmp_path / "copy")
    assert (staged.path / "image_entropy.py").stat().st_mode & 0o777 == 0o644
    assert (staged.path / "pkg").stat().st_mode & 0o777 == 0o755


def test_a_name_that_is_not_utf8_is_copied_and_reported_safely(tmp_path):
    source = make(tmp_path / "sub", {"image_entropy.py": "x = 1\n"})
    os.mkfifo(os.path.join(os.fsencode(source), b"\xff\x1b[2Jpipe"))
    staged = stage(source, tmp_path / "copy")
    assert staged.error is None
    note = staged.notes()[0]
    assert "\x1b" not in note and "\\x1b" in note  # the name reaches a report escaped


def test_a_missing_folder_is_an_error_not_an_exception(tmp_path):
    staged = stage(tmp_path / "nowhere", tmp_path / "copy")
    assert "is not a folder" in staged.error


def test_the_caps_are_what_docs_security_says(repo):
    text = (repo / "docs" / "security.md").read_text()
    caps = staging.CAPS
    assert f"{caps.entries:,}" in text and f"{caps.bytes // 2**20} MB" in text and f"{caps.depth} folders" in text
