"""TOML reading in one place: ``tomllib`` on Python 3.11+, its backport ``tomli`` on 3.10.

    from gradekit.tomlfile import TOMLDecodeError, loads, read_toml
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

try:
    import tomllib  # novermin (3.11+; the except branch is 3.10)
except ImportError:  # Python 3.10 (mypy checks as 3.10, where no-redef is unused: no tomllib to redefine)
    import tomli as tomllib  # type: ignore[no-redef,unused-ignore]

TOMLDecodeError = tomllib.TOMLDecodeError
loads = tomllib.loads


def read_toml(path: Path | str) -> dict[str, Any]:
    """The TOML file at ``path`` as a dict (``TOMLDecodeError`` if it is not TOML)."""
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))
