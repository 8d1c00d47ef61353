#!/usr/bin/env bash
# Set up gradekit on a fresh machine: bubblewrap (the sandbox), a virtual
# environment in .venv, PyTorch, and gradekit with its test tools.
# Idempotent: a second run only checks what is there.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v bwrap >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup: installing bubblewrap (the sandbox for student code)" >&2
    apt-get update -qq >/dev/null && apt-get install -y -qq bubblewrap >/dev/null
  else
    echo "setup: WARNING: bubblewrap is missing and cannot be installed here;" \
         "gradekit will grade with reduced isolation (see docs/security.md)" >&2
  fi
fi

pip_install() {  # quiet pip; its log is shown only when it fails
  if ! .venv/bin/python -m pip install -q "$@" >.venv/pip.log 2>&1; then
    grep -v "^WARNING: Location" .venv/pip.log >&2
    return 1
  fi
}

[ -x .venv/bin/python ] || "${PYTHON:-python3}" -m venv .venv
pip_install --upgrade pip
if ! .venv/bin/python -c "import torch, torchvision" 2>/dev/null; then
  echo "setup: installing torch and torchvision (about a minute)" >&2
  # the pinned pair lies on the course machines' disk; elsewhere take what pip offers
  pip_install "torch==2.14.1" "torchvision==0.29.1" || pip_install torch torchvision
fi
pip_install -e ".[test]"
echo "setup: ready (.venv/bin/gradekit)" >&2
