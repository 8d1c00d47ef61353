"""The class list an LMS knows: ``roster.csv``, one row per student, read into typed rows with clear errors.

```
student,name,id,sis_id,section,email,username
ada,Ada Lovelace,1001,S-17,Section A,ada@uni.edu,ada
```

``student`` is the name of the student's submission folder (what
``grade-all`` calls them); the other columns are the LMS's own and optional,
but each gradebook needs some: Canvas its ``id`` (or ``sis_id``), Moodle an
identifier (``email``, ``username`` or ``id``). Unknown columns are ignored
(a roster exported from elsewhere may carry more).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("student", "name", "id", "sis_id", "section", "email", "username")


class RosterError(ValueError):
    """A roster that cannot be used as it is: the message names the file and the row."""


@dataclass(frozen=True)
class Member:
    student: str  # the submission folder's name
    name: str = ""
    id: str = ""
    sis_id: str = ""
    section: str = ""
    email: str = ""
    username: str = ""
    row: int = 0  # the CSV line, for messages


def read_roster(path: Path) -> list[Member]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise RosterError(f"{path}: cannot be read ({error})") from None
    return parse_roster(text, str(path))


def parse_roster(text: str, source: str = "roster") -> list[Member]:
    """Members in file order; blank rows skipped; a missing ``student`` column or a repeated student is an error."""
    reader = csv.DictReader(io.StringIO(text))
    fields = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    if "student" not in fields:
        raise RosterError(f"{source}: the header needs a 'student' column (the submission folder's name); "
                          f"found: {', '.join(f for f in fields if f) or 'nothing'}")
    members: list[Member] = []
    seen: dict[str, int] = {}
    for row in reader:
        values = {column: (row.get(fields[column]) or "").strip() for column in COLUMNS if column in fields}
        if not any(values.values()):
            continue
        line = reader.line_num
        student = values["student"]
        if not student:
            raise RosterError(f"{source}, row {line}: the student (folder name) is empty")
        if student in seen:
            raise RosterError(f"{source}, row {line}: student {student!r} is already on row {seen[student]}")
        seen[student] = line
        members.append(Member(**values, row=line))
    if not members:
        raise RosterError(f"{source}: names no student")
    return members
