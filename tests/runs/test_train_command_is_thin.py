"""`gradekit train` wires typer to gradekit.runs: importing the command loads no torch, so --help stays fast."""

import subprocess
import sys


def test_importing_the_train_and_fid_commands_loads_no_torch():
    code = "import sys, gradekit.commands.train, gradekit.commands.fid; print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
