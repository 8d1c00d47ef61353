"""``gradekit grade SUB --output FILE``: the rich format writes the report a person reads, not JSON."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from gradekit.cli import app


def test_the_rich_report_written_to_a_file_is_the_human_report(repo, tmp_path):
    target = tmp_path / "report.txt"
    case = repo / "problems/image-entropy/tests/natural-log"
    result = CliRunner().invoke(app, ["grade", str(case), "--problem", "image-entropy", "--output", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text()
    try:
        json.loads(text)
    except ValueError:
        pass
    else:
        raise AssertionError("--output with the rich format wrote JSON")
    assert "image-entropy" in text and "total" in text
    assert "exam_image_has_entropy_three_bits" in text  # a failed check, by name, as on the terminal
    assert "\x1b" not in text  # no terminal colours in a file
    assert "wrote" in result.stderr and str(target) in result.stderr.replace("\n", "")
