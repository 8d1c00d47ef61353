"""An assignment: ``assignments/<name>.toml`` read into one typed, frozen object with clear errors.

```toml
title = "Assignment 2: autoencoders, GANs and VAEs"
problems = ["denoising-autoencoder", "toy-gan", {id = "dcgan", points = 30}]  # points: optional
due = 2024-09-06T23:59:00+05:30       # an offset date-time, or a local one with timezone = "Asia/Kolkata"
show_hidden_after_due = true          # students see hidden checks' messages once the due date has passed

[late]
policy = "per-day"                    # "per-day", "cutoff" (nothing late counts) or "none"
per_day = 0.10                        # share of the score lost per day, or part of a day, late
cap = 0.50                            # the most that lateness can take
```

Every key is declared once below, with a default and a reason; an unknown
key is an error (a typo would otherwise silently change a grade).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from gradekit.tomlfile import TOMLDecodeError, loads

LatePolicyKind = Literal["none", "per-day", "cutoff"]
ASSIGNMENT_KEYS = {"title", "problems", "due", "timezone", "late", "show_hidden_after_due"}
LATE_KEYS = {"policy", "per_day", "cap"}
DAY = timedelta(days=1)


class AssignmentError(Exception):
    """An assignment file or name that cannot be used as it is (reported, never a traceback)."""


@dataclass(frozen=True)
class LatePolicy:
    """How lateness lowers a score: a share per started day late up to a cap, or a hard cutoff."""

    policy: LatePolicyKind = "none"
    per_day: float = 0.0  # share of the score lost per day or part of a day late (0.1 = 10 %)
    cap: float = 1.0  # the most lateness takes; 1.0 lets a late enough submission reach 0

    def penalty(self, late_by: timedelta) -> float:
        """The share of the score lost for a submission ``late_by`` after the due date (0 if on time)."""
        if late_by <= timedelta(0) or self.policy == "none":
            return 0.0
        if self.policy == "cutoff":
            return 1.0
        return min(self.cap, self.per_day * days_late(late_by))

    def describe(self) -> str:
        if self.policy == "none":
            return "no late penalty"
        if self.policy == "cutoff":
            return "hard cutoff: nothing late counts"
        return f"-{self.per_day:.0%} per day late, at most -{self.cap:.0%}"


@dataclass(frozen=True)
class AssignedProblem:
    id: str
    points: float | None = None  # None: the problem's own points from its problem.toml


@dataclass(frozen=True)
class Assignment:
    name: str  # the file's stem: what --assignment takes
    title: str
    problems: tuple[AssignedProblem, ...]
    due: datetime | None = None  # time-zone aware; None: no due date, so no lateness
    late: LatePolicy = field(default_factory=LatePolicy)
    show_hidden_after_due: bool = False  # Gradescope shows hidden checks' messages after the due date
    path: Path | None = None

    @property
    def problem_ids(self) -> list[str]:
        return [p.id for p in self.problems]

    def points_of(self, problem_id: str) -> float | None:
        return next((p.points for p in self.problems if p.id == problem_id), None)

    def penalty(self, submitted_at: datetime | None) -> float:
        """The share of the score lost by a submission made at ``submitted_at`` (0 if unknown or on time)."""
        if submitted_at is None or self.due is None:
            return 0.0
        return self.late.penalty(submitted_at - self.due)

    def to_json(self) -> dict:
        return {"name": self.name, "title": self.title,
                "due": self.due.isoformat() if self.due else None,
                "late_policy": self.late.describe()}


def days_late(late_by: timedelta) -> int:
    """Started days: one second late is one day late."""
    return max(0, math.ceil(late_by / DAY))


def load_assignment(path: Path) -> Assignment:
    """The assignment in ``path`` (``assignments/<name>.toml``)."""
    path = Path(path)
    try:
        config = loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise AssignmentError(f"{path}: {error.strerror or error}") from None
    except (TOMLDecodeError, UnicodeDecodeError) as error:
        raise AssignmentError(f"{path}: not valid TOML: {error}") from None
    where = str(path)
    _refuse_unknown(config, ASSIGNMENT_KEYS, where)
    title = config.get("title")
    if not isinstance(title, str) or not title.strip():
        raise AssignmentError(f"{where}: 'title' must be a non-empty string")
    return Assignment(
        name=path.stem,
        title=title,
        problems=_problems(config.get("problems"), where),
        due=_due(config.get("due"), config.get("timezone"), where),
        late=_late(config.get("late", {}), where),
        show_hidden_after_due=_boolean(config.get("show_hidden_after_due", False), "show_hidden_after_due", where),
        path=path.resolve(),
    )


def discover_assignments(folder: Path) -> list[Assignment]:
    """Every ``*.toml`` of ``folder``, sorted by name (none if the folder does not exist)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return [load_assignment(path) for path in sorted(folder.glob("*.toml"))]


def find_assignment(folder: Path, name: str) -> Assignment:
    """The assignment called ``name`` (a file stem of ``folder``, or a path to a .toml file)."""
    candidate = Path(name)
    if candidate.suffix == ".toml" and candidate.is_file():
        return load_assignment(candidate)
    path = Path(folder) / f"{name}.toml"
    if not path.is_file():
        known = sorted(p.stem for p in Path(folder).glob("*.toml")) if Path(folder).is_dir() else []
        listing = f"known: {', '.join(known)}" if known else f"there are none in {folder}"
        raise AssignmentError(f"unknown assignment {name!r}; {listing}")
    return load_assignment(path)


def parse_time(text: str, zone: tzinfo | None, where: str) -> datetime:
    """An ISO 8601 time with an offset (or, given a zone, without one); a date alone is its midnight."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise AssignmentError(f"{where}: {text!r} is not an ISO 8601 time (e.g. 2024-09-06T23:59:00+05:30)") from None
    if moment.tzinfo is None:
        if zone is None:
            raise AssignmentError(f"{where}: {text!r} has no time zone; write it with an offset "
                                  f"(e.g. {text.strip()}+05:30)")
        moment = moment.replace(tzinfo=zone)
    return moment


# ---------------------------------------------------------------- reading the parts


def _refuse_unknown(table: dict, known: set[str], where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise AssignmentError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")


def _problems(raw, where: str) -> tuple[AssignedProblem, ...]:
    if not isinstance(raw, list) or not raw:
        raise AssignmentError(f"{where}: 'problems' must be a non-empty list of problem ids "
                              f"(or {{id = \"...\", points = N}} tables)")
    problems = []
    for entry in raw:
        if isinstance(entry, str):
            problems.append(AssignedProblem(entry))
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise AssignmentError(f"{where}: a problem is an id or a table with an 'id': got {entry!r}")
        _refuse_unknown(entry, {"id", "points"}, f"{where}: problem {entry['id']!r}")
        points = entry.get("points")
        if points is not None and (isinstance(points, bool) or not isinstance(points, (int, float))
                                   or not points > 0 or not math.isfinite(points)):
            raise AssignmentError(f"{where}: problem {entry['id']!r}: points must be a positive number, got {points!r}")
        problems.append(AssignedProblem(entry["id"], None if points is None else float(points)))
    ids = [p.id for p in problems]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise AssignmentError(f"{where}: problem(s) listed twice: {', '.join(repeated)}")
    return tuple(problems)


def _zone(name, where: str) -> tzinfo | None:
    if name is None:
        return None
    if not isinstance(name, str):
        raise AssignmentError(f"{where}: 'timezone' must be a name such as \"Asia/Kolkata\"")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise AssignmentError(f"{where}: unknown time zone {name!r} (an IANA name such as \"Europe/Paris\")") from None


def _due(raw, zone_name, where: str) -> datetime | None:
    zone = _zone(zone_name, where)
    if raw is None:
        if zone is not None:
            raise AssignmentError(f"{where}: 'timezone' is given but there is no 'due' date")
        return None
    if isinstance(raw, str):
        return parse_time(raw, zone, f"{where}: due")
    if isinstance(raw, datetime):
        if raw.tzinfo is None:
            if zone is None:
                raise AssignmentError(f"{where}: 'due' has no time zone: add an offset "
                                      f"({raw.isoformat()}+05:30) or timezone = \"Area/City\"")
            return raw.replace(tzinfo=zone)
        if zone is not None:
            raise AssignmentError(f"{where}: 'due' has an offset and 'timezone' is given too; keep one")
        return raw
    if isinstance(raw, date):
        raise AssignmentError(f"{where}: 'due' needs a time of day too (e.g. {raw.isoformat()}T23:59:00+00:00)")
    raise AssignmentError(f"{where}: 'due' must be a date-time, got {raw!r}")


def _late(raw, where: str) -> LatePolicy:
    where = f"{where}: [late]"
    if not isinstance(raw, dict):
        raise AssignmentError(f"{where} must be a table")
    _refuse_unknown(raw, LATE_KEYS, where)
    policy = raw.get("policy", "per-day" if "per_day" in raw else "none")
    if policy not in ("none", "per-day", "cutoff"):
        raise AssignmentError(f"{where}: unknown policy {policy!r}; one of \"per-day\", \"cutoff\", \"none\"")
    share = {key: raw[key] for key in ("per_day", "cap") if key in raw}
    for key, value in share.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise AssignmentError(f"{where}: {key} is a share of the score between 0 and 1 "
                                  f"(0.1 for 10 %), got {value!r}")
    if policy != "per-day" and share:
        raise AssignmentError(f"{where}: {', '.join(share)} only apply to policy = \"per-day\"")
    if policy == "per-day" and "per_day" not in share:
        raise AssignmentError(f"{where}: policy = \"per-day\" needs per_day (the share lost per day late)")
    return LatePolicy(policy=policy, per_day=float(share.get("per_day", 0.0)), cap=float(share.get("cap", 1.0)))


def _boolean(value, key: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise AssignmentError(f"{where}: '{key}' must be true or false")
    return value
