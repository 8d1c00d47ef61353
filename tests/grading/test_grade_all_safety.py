"""Grading a class survives its folder names, a full disk, a signal and a second run.

- grades.csv never holds a live spreadsheet formula, and a folder name that is
  not UTF-8 (or holds escapes) is graded under a safe, reversible name;
- a report the disk refuses (ENOSPC, EROFS, EACCES) stops the run with a
  message and a non-zero exit, the reports already written intact;
- SIGTERM to ``gradekit grade``, ``check`` or ``grade-all`` ends the run
  through its cleanup: no staging copy, no cgroup, no process is left;
- one run at a time holds an output folder; a killed run's lock does not block.

The signal and lock tests start the real command on ``hostile/hang-until-terminated``
(it hangs at import, with a double-forked child, both named after a marker) and
wait for its processes to show up before acting: no test depends on timing.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gradekit.cli import app
from gradekit.grading import batch, cgroups, output, sandbox
from gradekit.safe_text import FORMULA_STARTS, csv_cell

REPO = Path(__file__).resolve().parents[2]
HOSTILE = Path(__file__).resolve().parent / "hostile"
QUICK = "safety-probe"  # a problem of the test's own: one check, short limits
HANGS = ("safety-probe-hangs", "safety-probe-hangs-too")  # limits far beyond any test's length
REFERENCE = (REPO / "references" / "image_entropy.py").read_text()
PATIENCE = 240.0  # seconds a loaded machine may take to start a command and its sandboxes

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
PROBE_CHECKS = """import numpy as np

from gradekit.grading.api import check, expect_close, expect_real


@check(points=3)
def exam_image_has_entropy_three_bits(student):
    \"\"\"The exam's image has entropy 3 bits\"\"\"
    exam = np.array([[0, 1, 2, 3], [4, 5, 6, 7], [7, 6, 5, 4], [3, 2, 1, 0]])
    expect_close(expect_real(student.image_entropy(exam), "image_entropy(exam)"), 3.0, "image_entropy(exam)")
"""

pytestmark = pytest.mark.filterwarnings("ignore:bubblewrap:RuntimeWarning")


@pytest.fixture(scope="module")
def problems_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("problems")
    limits = {QUICK: "wall_seconds = 20\ncall_seconds = 3\nimport_seconds = 10\n",
              **{hang: "wall_seconds = 3600\ncall_seconds = 3600\nimport_seconds = 3600\n" for hang in HANGS}}
    for problem_id, limit in limits.items():
        target = root / problem_id
        target.mkdir()
        (target / "problem.toml").write_text(f'title = "{problem_id}"\npoints = 3\nmodule = "image_entropy"\n'
                                             f'names = ["image_entropy"]\n\n[limits]\n{limit}')
        (target / "public_checks.py").write_text(PROBE_CHECKS)
    return root


def invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def grade_all_args(submissions: Path, out: Path, problems_dir: Path, *extra) -> list:
    return ["grade-all", submissions, "--out", out, "--problems-dir", problems_dir, "--problem", QUICK, *extra]


def student(root: Path, name: str | bytes, answer: str | None = None) -> None:
    folder = os.path.join(os.fsencode(root), os.fsencode(name))
    os.makedirs(folder)
    with open(os.path.join(folder, b"image_entropy.py" if answer else b"README.txt"), "w") as file:
        file.write(answer or "nothing handed in\n")


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def unwrapped(text: str) -> str:
    """``text`` without white space: rich wraps a long line wherever it likes, a long path included."""
    return re.sub(r"\s+", "", text)


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != output.LOCK_NAME}


# ---------------------------------------------------------------- names


def test_folder_names_that_are_formulas_escapes_or_not_utf8_are_graded_under_safe_names(tmp_path, problems_dir):
    names = [b'=HYPERLINK("http:evil.example","10 of 10")', b"+1", b"-1+1", b"@SUM(A1)", b"\tTAB", b"\rCR",
             b"caf\xe9", b"esc\x1b]52;c;eA==\x07\x1b[2J", b"rtl\xe2\x80\xaeevil", b"100%", b"plain",
             b"\x1b" * 255,  # the longest name a folder may have, three times as long once escaped
             b"ann", b"ann.results"]  # whose reports would be taken for ann's Gradescope results
    for raw in names:
        student(tmp_path / "class", raw, REFERENCE if raw == b"caf\xe9" else None)
    out = tmp_path / "out"

    result = invoke(*grade_all_args(tmp_path / "class", out, problems_dir, "--gradescope"))

    assert result.exit_code == 0, result.output
    stems = {batch.student_name(Path(os.fsdecode(raw))): raw for raw in names}
    assert "ann%2Eresults" in stems
    rows = read_csv(out / "grades.csv")
    assert sorted(r["student"] for r in rows) == sorted(csv_cell(stem) for stem in stems)
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row.values())
    graded = {r["student"]: r for r in rows}["caf%E9"]
    assert float(graded["score"]) == float(graded["max_score"]) > 0  # graded (the reference), not skipped
    for name in os.listdir(os.fsencode(out)):  # every report's file name is printable UTF-8
        assert not UNSAFE.search(name.decode("utf-8")), name
    assert b"\x1b" not in (out / "grades.csv").read_bytes()
    for stem in stems:
        report = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        assert not UNSAFE.search(report["submission"])
        assert "tests" in json.loads((out / f"{stem}.results.json").read_text(encoding="utf-8"))

    again = invoke(*grade_all_args(tmp_path / "class", out, problems_dir, "--gradescope"))  # the next run resumes
    assert again.exit_code == 0, again.output
    assert unwrapped(f"graded 0 student(s), {len(names)} already graded") in unwrapped(again.stderr)


# ---------------------------------------------------------------- a disk that says no


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES], ids=errno.errorcode.get)
def test_a_report_the_disk_refuses_stops_the_run_with_a_message_and_keeps_the_others(
        code, tmp_path, problems_dir, monkeypatch):
    for name in ("ann", "ben"):
        student(tmp_path / "class", name)
    out = tmp_path / "out"
    assert invoke(*grade_all_args(tmp_path / "class", out, problems_dir)).exit_code == 0
    before = contents(out)
    for name in ("cid", "dan"):
        student(tmp_path / "class", name)

    def refuse(source, target, **kwargs):
        raise OSError(code, os.strerror(code), str(target))

    monkeypatch.setattr(os, "replace", refuse)
    result = invoke(*grade_all_args(tmp_path / "class", out, problems_dir))

    assert result.exit_code == 1
    assert unwrapped(f"cannot write {out / 'cid.json'}: {os.strerror(code)}") in unwrapped(result.stderr)
    assert "Traceback" not in result.output
    assert contents(out) == before  # nothing lost, nothing half-written


def test_a_submissions_folder_that_cannot_be_read_is_a_message_not_a_traceback(tmp_path, problems_dir, monkeypatch):
    student(tmp_path / "class", "ann")

    def unreadable(submissions, out):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(submissions))

    monkeypatch.setattr(batch, "student_folders", unreadable)
    result = invoke(*grade_all_args(tmp_path / "class", tmp_path / "out", problems_dir))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert unwrapped(f"Permission denied ({tmp_path / 'class'})") in unwrapped(result.stderr)


def test_grade_output_the_disk_refuses_is_a_message_and_leaves_no_partial_file(tmp_path, problems_dir, monkeypatch):
    student(tmp_path, "ann")
    target = tmp_path / "reports" / "ann.json"
    target.parent.mkdir()

    def refuse(source, destination, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(destination))

    monkeypatch.setattr(os, "replace", refuse)
    result = invoke("grade", tmp_path / "ann", "--problems-dir", problems_dir, "--problem", QUICK,
                    "--format", "json", "--output", target)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert unwrapped(f"cannot write {target}: No space left on device") in unwrapped(result.stderr)
    assert list(target.parent.iterdir()) == []


@pytest.mark.parametrize("args", [["grade", "--format", "json"], ["grade"], ["check", "--format", "json"], ["check"]],
                         ids=" ".join)
def test_a_report_printed_to_a_full_disk_is_a_message_not_a_traceback(args, tmp_path, problems_dir):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    student(tmp_path, "ann")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "gradekit.cli", args[0], tmp_path / "ann", "--problems-dir",
                               problems_dir, "--problem", QUICK, *args[1:]], cwd=REPO, stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=PATIENCE)
    assert done.returncode == 1, done.stderr
    assert "cannot write the report to standard output: No space left on device" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_quiz_marks_csv_cells_never_start_a_formula_and_marks_json_carries_no_escapes():
    from gradekit.sheets.marking import Marks, QuestionMark, StudentMark
    from gradekit.sheets.report import marks_csv, marks_json

    names = ['=HYPERLINK("http:evil.example","A+")', "+1", "-x", "@x", "\tx", "esc\x1b[2J", "Ann"]
    marks = Marks(tuple(StudentMark(name, row, (QuestionMark("q1", "1\x1b]52;c;eA==\x07", 1, 1.0, 1.0),))
                        for row, name in enumerate(names, start=2)), (), ("absent\x1b[8m",))
    rows = list(csv.DictReader(marks_csv(marks).splitlines()))
    assert [r["student"] for r in rows] == [csv_cell(n) for n in names]
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row.values())
    assert rows[-1] == {"student": "Ann", "score": "1", "max_score": "1", "q1": "1"}
    text = marks_json(marks)
    assert not UNSAFE.search(text) and "esc[2J" in text and "1]52;c;eA==" in text


def test_a_full_or_read_only_disk_is_reported_without_a_traceback(tmp_path, problems_dir):
    """The same on a real tmpfs, mounted in a private mount namespace (``unshare``)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare(1) to mount a small tmpfs")
    for name in ("ann",):
        student(tmp_path / "first", name)
    for name in ("ann", "ben", "cid"):
        student(tmp_path / "class", name)
    out, logs = tmp_path / "out", tmp_path / "logs"
    out.mkdir()
    logs.mkdir()
    run = f"{sys.executable} -m gradekit.cli grade-all --out {out} --problems-dir {problems_dir} --problem {QUICK}"
    script = f"""
        mount -t tmpfs -o size=512k tmpfs {out} || exit 97
        {run} {tmp_path / 'first'} 2> {logs}/first.err || exit 98
        sha256sum {out}/ann.json {out}/grades.csv > {logs}/before
        head -c 4M /dev/zero > {out}/filler 2> /dev/null
        {run} {tmp_path / 'class'} 2> {logs}/full.err; echo $? > {logs}/full.rc
        sha256sum {out}/ann.json {out}/grades.csv > {logs}/after
        ls -A {out} > {logs}/listing
        rm {out}/filler && mount -t tmpfs -o remount,ro tmpfs {out} || exit 99
        {run} {tmp_path / 'class'} 2> {logs}/ro.err; echo $? > {logs}/ro.rc
    """
    namespace = [unshare, "--mount"] if os.geteuid() == 0 else [unshare, "--user", "--map-root-user", "--mount"]
    done = subprocess.run([*namespace, "sh", "-c", script], cwd=REPO, capture_output=True, text=True,
                          timeout=600)
    if done.returncode == 97 or (done.returncode != 0 and not (logs / "first.err").exists()):
        pytest.skip(f"cannot mount a tmpfs in a mount namespace here: {done.stderr.strip()[-200:]}")
    assert done.returncode == 0, (done.stderr, *(p.read_text() for p in logs.glob("*.err")))
    read = lambda name: " ".join((logs / name).read_text().split())  # noqa: E731 (as rich wrapped it)
    assert read("full.rc").strip() == "1" and "No space left on device" in read("full.err"), read("full.err")
    assert read("ro.rc").strip() == "1" and "Read-only file system" in read("ro.err"), read("ro.err")
    assert "Traceback" not in read("full.err") + read("ro.err")
    assert read("before") == read("after")  # the report and grades.csv of the first run are intact
    listing = read("listing").split()
    assert "ben.json" not in listing and not any("partial" in name for name in listing), listing


# ---------------------------------------------------------------- signals


def hang_folder(root: Path, name: str, marker: str) -> Path:
    folder = root / name
    shutil.copytree(HOSTILE / "hang-until-terminated", folder)
    (folder / "target.json").write_text(json.dumps({"marker": marker}))
    return folder


def start(args: list, logs: Path, **env: str) -> subprocess.Popen:
    logs.mkdir(exist_ok=True)
    return subprocess.Popen([sys.executable, "-m", "gradekit.cli", *map(str, args)], cwd=REPO,
                            stdout=open(logs / "stdout", "wb"), stderr=open(logs / "stderr", "wb"),
                            env={**os.environ, **env}, start_new_session=True)


def named(marker: str) -> list[int]:
    """Live processes called ``marker`` (the hanging submission's, in or out of a sandbox)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == marker and _alive(int(entry.name)):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def wait_until(condition, what: str, process: subprocess.Popen | None = None, logs: Path | None = None) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if process is not None and process.poll() is not None:
            pytest.fail(f"the command ended (status {process.returncode}) before {what}: "
                        f"{(logs / 'stderr').read_text()[-3000:] if logs else ''}")
        if time.monotonic() > deadline:
            pytest.fail(f"waited {PATIENCE:g} s for {what}")
        time.sleep(0.1)


def descendants(pid: int) -> list[int]:
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            frontier += children
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def leftovers(pids: list[int]) -> list[str]:
    """Staging folders and cgroups named after any of ``pids``."""
    found = []
    for pid in pids:
        found += [str(p) for p in Path(tempfile.gettempdir()).glob(f"{sandbox.STAGING_PREFIX}{pid}-*")]
        for hierarchy in cgroups.usable():
            found += [str(p) for p in hierarchy.parent.glob(f"{cgroups.PREFIX}{pid}-*")]
    return found


@pytest.fixture
def marker():
    """A process name for this test's hanging submission; whatever carries it is killed at the end."""
    name = f"gkt{secrets.token_hex(5)}"
    yield name
    for pid in named(name):  # only if the test failed: the test itself asserts there are none
        os.kill(pid, signal.SIGKILL)


MODES = {"bubblewrap": {}, "no-bubblewrap": {"GRADEKIT_NO_BWRAP": "1"}}


def require_reaper(mode: str, monkeypatch) -> dict:
    for name, value in MODES[mode].items():
        monkeypatch.setenv(name, value)
    found = sandbox.isolation()
    if mode == "bubblewrap" and not found.namespaces:
        pytest.skip("bubblewrap is not installed or refuses to start here")
    if not (found.cgroup or found.namespaces):
        pytest.skip("neither a cgroup nor a PID namespace: the child in its own session cannot be found "
                    "to be killed (docs/security.md)")
    return MODES[mode]


def stop_and_check(process: subprocess.Popen, marker: str, logs: Path, expected: int,
                   signum: int = signal.SIGTERM) -> str:
    """Signal ``process`` once ``expected`` processes carry ``marker``; check that nothing is left."""
    wait_until(lambda: len(named(marker)) >= expected, f"{expected} hanging processes", process, logs)
    pids = [process.pid, *descendants(process.pid)]
    process.send_signal(signum)
    status = process.wait(timeout=PATIENCE)
    stderr = (logs / "stderr").read_text()
    assert status == 128 + signum, stderr
    assert signal.Signals(signum).name in stderr, stderr  # said once, by the command
    assert "Traceback" not in stderr, stderr
    # the command exits only after its cleanup; its last helpers (fork server) may take a moment to notice
    wait_until(lambda: not named(marker) and not any(_alive(p) for p in pids), "the processes to end")
    assert leftovers(pids) == []
    return " ".join(stderr.split())  # as rich wrapped it


@pytest.mark.parametrize(("command", "mode", "signum"), [
    ("grade", "bubblewrap", signal.SIGTERM), ("grade", "no-bubblewrap", signal.SIGTERM),
    ("check", "bubblewrap", signal.SIGTERM), ("check", "no-bubblewrap", signal.SIGTERM),
    ("grade", "bubblewrap", signal.SIGHUP),  # a closed terminal
], ids=lambda value: value.name if isinstance(value, signal.Signals) else value)
def test_sigterm_to_grade_or_check_leaves_no_staging_cgroup_or_process(command, mode, signum, marker, tmp_path,
                                                                        problems_dir, monkeypatch):
    env = require_reaper(mode, monkeypatch)
    folder = hang_folder(tmp_path, "hangs", marker)
    process = start([command, folder, "--problems-dir", problems_dir, "--problem", HANGS[0], "--jobs", "1",
                     "--format", "json"], tmp_path / "logs", **env)
    stop_and_check(process, marker, tmp_path / "logs", expected=2, signum=signum)  # the worker and its child


def test_sigterm_to_grade_with_helper_processes_stops_them_too(marker, tmp_path, problems_dir, monkeypatch):
    env = require_reaper("bubblewrap", monkeypatch)
    folder = hang_folder(tmp_path, "hangs", marker)
    process = start(["grade", folder, "--problems-dir", problems_dir, "--problem", HANGS[0], "--problem", HANGS[1],
                     "--jobs", "2", "--format", "json"], tmp_path / "logs", **env)
    stop_and_check(process, marker, tmp_path / "logs", expected=4)  # two problems at once, each hanging


def test_sigterm_to_grade_all_stops_its_pool_in_order_and_frees_the_output(marker, tmp_path, problems_dir,
                                                                           monkeypatch):
    env = require_reaper("bubblewrap", monkeypatch)
    for name in ("ann", "ben"):
        hang_folder(tmp_path / "class", name, marker)
    out = tmp_path / "out"
    process = start(["grade-all", tmp_path / "class", "--out", out, "--problems-dir", problems_dir,
                     "--problem", HANGS[0], "--workers", "2"], tmp_path / "logs", **env)
    stderr = stop_and_check(process, marker, tmp_path / "logs", expected=4)
    assert "run the same command again" in stderr
    assert not list(out.glob(".*partial*"))
    with output.exclusive(out):  # released
        pass


# ---------------------------------------------------------------- one run per output folder


def test_a_second_run_on_the_same_output_stops_and_a_killed_runs_lock_does_not_block(marker, tmp_path,
                                                                                     problems_dir):
    hang_folder(tmp_path / "class", "ann", marker)
    student(tmp_path / "class", "ben")
    out = tmp_path / "out"
    first = start(["grade-all", tmp_path / "class", "--out", out, "--problems-dir", problems_dir,
                   "--problem", HANGS[0]], tmp_path / "first")
    lock = out / output.LOCK_NAME
    wait_until(lambda: lock.exists() and lock.read_text().strip() == str(first.pid), "the first run's lock",
               first, tmp_path / "first")
    before = contents(out)

    second = subprocess.run([sys.executable, "-m", "gradekit.cli", "grade-all", tmp_path / "class", "--out", out,
                             "--problems-dir", problems_dir, "--problem", HANGS[0]],
                            cwd=REPO, capture_output=True, text=True, timeout=PATIENCE)
    assert second.returncode == 2, second.stderr
    assert unwrapped(f"another gradekit run (process {first.pid}) is writing to {out}") in unwrapped(second.stderr)
    assert contents(out) == before  # it graded no one and wrote nothing

    pool = descendants(first.pid)
    first.send_signal(signal.SIGKILL)  # no cleanup at all: the lock must go with the process
    first.wait()
    wait_until(lambda: not any(_alive(p) for p in pool), "the killed run's pool to die")
    with output.exclusive(out):
        pass
    sandbox.remove_stale_staging()  # what the killed run left (the next run would remove it too)
    cgroups.sweep_stale()


def test_the_lock_is_exclusive_within_one_process_too(tmp_path):
    with output.exclusive(tmp_path):
        with pytest.raises(output.OutputInUse, match=f"process {os.getpid()}"):
            with output.exclusive(tmp_path):
                pass
    with output.exclusive(tmp_path):
        pass


def test_no_write_goes_through_a_link_left_in_the_output_folder(tmp_path):
    out, target = tmp_path / "out", tmp_path / "precious"
    out.mkdir()
    target.write_text("keep me\n")
    (out / f".ann.json.partial-{os.getpid()}").symlink_to(target)  # where the next temporary file would be
    output.write_atomically(out / "ann.json", "{}")
    assert (out / "ann.json").read_text() == "{}\n" and target.read_text() == "keep me\n"

    (out / output.LOCK_NAME).symlink_to(target)
    with pytest.raises(output.OutputError, match="cannot lock"):
        with output.exclusive(out):
            pass
    assert target.read_text() == "keep me\n"
    (out / output.LOCK_NAME).unlink()
    with output.exclusive(out):
        assert (out / output.LOCK_NAME).stat().st_mode & 0o777 == 0o600  # no other uid may open it
